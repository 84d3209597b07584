// The workbench: documents on the left, the article in the centre, tags and their details on the right.
import { tagSummary } from './components/tag-summary';
import { isTypingTarget, NEXT_KEY, PREVIOUS_KEY } from './keymap';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WorkbenchState } from '../src-shared/api/contract';
import type { Annotation, AnnotationKind, AttributesPatch } from '../src-shared/model/annotation';
import type { Document } from '../src-shared/model/document';
import { ApiError, type Client } from './api/client';
import { ArticlePane, type TextSelection } from './components/ArticlePane';
import { NamePrompt } from './components/NamePrompt';
import { TagDetails } from './components/TagDetails';
import { TagList } from './components/TagList';
import { KIND_LABELS, kindForKey } from './components/kinds';
import { Welcome } from './components/Welcome';
import { ImportControl, importFiles } from './components/ImportControl';
import type { ArticleView } from './editor/article-view';
import { pageAtOffset } from '../src-shared/text/pages';
import { ExportDialog, MergeDialog, previewTeammateFile, shareProjectFile } from './components/ShareDialogs';
import type { MergePreview } from '../src-shared/api/contract';
import { ProjectFileButton } from './components/ProjectFileButton';
import { ReviewMode } from './components/ReviewMode';
import { useLiveUpdates } from './hooks/useLiveUpdates';
import { useTagFilter } from './hooks/useTagFilter';
import { useMessage } from './hooks/useMessage';
import { ProjectSidebar } from './components/ProjectSidebar';
import { useProjectData } from './hooks/use-project-data';
import { useTagJump } from './hooks/use-tag-jump';
import { useDuplicateTag } from './hooks/use-duplicate-tag';

/** The shown tag after (`step` 1) or before (-1) the selected one in text order, wrapping around; the first or last when none is selected. */
function adjacentTag(shown: readonly Annotation[], selectedId: string | null, step: 1 | -1): Annotation | undefined {
  const inText = shown.filter((a) => a.target !== null).sort((x, y) => (x.target?.start ?? 0) - (y.target?.start ?? 0) || (y.target?.end ?? 0) - (x.target?.end ?? 0));
  if (inText.length === 0) return undefined;
  const at = inText.findIndex((a) => a.id === selectedId);
  if (at === -1) return step > 0 ? inText[0] : inText[inText.length - 1];
  return inText[(at + step + inText.length) % inText.length];
}

export function App({ client }: { client: Client }) {
  const [workbench, setWorkbench] = useState<WorkbenchState | null>(null);
  const [analystName, setAnalystName] = useState<string | null>(null);
  const [askName, setAskName] = useState(false);
  const { info, documents, actors, revision, refreshProject, clearProject, createActor, updateActor } = useProjectData(client);
  const [doc, setDoc] = useState<Document | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [initialAnnotations, setInitialAnnotations] = useState<Annotation[]>([]);
  const tagFilter = useTagFilter(info?.analyst?.id ?? null);
  const shownInArticle = useRef(tagFilter.matches);
  shownInArticle.current = tagFilter.matches;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusDetails, setFocusDetails] = useState(false);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const { message, setMessage, dismiss: dismissMessage } = useMessage();
  const [showKeys, setShowKeys] = useState(false);
  const viewRef = useRef<ArticleView | null>(null);
  const [exporting, setExporting] = useState(false);
  const [mergePreview, setMergePreview] = useState<(MergePreview & { previewId: string; fileName: string }) | null>(null);
  const mergeInputRef = useRef<HTMLInputElement>(null);
  const [reviewing, setReviewing] = useState(false);
  const [showActor, setShowActor] = useState<{ id: string } | null>(null);

  const report = useCallback((error: unknown) => {
    setMessage({ kind: 'error', text: error instanceof ApiError ? error.message : `Something went wrong: ${(error as Error).message}` });
  }, []);
  const say = useCallback((text: string) => setMessage({ kind: 'info', text }), []);

  const openDocument = useCallback(
    async (id: string) => {
      const [document, list] = await Promise.all([client.call('document.get', { id }), client.call('annotation.listForDocument', { documentId: id })]);
      setSelection(null);
      setSelectedId(null);
      setInitialAnnotations(list.annotations);
      setAnnotations(list.annotations);
      setDoc(document);
      void client.call('workbench.rememberDocument', { documentId: id }).catch(() => {});
    },
    [client],
  );

  const loadWorkbench = useCallback(async () => {
    const [state, settings] = await Promise.all([client.call('workbench.state', {}), client.call('settings.get', {})]);
    setWorkbench(state);
    setAnalystName(settings.analystName);
    if (!settings.analystName) setAskName(true);
    if (!state.projectName) {
      setDoc(null);
      clearProject();
      return;
    }
    const { documents: docs } = await refreshProject();
    const first = docs.find((d) => d.id === state.lastDocumentId) ?? docs[0];
    if (first) await openDocument(first.id);
    else setDoc(null);
  }, [client, refreshProject, clearProject, openDocument]);

  useEffect(() => {
    loadWorkbench().catch(report);
  }, [loadWorkbench, report]);

  /** After undo/redo or a change made elsewhere: reload the open document's tags and the counts. */
  const reloadTags = useCallback(async (): Promise<Annotation[]> => {
    await refreshProject();
    if (!doc) return [];
    const list = await client.call('annotation.listForDocument', { documentId: doc.id });
    setAnnotations(list.annotations);
    viewRef.current?.setAnnotations(list.annotations.filter(shownInArticle.current));
    setSelectedId((id) => (id && list.annotations.some((a) => a.id === id) ? id : null));
    return list.annotations;
  }, [client, doc, refreshProject]);

  // The filters decide what the article shows, as well as the list.
  const annotationsNow = useRef(annotations);
  annotationsNow.current = annotations;
  useEffect(() => {
    viewRef.current?.setAnnotations(annotationsNow.current.filter(tagFilter.matches));
  }, [tagFilter.matches]);

  useLiveUpdates(client, { openDocumentId: doc?.id ?? null, reloadTags, refreshProject, onError: report });

  const selectTag = useCallback((id: string | null, scroll = true) => {
    setSelectedId(id);
    setFocusDetails(false);
    viewRef.current?.select(id);
    if (id && scroll) viewRef.current?.scrollToAnnotation(id, true);
  }, []);

  const duplicate = useDuplicateTag({ client, annotations, selfId: info?.analyst?.id, reloadTags, selectTag, say });

  /** After every change: the document counts, the registry's and the analysts' figures. */
  const refreshCounts = useCallback(() => void refreshProject().catch(report), [refreshProject, report]);

  const createTag = useCallback(
    async (kind: AnnotationKind, target: { start: number; end: number } | null) => {
      if (!doc) return;
      // The passage is drawn at once, marked as pending; it becomes a tag only when the project file has it.
      const existing = duplicate.existing(kind, target);
      if (existing) {
        viewRef.current?.clearSelection();
        setSelection(null);
        return duplicate.select(existing.id);
      }
      tagFilter.reveal(kind);
      const pending = target ? (viewRef.current?.drawPending(kind, target) ?? null) : null;
      setSelection(null);
      try {
        const created = await client.call('annotation.create', { documentId: doc.id, kind, target });
        setAnnotations((list) => [...list, created]);
        if (created.target) viewRef.current?.addAnnotation(created, { select: true, clearSelection: true, ...(pending ? { replacing: pending } : {}) });
        else viewRef.current?.select(created.id);
        setSelectedId(created.id);
        setFocusDetails(true);
        refreshCounts();
      } catch (error) {
        if (pending) viewRef.current?.removeAnnotation(pending);
        if (!duplicate.onRefused(error, kind, target)) report(error);
      }
    },
    [client, doc, duplicate, report, refreshCounts],
  );

  const tagSelection = useCallback(
    (kind: AnnotationKind) => {
      const range = viewRef.current?.currentRange() ?? selection;
      if (range) void createTag(kind, { start: range.start, end: range.end });
    },
    [createTag, selection],
  );

  const updateTag = async (id: string, change: { attributes?: AttributesPatch; note?: string }) => {
    try {
      const updated = await client.call('annotation.update', { id, ...change });
      setAnnotations((list) => list.map((a) => (a.id === id ? updated : a)));
      if (updated.target) viewRef.current?.updateAnnotation(updated);
      if (change.attributes) refreshCounts(); // a linked actor or claimant changes the registry's mentions
    } catch (error) {
      report(error);
    }
  };

  const deleteTag = useCallback(
    async (id: string) => {
      try {
        const deleted = await client.call('annotation.delete', { id });
        setAnnotations((list) => list.filter((a) => a.id !== id));
        viewRef.current?.removeAnnotation(id);
        setSelectedId(null);
        refreshCounts();
        say(`${KIND_LABELS[deleted.kind]} tag deleted. Undo brings it back.`);
      } catch (error) {
        report(error);
      }
    },
    [client, report, refreshCounts],
  );

  const undoRedo = useCallback(
    async (which: 'undo' | 'redo') => {
      try {
        const result = which === 'undo' ? (await client.call('history.undo', {})).undone : (await client.call('history.redo', {})).redone;
        say(result ? `${which === 'undo' ? 'Undid' : 'Redid'}: ${result.label}` : `Nothing to ${which}.`);
        await reloadTags();
      } catch (error) {
        report(error);
      }
    },
    [client, reloadTags, report],
  );

  const updateActorAliases = (actorId: string, aliases: string[]) => updateActor(actorId, { aliases }).then(() => {}, report);

  const runImport = useCallback(
    async (files: readonly File[]) => {
      const outcome = await importFiles(client, files);
      const { documents: docs } = await refreshProject();
      const opened = outcome.lastImportedId ?? (doc ? null : docs[0]?.id);
      if (opened) await openDocument(opened);
      setMessage(outcome.message);
    },
    [client, doc, openDocument, refreshProject],
  );
  const fileInputRef = useRef<HTMLInputElement>(null);

  const shareProject = useCallback(async () => {
    try {
      say(`Saved “${await shareProjectFile(client)}”: send it to a teammate, who can open it or merge it.`);
    } catch (error) {
      report(error);
    }
  }, [client, report]);

  const chooseTeammateFile = useCallback(
    async (file: File) => {
      try {
        say(`Checking “${file.name}”…`);
        setMergePreview(await previewTeammateFile(client, file));
        setMessage(null);
      } catch (error) {
        report(error);
      }
    },
    [client, report],
  );

  // Keys: 1–4 tag the selection, Esc dismisses, Delete removes the selected tag, Ctrl/Cmd+Z undoes.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === '?' && !askName && !isTypingTarget(event.target)) {
        event.preventDefault();
        setShowKeys((shown) => !shown);
        return;
      }
      if (askName || reviewing) return; // the review mode has its own keys
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.altKey && (event.key.toLowerCase() === 'z' || event.key.toLowerCase() === 'y')) {
        if (isTypingTarget(event.target) || workbench?.host === 'desktop') return; // the desktop menu sends undo/redo
        event.preventDefault();
        void undoRedo(event.key.toLowerCase() === 'y' || event.shiftKey ? 'redo' : 'undo');
        return;
      }
      if (isTypingTarget(event.target) || mod || event.altKey) return;
      const kind = kindForKey(event.key);
      const step = event.key.toLowerCase() === NEXT_KEY ? 1 : event.key.toLowerCase() === PREVIOUS_KEY ? -1 : 0;
      if (step !== 0 && !event.shiftKey) {
        const next = adjacentTag(annotations.filter(tagFilter.matches), selectedId, step);
        if (next) {
          event.preventDefault();
          selectTag(next.id);
        }
      } else if (kind && (viewRef.current?.currentRange() ?? selection)) {
        event.preventDefault();
        tagSelection(kind);
      } else if (event.key === 'Escape') {
        if (selection || viewRef.current?.currentRange()) {
          viewRef.current?.clearSelection();
          setSelection(null);
        } else selectTag(null, false);
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && selectedId) {
        event.preventDefault();
        void deleteTag(selectedId);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [askName, reviewing, workbench?.host, selection, selectedId, tagSelection, selectTag, deleteTag, undoRedo, annotations, tagFilter.matches]);

  // Desktop menu events.
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'undo' || event.type === 'redo') {
          if (reviewing) return; // the review mode undoes and refreshes itself
          // In a text field the menu's Undo means the field's own undo, not the project's.
          if (isTypingTarget(document.activeElement)) document.execCommand(event.type);
          else void undoRedo(event.type);
        }
        else if (event.type === 'project-changed') {
          setReviewing(false);
          loadWorkbench().catch(report);
        }
        else if (event.type === 'import-articles') fileInputRef.current?.click();
        else if (event.type === 'add-document-warning') void createTag('reliability_warning', null);
        else if (event.type === 'share-project') void shareProject();
        else if (event.type === 'merge-teammate') mergeInputRef.current?.click();
        else if (event.type === 'export-project') setExporting(true);
      }),
    [client, reviewing, undoRedo, loadWorkbench, createTag, report, shareProject],
  );

  // Drag and drop of article files anywhere on the window, with a drop zone shown while files are over it.
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false); // left the window
    };
    const drop = (e: DragEvent) => {
      setDragging(false);
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      void runImport([...e.dataTransfer.files]).catch(report);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [runImport, report]);

  /** Your name: the core renames your analyst in place (same id), so your tags show the new name. */
  const renameSelf = async (name: string) => {
    const saved = await client.call('settings.update', { analystName: name });
    setAnalystName(saved.analystName);
    if (workbench?.projectName) await reloadTags();
  };

  const jumpToTag = useTagJump(doc?.id ?? null, openDocument, selectTag);

  const actorMap = useMemo(() => new Map(actors.map((a) => [a.id, a])), [actors]);
  const selected = annotations.find((a) => a.id === selectedId) ?? null;
  const documentWarnings = annotations.filter((a) => a.target === null);
  const analystNames = new Map((info?.analysts ?? []).map((a) => [a.id, a.name]));

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Marginalia</span>
        <span className="project-name">{workbench?.projectName ? (info?.name ?? workbench.projectName) : 'No project open'}</span>
        {workbench?.projectName && <ImportControl inputRef={fileInputRef} onFiles={(files) => runImport(files).catch(report)} />}
        {workbench?.projectName && (
          <>
            <button onClick={() => setExporting(true)} title="Export in a standard format: report, spreadsheet, W3C, REFI-QDA, brat">Export…</button>
            <button onClick={() => void shareProject()} title="Save the whole project as one file to send to a teammate">Share project</button>
            <ProjectFileButton
              label="Merge…"
              title="Merge a teammate's project file into this one (you see a preview first)"
              inputLabel="Teammate’s project file to merge"
              inputRef={mergeInputRef}
              testId="merge-input"
              onFile={(file) => void chooseTeammateFile(file)}
            />
          </>
        )}
        {workbench?.projectName && documents.length > 0 && !reviewing && (
          <button onClick={() => setReviewing(true)} title="Compare two analysts' tags on one article — in this project or in a teammate's file — and decide their differences">Review…</button>
        )}
        {!reviewing && (
          <>
            <button onClick={() => void undoRedo('undo')} disabled={!workbench?.projectName} title="Undo (Ctrl/Cmd+Z)">Undo</button>
            <button onClick={() => void undoRedo('redo')} disabled={!workbench?.projectName} title="Redo (Ctrl/Cmd+Shift+Z)">Redo</button>
          </>
        )}
        <button onClick={() => setShowKeys(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
          <kbd>?</kbd>
        </button>
        <button className="analyst" onClick={() => setAskName(true)} title="Change your name">
          {analystName ? `Analyst: ${analystName}` : 'Set your name'}
        </button>
      </header>
      {message && (
        <div className={`message message-${message.kind}`} role={message.kind === 'info' ? 'status' : 'alert'}>
          {message.text}
          <button className="link" aria-label="Dismiss message" onClick={dismissMessage}>✕</button>
        </div>
      )}
      {workbench && !workbench.projectName ? (
        <Welcome client={client} state={workbench} onOpened={() => loadWorkbench().catch(report)} onError={report} />
      ) : reviewing ? (
        <ReviewMode
          client={client}
          document={doc}
          documentAnnotations={annotations}
          analysts={info?.analysts ?? []}
          undoKeys={workbench?.host !== 'desktop'}
          onClose={() => {
            setReviewing(false);
            void reloadTags().catch(report);
          }}
          onChanged={() => void refreshProject().catch(report)}
        />
      ) : (
        <div className="panes">
          <ProjectSidebar
            client={client}
            documents={documents}
            actors={actors}
            revision={revision}
            currentDocumentId={doc?.id ?? null}
            showActor={showActor}
            onOpenDocument={(id) => openDocument(id).catch(report)}
            onJump={(documentId, annotationId) => void jumpToTag(documentId, annotationId).catch(report)}
            onRenameSelf={renameSelf}
            onChanged={(text) => {
              say(text);
              void reloadTags().catch(report);
            }}
            onError={report}
          />
          {doc ? (
            <ArticlePane
              document={doc}
              initialAnnotations={initialAnnotations.filter(tagFilter.matches)}
              documentWarnings={documentWarnings}
              viewRef={viewRef}
              selection={selection}
              onSelectionChange={setSelection}
              onHighlightClick={(id) => selectTag(id, false)}
              describe={(annotation) => `${tagSummary(annotation, actorMap)} — ${analystNames.get(annotation.analystId) ?? 'unknown analyst'}`}
              onTag={tagSelection}
              onAddDocumentWarning={() => void createTag('reliability_warning', null)}
              onSelectWarning={(id) => selectTag(id, false)}
            />
          ) : (
            <main className="reader empty-reader">
              <p>{documents.length === 0 ? 'Import articles (.txt, .md, .html) with the Import button or by dropping files here.' : 'Choose a document.'}</p>
            </main>
          )}
          <aside className="side">
            <TagList tagFilter={tagFilter} annotations={annotations} actors={actorMap} analysts={info?.analysts ?? []} selectedId={selectedId} onSelect={(id) => selectTag(id)} />
            {selected && (
              <TagDetails
                key={selected.id}
                annotation={selected}
                actors={actors}
                analystName={analystNames.get(selected.analystId) ?? 'unknown analyst'}
                page={doc && selected.target ? pageAtOffset(doc.blocks, selected.target.start) : null}
                autoFocus={focusDetails}
                onUpdate={(change) => updateTag(selected.id, change)}
                onDelete={() => void deleteTag(selected.id)}
                onCreateActor={createActor}
                onUpdateActorAliases={updateActorAliases}
                onDone={() => {
                  setFocusDetails(false);
                  if (selected.target) viewRef.current?.placeCaret(selected.target.end);
                  else viewRef.current?.focus();
                }}
              />
            )}
          </aside>
        </div>
      )}
      {dragging && workbench?.projectName && (
        <div className="drop-zone" aria-hidden="true">
          <p>Drop articles to import them (.txt, .md, .html, .pdf, .docx, .epub)</p>
        </div>
      )}
      {showKeys && <ShortcutsHelp onClose={() => setShowKeys(false)} />}
      {exporting && <ExportDialog client={client} projectName={(info?.name ?? 'project').replace(/[^\p{L}\p{N}_-]+/gu, '-')} onClose={() => setExporting(false)} onSaved={(name) => say(`Exported “${name}” to your downloads.`)} onError={report} />}
      {mergePreview && (
        <MergeDialog
          client={client}
          preview={mergePreview}
          onCancel={() => setMergePreview(null)}
          onError={(error) => {
            setMergePreview(null);
            report(error);
          }}
          onDone={(text) => {
            setMergePreview(null);
            say(text);
            void reloadTags().catch(report);
          }}
          onShowActor={(id, text) => {
            setMergePreview(null);
            say(text);
            setShowActor({ id });
            void reloadTags().catch(report);
          }}
        />
      )}
      {askName && (
        <NamePrompt
          initial={analystName ?? ''}
          onCancel={analystName ? () => setAskName(false) : undefined}
          onSave={async (name) => {
            await renameSelf(name);
            setAskName(false);
          }}
        />
      )}
    </div>
  );
}

// The workbench: documents on the left, the article in the centre, tags and their details on the right.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary, ProjectInfo, WorkbenchState } from '../src-shared/api/contract';
import type { Actor, ActorKind } from '../src-shared/model/actor';
import type { Annotation, AnnotationKind, AttributesPatch } from '../src-shared/model/annotation';
import type { Document } from '../src-shared/model/document';
import { ApiError, type Client } from './api/client';
import { ArticlePane, type TextSelection } from './components/ArticlePane';
import { DocumentList } from './components/DocumentList';
import { NamePrompt } from './components/NamePrompt';
import { TagDetails } from './components/TagDetails';
import { TagList } from './components/TagList';
import { kindForKey } from './components/kinds';
import { Welcome } from './components/Welcome';
import { ImportControl, importFiles } from './components/ImportControl';
import type { ArticleView } from './editor/article-view';
import { ExportDialog, MergeDialog, previewTeammateFile, shareProjectFile } from './components/ShareDialogs';
import type { MergePreview } from '../src-shared/api/contract';
import { ProjectFileButton } from './components/ProjectFileButton';
import { ReviewMode } from './components/ReviewMode';
import { useLiveUpdates } from './hooks/useLiveUpdates';

type Message = { kind: 'info' | 'error'; text: string } | null;

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function App({ client }: { client: Client }) {
  const [workbench, setWorkbench] = useState<WorkbenchState | null>(null);
  const [analystName, setAnalystName] = useState<string | null>(null);
  const [askName, setAskName] = useState(false);
  const [info, setInfo] = useState<ProjectInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [doc, setDoc] = useState<Document | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [initialAnnotations, setInitialAnnotations] = useState<Annotation[]>([]);
  const [actors, setActors] = useState<Actor[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusDetails, setFocusDetails] = useState(false);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const viewRef = useRef<ArticleView | null>(null);
  const [exporting, setExporting] = useState(false);
  const [mergePreview, setMergePreview] = useState<(MergePreview & { previewId: string; fileName: string }) | null>(null);
  const mergeInputRef = useRef<HTMLInputElement>(null);
  const [reviewing, setReviewing] = useState(false);

  const report = useCallback((error: unknown) => {
    setMessage({ kind: 'error', text: error instanceof ApiError ? error.message : `Something went wrong: ${(error as Error).message}` });
  }, []);
  const say = (text: string) => setMessage({ kind: 'info', text });

  const refreshProject = useCallback(async () => {
    const [projectInfo, list, registry] = await Promise.all([
      client.call('project.info', {}),
      client.call('document.list', {}),
      client.call('actor.list', {}),
    ]);
    setInfo(projectInfo);
    setDocuments(list.documents);
    setActors(registry.actors);
    return list.documents;
  }, [client]);

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
      setDocuments([]);
      return;
    }
    const docs = await refreshProject();
    const first = docs.find((d) => d.id === state.lastDocumentId) ?? docs[0];
    if (first) await openDocument(first.id);
    else setDoc(null);
  }, [client, refreshProject, openDocument]);

  useEffect(() => {
    loadWorkbench().catch(report);
  }, [loadWorkbench, report]);

  /** After undo/redo or a change made elsewhere: reload the open document's tags and the counts. */
  const reloadTags = useCallback(async () => {
    await refreshProject();
    if (!doc) return;
    const list = await client.call('annotation.listForDocument', { documentId: doc.id });
    setAnnotations(list.annotations);
    viewRef.current?.setAnnotations(list.annotations);
    setSelectedId((id) => (id && list.annotations.some((a) => a.id === id) ? id : null));
  }, [client, doc, refreshProject]);

  useLiveUpdates(client, { openDocumentId: doc?.id ?? null, reloadTags, refreshProject, onError: report });

  const bumpCount = (kind: AnnotationKind, delta: number) => {
    if (!doc) return;
    setDocuments((list) => list.map((d) => (d.id === doc.id ? { ...d, tagCounts: { ...d.tagCounts, [kind]: d.tagCounts[kind] + delta } } : d)));
  };

  const createTag = useCallback(
    async (kind: AnnotationKind, target: { start: number; end: number } | null) => {
      if (!doc) return;
      // The passage is drawn at once, marked as pending; it becomes a tag only when the project file has it.
      const pending = target ? (viewRef.current?.drawPending(kind, target) ?? null) : null;
      setSelection(null);
      try {
        const created = await client.call('annotation.create', { documentId: doc.id, kind, target });
        setAnnotations((list) => [...list, created]);
        if (created.target) viewRef.current?.addAnnotation(created, { select: true, clearSelection: true, ...(pending ? { replacing: pending } : {}) });
        else viewRef.current?.select(created.id);
        setSelectedId(created.id);
        setFocusDetails(true);
        bumpCount(kind, 1);
      } catch (error) {
        if (pending) viewRef.current?.removeAnnotation(pending);
        report(error);
      }
    },
    [client, doc, report],
  );

  const tagSelection = useCallback(
    (kind: AnnotationKind) => {
      const range = viewRef.current?.currentRange() ?? selection;
      if (range) void createTag(kind, { start: range.start, end: range.end });
    },
    [createTag, selection],
  );

  const selectTag = useCallback((id: string | null, scroll = true) => {
    setSelectedId(id);
    setFocusDetails(false);
    viewRef.current?.select(id);
    if (id && scroll) viewRef.current?.scrollToAnnotation(id, true);
  }, []);

  const updateTag = async (id: string, change: { attributes?: AttributesPatch; note?: string }) => {
    try {
      const updated = await client.call('annotation.update', { id, ...change });
      setAnnotations((list) => list.map((a) => (a.id === id ? updated : a)));
      if (updated.target) viewRef.current?.updateAnnotation(updated);
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
        bumpCount(deleted.kind, -1);
        say('Tag deleted. Undo brings it back.');
      } catch (error) {
        report(error);
      }
    },
    [client, report],
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

  const createActor = async (name: string, kind: ActorKind): Promise<Actor> => {
    const actor = await client.call('actor.create', { name, kind });
    setActors((list) => [...list, actor].sort((a, b) => a.name.localeCompare(b.name)));
    return actor;
  };

  const updateActorAliases = async (actorId: string, aliases: string[]) => {
    try {
      const actor = await client.call('actor.update', { id: actorId, aliases });
      setActors((list) => list.map((a) => (a.id === actorId ? actor : a)));
    } catch (error) {
      report(error);
    }
  };

  const runImport = useCallback(
    async (files: readonly File[]) => {
      const outcome = await importFiles(client, files);
      const docs = await refreshProject();
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
      if (kind && (viewRef.current?.currentRange() ?? selection)) {
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
  }, [askName, reviewing, workbench?.host, selection, selectedId, tagSelection, selectTag, deleteTag, undoRedo]);

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

  // Drag and drop of article files anywhere on the window.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      void runImport([...e.dataTransfer.files]).catch(report);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [runImport, report]);

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
        <button className="analyst" onClick={() => setAskName(true)} title="Change your name">
          {analystName ? `Analyst: ${analystName}` : 'Set your name'}
        </button>
      </header>
      {message && (
        <div className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
          <button className="link" aria-label="Dismiss message" onClick={() => setMessage(null)}>✕</button>
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
          <DocumentList documents={documents} currentId={doc?.id ?? null} onOpen={(id) => openDocument(id).catch(report)} />
          {doc ? (
            <ArticlePane
              document={doc}
              initialAnnotations={initialAnnotations}
              documentWarnings={documentWarnings}
              viewRef={viewRef}
              selection={selection}
              onSelectionChange={setSelection}
              onHighlightClick={(id) => selectTag(id, false)}
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
            <TagList annotations={annotations} actors={actorMap} analysts={info?.analysts ?? []} selectedId={selectedId} onSelect={(id) => selectTag(id)} />
            {selected && (
              <TagDetails
                key={selected.id}
                annotation={selected}
                actors={actors}
                analystName={analystNames.get(selected.analystId) ?? 'unknown analyst'}
                autoFocus={focusDetails}
                onUpdate={(change) => updateTag(selected.id, change)}
                onDelete={() => void deleteTag(selected.id)}
                onCreateActor={createActor}
                onUpdateActorAliases={updateActorAliases}
                onDone={() => {
                  setFocusDetails(false);
                  viewRef.current?.focus();
                }}
              />
            )}
          </aside>
        </div>
      )}
      {exporting && <ExportDialog client={client} projectName={(info?.name ?? 'project').replace(/[^\p{L}\p{N}_-]+/gu, '-')} onClose={() => setExporting(false)} onError={report} />}
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
        />
      )}
      {askName && (
        <NamePrompt
          initial={analystName ?? ''}
          onCancel={analystName ? () => setAskName(false) : undefined}
          onSave={async (name) => {
            const saved = await client.call('settings.update', { analystName: name });
            setAnalystName(saved.analystName);
            setAskName(false);
            if (workbench?.projectName) await refreshProject();
          }}
        />
      )}
    </div>
  );
}

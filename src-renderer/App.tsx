// The workbench: documents on the left, the article in the centre, tags and their details on the right. Each feature
// keeps its state in its own hook (hooks/use-*.ts); this file only composes them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Client } from './api/client';
import { ArticlePane } from './components/ArticlePane';
import { DocumentActions } from './components/DocumentActions';
import { ImportControl } from './components/ImportControl';
import { MessageLine } from './components/MessageLine';
import { NamePrompt } from './components/NamePrompt';
import { ProjectFileButton } from './components/ProjectFileButton';
import { ProjectSidebar } from './components/ProjectSidebar';
import { ReviewMode } from './components/ReviewMode';
import { ExportDialog, MergeDialog } from './components/ShareDialogs';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { TagDetails } from './components/TagDetails';
import { TagList } from './components/TagList';
import { tagSummary } from './components/tag-summary';
import { TopBar } from './components/TopBar';
import { Welcome } from './components/Welcome';
import type { ArticleView } from './editor/article-view';
import { useArticleImport } from './hooks/use-article-import';
import { useDocumentManagement } from './hooks/use-document-management';
import { useMenuEvents } from './hooks/use-menu-events';
import { useOpenDocument } from './hooks/use-open-document';
import { useProjectData } from './hooks/use-project-data';
import { useSession } from './hooks/use-session';
import { useSharing } from './hooks/use-sharing';
import { useLongRequest } from './hooks/use-long-request';
import { useSuggestions } from './hooks/use-suggestions';
import { SuggestionsPanel } from './components/suggestions/SuggestionsPanel';
import { useTagEditing } from './hooks/use-tag-editing';
import { useTagJump } from './hooks/use-tag-jump';
import { useTagSelection } from './hooks/use-tag-selection';
import { useUndoRedo } from './hooks/use-undo-redo';
import { useWorkbenchKeys } from './hooks/use-workbench-keys';
import { useSearch } from './hooks/use-search';
import { SearchPanel } from './components/search/SearchPanel';
import { ProgressBar } from './components/ProgressBar';
import { TagTableView } from './components/table/TagTableView';
import { useTagTableMode } from './hooks/use-tag-table';
import { useLiveUpdates } from './hooks/useLiveUpdates';
import { useMessage } from './hooks/useMessage';
import { useTagFilter } from './hooks/useTagFilter';
import { pageAtOffset } from '../src-shared/text/pages';

export function App({ client }: { client: Client }) {
  const { message, setMessage, dismiss, say, report } = useMessage();
  const session = useSession(client);
  const { loadSession, saveName } = session;
  const project = useProjectData(client);
  const { info, actors, refreshProject, clearProject } = project;
  const documentCount = info?.documentCount ?? 0;
  const tagFilter = useTagFilter(info?.analyst?.id ?? null);
  const viewRef = useRef<ArticleView | null>(null);
  const picked = useTagSelection(viewRef);
  const open = useOpenDocument(client, { viewRef, shown: tagFilter.matches, refreshProject, onOpened: picked.reset, onReloaded: picked.keepIfAmong });
  const { doc, annotations, setAnnotations, openDocument, closeDocument, reloadTags } = open;
  const editing = useTagEditing({ client, doc, annotations, setAnnotations, viewRef, picked, selfId: info?.analyst?.id, reveal: tagFilter.reveal, reloadTags, refreshProject, say, report });
  const undoRedo = useUndoRedo(client, reloadTags, say, report);
  const longRequest = useLongRequest(client);
  const sharing = useSharing(client, say, dismiss, report, longRequest);
  const importing = useArticleImport(client, {
    refreshProject,
    hasOpenDocument: doc !== null,
    openDocument,
    setMessage,
    report,
    long: longRequest,
    onProjectFile: (file) => void sharing.chooseTeammateFile(file),
  });
  const managing = useDocumentManagement(client, {
    doc,
    revision: project.revision,
    openDocument,
    closeDocument,
    refreshProject,
    undo: () => undoRedo('undo'),
    setMessage,
    report,
  });
  const jumpToTag = useTagJump(doc?.id ?? null, openDocument, picked.selectTag);
  const [reviewing, setReviewing] = useState(false);
  const table = useTagTableMode(jumpToTag, report);
  const projectOpen = Boolean(session.workbench?.projectName);

  const loadWorkbench = useCallback(async () => {
    const state = await loadSession();
    if (!state.projectName) {
      closeDocument();
      clearProject();
      return;
    }
    await refreshProject();
    const last = state.lastDocumentId ? (await client.call('document.list', { ids: [state.lastDocumentId], fields: 'row' })).documents[0] : undefined;
    const first = last ?? (await client.call('document.list', { limit: 1, fields: 'row' })).documents[0];
    if (first) await openDocument(first.id);
    else closeDocument();
  }, [client, loadSession, closeDocument, clearProject, refreshProject, openDocument]);
  useEffect(() => {
    loadWorkbench().catch(report);
  }, [loadWorkbench, report]);

  useLiveUpdates(client, { openDocumentId: doc?.id ?? null, reloadTags, refreshProject, onError: report });
  const shown = useMemo(() => annotations.filter(tagFilter.matches), [annotations, tagFilter.matches]);
  // Worked out when the tags or the filter change, not on every render (a render follows every tag made).
  const initialShown = useMemo(() => open.initialAnnotations.filter(tagFilter.matches), [open.initialAnnotations, tagFilter.matches]);
  const documentWarnings = useMemo(() => annotations.filter((a) => a.target === null), [annotations]);
  const liveTagCount = useMemo(() => annotations.filter((a) => a.deletedAt === null).length, [annotations]);
  const keys = useWorkbenchKeys({
    askName: session.askName,
    reviewing: reviewing || table.open,
    desktop: session.workbench?.host === 'desktop',
    shown,
    selectedId: picked.selectedId,
    hasSelection: () => picked.currentRange() !== null,
    tagSelection: editing.tagSelection,
    clearSelection: picked.clearSelection,
    selectTag: picked.selectTag,
    deleteTag: editing.deleteTag,
    undoRedo,
  });
  const search = useSearch({
    client, document: doc, viewRef, openDocument, onTagged: reloadTags, onError: report,
    enabled: projectOpen && !session.askName && !reviewing && !table.open && !keys.showKeys && !sharing.exporting && !sharing.mergePreview,
  });
  const suggestions = useSuggestions({
    client, document: doc, viewRef, revision: project.revision, actors, selectedTagId: picked.selectedId, onAccepted: reloadTags, openDocument, say, onError: report,
    keysEnabled: !session.askName && !reviewing && !table.open && !keys.showKeys && !sharing.exporting && !sharing.mergePreview,
    onFocus: () => picked.selectTag(null, false),
  });
  useMenuEvents(client, {
    reviewing,
    undoRedo: (which) => void undoRedo(which),
    projectChanged: () => {
      setReviewing(false);
      loadWorkbench().catch(report);
    },
    importArticles: () => importing.fileInputRef.current?.click(),
    addDocumentWarning: () => void editing.createTag('reliability_warning', null),
    shareProject: () => void sharing.shareProject(),
    mergeTeammate: () => sharing.mergeInputRef.current?.click(),
    exportProject: () => sharing.setExporting(true),
  });

  /** Your name: the core renames your analyst in place (same id), so your tags show the new name. */
  const renameSelf = async (name: string) => {
    await saveName(name);
    if (projectOpen) await reloadTags();
  };
  /** After a change made in a panel or dialog: say what happened and show the project as it is now. */
  const changed = (text: string) => {
    say(text);
    void reloadTags().catch(report);
  };

  const actorMap = useMemo(() => new Map(actors.map((a) => [a.id, a])), [actors]);
  const analystNames = new Map((info?.analysts ?? []).map((a) => [a.id, a.name]));
  const selected = annotations.find((a) => a.id === picked.selectedId) ?? null;

  // The top bar's actions while a project is open, in the order shown.
  const actions = (
    <>
      <ImportControl inputRef={importing.fileInputRef} onFiles={(files) => importing.runImport(files).catch(report)} />
      <button onClick={() => sharing.setExporting(true)} title="Export in a standard format: report, spreadsheet, W3C, REFI-QDA, brat">Export…</button>
      <button onClick={() => void sharing.shareProject()} title="Save the whole project as one file to send to a teammate">Share project</button>
      <ProjectFileButton
        label="Merge…"
        title="Merge a teammate's project file into this one (you see a preview first)"
        inputLabel="Teammate’s project file to merge"
        inputRef={sharing.mergeInputRef}
        testId="merge-input"
        onFile={(file) => void sharing.chooseTeammateFile(file)}
      />
      {!reviewing && (
        <button onClick={() => table.setOpen(!table.open)} aria-pressed={table.open} title="Every tag of the project in one table: filter, sort, group, export">Tag table</button>
      )}
      {documentCount > 0 && !reviewing && (
        <button onClick={() => setReviewing(true)} title="Compare two analysts' tags on one article — in this project or in a teammate's file — and decide their differences">Review…</button>
      )}
    </>
  );

  return (
    <div className="app">
      <TopBar
        projectName={projectOpen ? (info?.name ?? session.workbench?.projectName ?? null) : null}
        actions={actions}
        showUndo={!reviewing}
        onUndoRedo={(which) => void undoRedo(which)}
        onShowKeys={() => keys.setShowKeys(true)}
        analystName={session.analystName}
        onAskName={() => session.setAskName(true)}
      />
      <MessageLine message={message} onDismiss={dismiss} />
      <ProgressBar progress={longRequest.progress} onCancel={longRequest.cancel} />
      {session.workbench && !projectOpen ? (
        <Welcome client={client} state={session.workbench} onOpened={() => loadWorkbench().catch(report)} onError={report} />
      ) : reviewing ? (
        <ReviewMode
          client={client}
          runLong={longRequest.run}
          document={doc}
          documentAnnotations={annotations}
          analysts={info?.analysts ?? []}
          undoKeys={session.workbench?.host !== 'desktop'}
          onClose={() => {
            setReviewing(false);
            void reloadTags().catch(report);
          }}
          onChanged={() => void refreshProject().catch(report)}
        />
      ) : (
        <>
        {table.open && (
          <TagTableView
            client={client}
            revision={project.revision}
            projectName={info?.name ?? 'project'}
            analysts={info?.analysts ?? []}
            actors={actors}
            onOpen={table.openRow}
            onClose={() => table.setOpen(false)}
            onSaved={say}
            onError={report}
          />
        )}
        <div className="panes" hidden={table.open}>
          {/* Left: the project's tabs (documents, actors, analysts, suggestions, checks) — listed in SidebarTabs and ProjectSidebar. */}
          <ProjectSidebar
            client={client}
            documentCount={documentCount}
            actors={actors}
            revision={project.revision}
            currentDocumentId={doc?.id ?? null}
            showActor={sharing.showActor}
            onOpenDocument={(id) => openDocument(id).catch(report)}
            onJump={(documentId, annotationId) => void jumpToTag(documentId, annotationId).catch(report)}
            onRenameSelf={renameSelf}
            onChanged={changed}
            onError={report}
            suggestions={<SuggestionsPanel model={suggestions} client={client} revision={project.revision} currentDocumentId={doc?.id ?? null} onError={report} />}
          />
          {/* Centre: the article. */}
          {doc ? (
            <ArticlePane
              document={doc}
              details={managing.details}
              actions={
                <DocumentActions
                  document={managing.details ?? doc}
                  tagCount={liveTagCount}
                  onSaveDetails={(details) => managing.saveDetails(doc.id, details)}
                  onRemove={() => void managing.removeDocument(doc.id)}
                />
              }
              initialAnnotations={initialShown}
              initialSuggestions={suggestions.drawn}
              documentWarnings={documentWarnings}
              viewRef={viewRef}
              selection={picked.selection}
              onSelectionChange={picked.setSelection}
              onHighlightClick={(id) => picked.selectTag(id, false)}
              describe={(annotation) => `${tagSummary(annotation, actorMap)} — ${analystNames.get(annotation.analystId) ?? 'unknown analyst'}`}
              onTag={editing.tagSelection}
              onAddDocumentWarning={() => void editing.createTag('reliability_warning', null)}
              onSelectWarning={(id) => picked.selectTag(id, false)}
              above={search.open && <SearchPanel search={search} actors={actors} onCreateActor={project.createActor} onTagged={say} onError={report} />}
              readingNames={suggestions.readingNames}
            />
          ) : (
            <main className="reader empty-reader">
              <p>{documentCount === 0 ? 'Import articles (.txt, .md, .html) with the Import button or by dropping files here.' : 'Choose a document.'}</p>
            </main>
          )}
          {/* Right: the panels about the open document's tags, top to bottom. */}
          <aside className="side">
            <TagList tagFilter={tagFilter} annotations={annotations} actors={actorMap} analysts={info?.analysts ?? []} selectedId={picked.selectedId} onSelect={(id) => picked.selectTag(id)} />
            {selected && (
              <TagDetails
                key={selected.id}
                annotation={selected}
                actors={actors}
                analystName={analystNames.get(selected.analystId) ?? 'unknown analyst'}
                page={doc && selected.target ? pageAtOffset(doc.blocks, selected.target.start) : null}
                autoFocus={picked.focusDetails}
                onUpdate={(change) => editing.updateTag(selected.id, change)}
                onDelete={() => void editing.deleteTag(selected.id)}
                onCreateActor={project.createActor}
                onUpdateActorAliases={(actorId, aliases) => project.updateActor(actorId, { aliases }).then(() => {}, report)}
                onDone={() => {
                  picked.setFocusDetails(false);
                  if (selected.target) viewRef.current?.placeCaret(selected.target.end);
                  else viewRef.current?.focus();
                }}
              />
            )}
          </aside>
        </div>
        </>
      )}
      {/* Overlays. */}
      {importing.dragging && projectOpen && (
        <div className="drop-zone" aria-hidden="true">
          <p>Drop articles to import them (.txt, .md, .html, .pdf, .docx, .epub)</p>
        </div>
      )}
      {keys.showKeys && <ShortcutsHelp onClose={() => keys.setShowKeys(false)} />}
      {sharing.exporting && (
        <ExportDialog
          client={client}
          projectName={(info?.name ?? 'project').replace(/[^\p{L}\p{N}_-]+/gu, '-')}
          onClose={() => sharing.setExporting(false)}
          onSaved={(name) => say(`Exported “${name}” to your downloads.`)}
          onError={report}
        />
      )}
      {sharing.mergePreview && (
        <MergeDialog
          client={client}
          runLong={longRequest.run}
          preview={sharing.mergePreview}
          onCancel={() => sharing.setMergePreview(null)}
          onError={(error) => {
            sharing.setMergePreview(null);
            report(error);
          }}
          onDone={(text) => {
            sharing.setMergePreview(null);
            changed(text);
          }}
          onShowActor={(id, text) => {
            sharing.setMergePreview(null);
            sharing.setShowActor({ id });
            changed(text);
          }}
        />
      )}
      {session.askName && (
        <NamePrompt
          initial={session.analystName ?? ''}
          onCancel={session.analystName ? () => session.setAskName(false) : undefined}
          onSave={async (name) => {
            await renameSelf(name);
            session.setAskName(false);
          }}
        />
      )}
    </div>
  );
}

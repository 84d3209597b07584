// Importing articles from the file picker or files dropped anywhere on the window (with a drop zone while dragging).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type Client } from '../api/client';
import { importFiles } from '../components/ImportControl';
import type { LongRequests } from './use-long-request';
import type { Message } from './useMessage';

export interface ArticleImportOptions {
  /** Reloads the project's summaries and the document list. */
  refreshProject: () => Promise<unknown>;
  /** Whether a document is open (the first imported is opened when none is). */
  hasOpenDocument: boolean;
  openDocument: (id: string) => Promise<void>;
  setMessage: (message: Message) => void;
  report: (error: unknown) => void;
  /** Runs the import as a long request: its progress bar and Cancel. */
  long: LongRequests;
  /** A project file (.marginalia) dropped on the window: not an article, so offered for merging instead. */
  onProjectFile: (file: File) => void;
}

/** `runImport(files)`, the file picker's `fileInputRef`, and `dragging` while files are over the window. */
export function useArticleImport(client: Client, options: ArticleImportOptions) {
  const { refreshProject, hasOpenDocument, openDocument, setMessage, report, onProjectFile } = options;
  const { run } = options.long;
  const fileInputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const runImport = useCallback(
    async (files: readonly File[]) => {
      const label = files.length === 1 ? `Importing “${files[0]?.name ?? ''}”…` : `Importing ${files.length} articles…`;
      let outcome;
      try {
        outcome = await run(label, (requestId) => importFiles(client, files, requestId));
      } catch (error) {
        // Cancelled: nothing was imported, which the core's sentence says.
        if (error instanceof ApiError && error.code === 'cancelled') {
          setMessage({ kind: 'info', text: error.message });
          return;
        }
        throw error;
      }
      await refreshProject();
      const opened = outcome.lastImportedId ?? (hasOpenDocument ? null : (await client.call('document.list', { limit: 1, fields: 'row' })).documents[0]?.id);
      if (opened) await openDocument(opened);
      setMessage(outcome.message);
    },
    [client, hasOpenDocument, openDocument, refreshProject, setMessage, run],
  );

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
      const files = [...e.dataTransfer.files];
      const projects = files.filter((f) => /\.marginalia$/i.test(f.name));
      const articles = files.filter((f) => !projects.includes(f));
      if (projects[0]) onProjectFile(projects[0]);
      if (articles.length > 0) void runImport(articles).catch(report);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [runImport, report, onProjectFile]);

  return { runImport, fileInputRef, dragging };
}

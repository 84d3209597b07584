// Managing the open document: editing its details, removing it (with a message whose Undo brings it back), and
// closing it when it was removed elsewhere (another window, the command line, a merge).
import { useCallback, useEffect } from 'react';
import type { DocumentSummary } from '../../src-shared/api/contract';
import type { Document } from '../../src-shared/model/document';
import type { Client } from '../api/client';
import type { DocumentDetails } from '../components/DocumentDetailsDialog';
import type { Message } from './useMessage';

export interface DocumentManagementOptions {
  doc: Document | null;
  /** The project's documents; `revision` 0 until they were first loaded. */
  documents: readonly DocumentSummary[];
  revision: number;
  openDocument: (id: string) => Promise<void>;
  closeDocument: () => void;
  refreshProject: () => Promise<unknown>;
  undo: () => Promise<void>;
  setMessage: (message: Message) => void;
  report: (error: unknown) => void;
}

export function useDocumentManagement(client: Client, options: DocumentManagementOptions) {
  const { doc, documents, revision, openDocument, closeDocument, refreshProject, undo, setMessage, report } = options;

  const saveDetails = useCallback(
    async (id: string, details: DocumentDetails) => {
      const saved = await client.call('document.update', { id, ...details });
      await refreshProject();
      setMessage({ kind: 'info', text: `Saved the details of “${saved.title}”. Undo takes them back.` });
    },
    [client, refreshProject, setMessage],
  );

  const removeDocument = useCallback(
    async (id: string) => {
      try {
        const { document, tagCount } = await client.call('document.remove', { id });
        closeDocument();
        await refreshProject();
        const tags = tagCount === 0 ? '' : ` and its ${tagCount === 1 ? 'tag' : `${tagCount} tags`}`;
        setMessage({
          kind: 'info',
          text: `Removed “${document.title}”${tags}.`,
          action: { label: 'Undo', run: () => void undo().then(() => openDocument(id)).catch(report) },
        });
      } catch (error) {
        report(error);
      }
    },
    [client, closeDocument, refreshProject, setMessage, undo, openDocument, report],
  );

  // A document removed elsewhere is closed here.
  const openId = doc?.id ?? null;
  const listed = documents.some((d) => d.id === openId);
  useEffect(() => {
    if (openId !== null && revision > 0 && !listed) closeDocument();
  }, [openId, revision, listed, closeDocument]);

  const details = documents.find((d) => d.id === openId);
  return { saveDetails, removeDocument, details };
}

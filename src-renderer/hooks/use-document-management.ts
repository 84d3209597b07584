// Managing the open document: editing its details, removing it (with a message whose Undo brings it back), and
// closing it when it was removed elsewhere (another window, the command line, a merge).
import { useCallback, useEffect, useState } from 'react';
import type { Document, DocumentMeta } from '../../src-shared/model/document';
import { hasEveryField } from '../../src-shared/api/contract';
import type { Client } from '../api/client';
import type { DocumentDetails } from '../components/DocumentDetailsDialog';
import type { Message } from './useMessage';

export interface DocumentManagementOptions {
  doc: Document | null;
  /** Grows with every change to the project; 0 until it was first loaded. */
  revision: number;
  openDocument: (id: string) => Promise<void>;
  closeDocument: () => void;
  refreshProject: () => Promise<unknown>;
  undo: () => Promise<void>;
  setMessage: (message: Message) => void;
  report: (error: unknown) => void;
}

export function useDocumentManagement(client: Client, options: DocumentManagementOptions) {
  const { doc, revision, openDocument, closeDocument, refreshProject, undo, setMessage, report } = options;

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

  // The open document's details as they are now, after every change; a document removed elsewhere is closed here.
  const openId = doc?.id ?? null;
  const [fetched, setFetched] = useState<DocumentMeta | undefined>(undefined);
  useEffect(() => {
    if (openId === null || revision === 0) return;
    let current = true;
    client.call('document.list', { ids: [openId] }).then(({ documents }) => {
      if (!current) return;
      const [found] = documents;
      if (found === undefined) closeDocument();
      else if (hasEveryField(found)) setFetched(found);
    }, report);
    return () => {
      current = false;
    };
  }, [client, openId, revision, closeDocument, report]);

  // Those of the document open before stay until this one's came: the header then shows what it was opened with.
  const details = fetched?.id === openId ? fetched : undefined;
  return { saveDetails, removeDocument, details };
}

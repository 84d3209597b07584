// Every document as a row (id, title, date, counts), for the views that name documents (suggestions, the tag table), loaded as they open.
import { useEffect, useState } from 'react';
import type { DocumentRow } from '../../src-shared/api/contract';
import type { Client } from '../api/client';

/** The project's documents as rows, newest first, loaded again when `revision` grows; empty until they came. */
export function useDocumentRows(client: Client, revision: number, onError: (error: unknown) => void): readonly DocumentRow[] {
  const [documents, setDocuments] = useState<readonly DocumentRow[]>([]);
  useEffect(() => {
    let current = true;
    client.call('document.list', { fields: 'row' }).then(
      (list) => {
        if (current) setDocuments(list.documents);
      },
      (error: unknown) => {
        if (current) onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [client, revision, onError]);
  return documents;
}

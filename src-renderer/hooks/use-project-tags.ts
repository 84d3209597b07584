// Every document's live tags, loaded while a view that counts across the project (the actor registry) is open.
import { useEffect, useState } from 'react';
import type { DocumentSummary } from '../../src-shared/api/contract';
import type { Client } from '../api/client';
import type { TaggedDocument } from '../components/registry/actor-mentions';

/**
 * The tags of every document, loaded again whenever `revision` changes while `enabled`; null until the first load.
 * A late answer for an older revision is dropped.
 */
export function useProjectTags(client: Client, documents: readonly DocumentSummary[], revision: number, enabled: boolean, onError: (error: unknown) => void): readonly TaggedDocument[] | null {
  const [tagged, setTagged] = useState<readonly TaggedDocument[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    Promise.all(
      documents.map(async (d) => ({ id: d.id, title: d.title, annotations: (await client.call('annotation.listForDocument', { documentId: d.id })).annotations })),
    ).then(
      (loaded) => current && setTagged(loaded),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [client, documents, revision, enabled, onError]);
  return enabled ? tagged : null;
}

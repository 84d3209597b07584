// The actor registry's figures from the core: how often each actor is named, per document and in all.
import { useEffect, useState } from 'react';
import type { ActorMentions } from '../../src-shared/api/contract';
import type { Client } from '../api/client';

/** Each actor's mention counts, loaded again whenever `revision` changes; null until the first answer. */
export function useActorMentions(client: Client, revision: number, onError: (error: unknown) => void): ReadonlyMap<string, ActorMentions> | null {
  const [mentions, setMentions] = useState<ReadonlyMap<string, ActorMentions> | null>(null);
  useEffect(() => {
    let current = true;
    client.call('actor.list', { withMentions: true }).then(
      ({ actors }) => current && setMentions(new Map(actors.map((a) => [a.id, a.mentions ?? { total: 0, byDocument: [] }]))),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [client, revision, onError]);
  return mentions;
}

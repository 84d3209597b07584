// Combining another actor into an open one: choose it (same-named actors first), see what moves, confirm; undo reverts it.
import { useEffect, useMemo, useState } from 'react';
import type { ActorMentions } from '../../../src-shared/api/contract';
import type { Actor } from '../../../src-shared/model/actor';
import type { Client } from '../../api/client';
import { tagCount } from '../analyst-label';
import { sameNamedActors } from './same-named-actors';

const short = (actor: Actor) => `“${actor.name}” (${actor.id.slice(0, 6)})`;

/** “Kyrylo Budanov · person · 3 tags · 1a2b3c”: enough to tell two same-named actors apart. */
export function actorOptionLabel(actor: Actor, mentions: ReadonlyMap<string, ActorMentions> | null): string {
  const count = mentions?.get(actor.id)?.total;
  return [actor.name, actor.kind, ...(count === undefined ? [] : [tagCount(count)]), actor.id.slice(0, 6)].join(' · ');
}

interface Preview {
  mergeId: string;
  retagged: number;
  newAliases: string[];
}

export function ActorCombine(props: {
  client: Client;
  keep: Actor;
  actors: readonly Actor[];
  mentions: ReadonlyMap<string, ActorMentions> | null;
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}) {
  const { client, keep, onError } = props;
  const same = useMemo(() => sameNamedActors(keep, props.actors), [keep, props.actors]);
  const others = useMemo(() => props.actors.filter((a) => a.id !== keep.id && !same.includes(a)), [keep, props.actors, same]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  // Until the analyst picks one, a same-named actor is offered — also when the list arrives after the entry opens.
  const mergeId = chosenId ?? same[0]?.id ?? '';
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const merge = props.actors.find((a) => a.id === mergeId) ?? null;

  // What the combine would move, asked of the core without writing anything.
  useEffect(() => {
    setPreview(null);
    if (!mergeId) return;
    let current = true;
    client.call('actor.combine', { keepId: keep.id, mergeId, dryRun: true }).then(
      (result) => current && setPreview({ mergeId, retagged: result.retagged, newAliases: result.actor.aliases.filter((a) => !keep.aliases.includes(a)) }),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [client, keep, mergeId, onError]);

  const combine = async () => {
    if (!merge) return;
    setBusy(true);
    try {
      const result = await client.call('actor.combine', { keepId: keep.id, mergeId: merge.id });
      setChosenId('');
      props.onChanged(`“${merge.name}” is now one actor with “${keep.name}”: ${tagCount(result.retagged)} relinked. Undo separates them again.`);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  if (props.actors.length < 2) return null;
  const ready = merge && preview?.mergeId === merge.id ? preview : null;
  const documents = merge ? (props.mentions?.get(merge.id)?.byDocument.length ?? null) : null;
  return (
    <div className="registry-combine">
      <label>
        <span className="registry-label">Combine another actor into this one</span>
        <select value={mergeId} onChange={(e) => setChosenId(e.target.value)}>
          <option value="">Choose an actor…</option>
          {same.length > 0 && (
            <optgroup label="Same name or spelling">
              {same.map((a) => <option key={a.id} value={a.id}>{actorOptionLabel(a, props.mentions)}</option>)}
            </optgroup>
          )}
          <optgroup label={same.length > 0 ? 'Other actors' : 'Actors'}>
            {others.map((a) => <option key={a.id} value={a.id}>{actorOptionLabel(a, props.mentions)}</option>)}
          </optgroup>
        </select>
      </label>
      {merge && (
        <div className="combine-preview" role="status">
          <p>
            {ready
              ? `${tagCount(ready.retagged)}${documents === null ? '' : ` in ${documents} ${documents === 1 ? 'document' : 'documents'}`} will name ${short(keep)} instead of ${short(merge)}.`
              : 'Counting its tags…'}
            {ready && (ready.newAliases.length > 0 ? ` “${keep.name}” gains the spellings ${ready.newAliases.map((n) => `“${n}”`).join(', ')}.` : ' No new spelling is added.')}
            {` ${short(merge)} leaves the registry.`}
          </p>
          <button type="button" className="primary" disabled={busy || !ready} onClick={() => void combine()}>
            {busy ? 'Combining…' : `Combine into “${keep.name}”`}
          </button>
        </div>
      )}
    </div>
  );
}

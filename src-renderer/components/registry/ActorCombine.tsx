// Combining another actor into an open one: choose it (same-named actors first), see what moves, confirm; undo reverts it.
import { useMemo, useState } from 'react';
import type { Actor } from '../../../src-shared/model/actor';
import type { Client } from '../../api/client';
import { combinePreview, sameNamedActors, type Mention } from './actor-mentions';

/** “Kyrylo Budanov · person · 3 tags · 1a2b3c”: enough to tell two same-named actors apart. */
export function actorOptionLabel(actor: Actor, mentions: ReadonlyMap<string, readonly Mention[]> | null): string {
  const count = mentions?.get(actor.id)?.length;
  return [actor.name, actor.kind, ...(count === undefined ? [] : [`${count} ${count === 1 ? 'tag' : 'tags'}`]), actor.id.slice(0, 6)].join(' · ');
}

export function ActorCombine(props: {
  client: Client;
  keep: Actor;
  actors: readonly Actor[];
  mentions: ReadonlyMap<string, readonly Mention[]> | null;
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}) {
  const { keep } = props;
  const same = useMemo(() => sameNamedActors(keep, props.actors), [keep, props.actors]);
  const others = useMemo(() => props.actors.filter((a) => a.id !== keep.id && !same.includes(a)), [keep, props.actors, same]);
  const [mergeId, setMergeId] = useState(same[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const merge = props.actors.find((a) => a.id === mergeId) ?? null;
  const preview = merge && props.mentions ? combinePreview(keep, merge, props.mentions.get(merge.id) ?? []) : null;

  const combine = async () => {
    if (!merge) return;
    setBusy(true);
    try {
      const result = await props.client.call('actor.combine', { keepId: keep.id, mergeId: merge.id });
      setMergeId('');
      props.onChanged(`“${merge.name}” is now one actor with “${keep.name}”: ${result.retagged} ${result.retagged === 1 ? 'tag' : 'tags'} relinked. Undo separates them again.`);
    } catch (error) {
      props.onError(error);
    } finally {
      setBusy(false);
    }
  };

  if (props.actors.length < 2) return null;
  return (
    <div className="registry-combine">
      <label>
        <span className="registry-label">Combine another actor into this one</span>
        <select value={mergeId} onChange={(e) => setMergeId(e.target.value)}>
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
            {preview
              ? `${preview.retagged} ${preview.retagged === 1 ? 'tag' : 'tags'} in ${preview.documents} ${preview.documents === 1 ? 'document' : 'documents'} will name “${keep.name}” (${keep.id.slice(0, 6)}) instead of “${merge.name}” (${merge.id.slice(0, 6)}).`
              : 'Counting its tags…'}
            {preview && (preview.newAliases.length > 0 ? ` “${keep.name}” gains the spellings ${preview.newAliases.map((n) => `“${n}”`).join(', ')}.` : ' No new spelling is added.')}
            {` “${merge.name}” (${merge.id.slice(0, 6)}) leaves the registry.`}
          </p>
          <button type="button" className="primary" disabled={busy} onClick={() => void combine()}>
            {busy ? 'Combining…' : `Combine into “${keep.name}”`}
          </button>
        </div>
      )}
    </div>
  );
}

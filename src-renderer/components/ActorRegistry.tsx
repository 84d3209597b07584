// Left pane, Actors tab: the project's actor registry with each actor's mentions, duplicates flagged, one actor open at a time.
import { useEffect, useMemo, useState } from 'react';
import type { ActorMentions } from '../../src-shared/api/contract';
import { actorNameKey, actorNames, type Actor } from '../../src-shared/model/actor';
import type { Client } from '../api/client';
import { useActorMentions } from '../hooks/use-actor-mentions';
import { ActorEntry } from './registry/ActorEntry';
import { duplicateActorGroups } from './registry/same-named-actors';

export interface ActorRegistryProps {
  client: Client;
  actors: readonly Actor[];
  /** Grows with every change to the project: the mention counts are loaded again. */
  revision: number;
  /** The actor to open (from "combine" offers elsewhere in the app). */
  focusActorId: string | null;
  onJump: (documentId: string, annotationId: string) => void;
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}

const NO_MENTIONS: ActorMentions = { total: 0, byDocument: [] };
const mentionCount = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'mention' : 'mentions'}`;

export function ActorRegistry(props: ActorRegistryProps) {
  const [filter, setFilter] = useState('');
  const [openId, setOpenId] = useState<string | null>(props.focusActorId);
  useEffect(() => {
    if (props.focusActorId) setOpenId(props.focusActorId);
  }, [props.focusActorId]);

  const mentions = useActorMentions(props.client, props.revision, props.onError);
  const duplicates = useMemo(() => new Set(duplicateActorGroups(props.actors).flat().map((a) => a.id)), [props.actors]);
  const shown = useMemo(() => {
    const q = actorNameKey(filter);
    return q === '' ? props.actors : props.actors.filter((a) => actorNames(a).some((n) => actorNameKey(n).includes(q)));
  }, [props.actors, filter]);

  return (
    <section className="registry" aria-label="Actor registry">
      <div className="pane-header">
        <h2>Actors <span className="count">{props.actors.length}</span></h2>
        <input type="search" placeholder="Filter actors" aria-label="Filter actors" value={filter} onChange={(e) => setFilter(e.target.value)} />
        {duplicates.size > 0 && (
          <p className="registry-warning" role="status">
            {duplicates.size} actors share a name with another one. Open one marked “same name” to combine them.
          </p>
        )}
      </div>
      <ul className="registry-list">
        {shown.map((actor) => {
          const own = mentions?.get(actor.id) ?? NO_MENTIONS;
          const open = openId === actor.id;
          return (
            <li key={actor.id} className={open ? 'open' : undefined}>
              <button
                className="registry-item"
                aria-expanded={open}
                aria-controls={`actor-${actor.id}`}
                onClick={() => setOpenId(open ? null : actor.id)}
              >
                <span className="registry-name">{actor.name}</span>
                <span className="registry-meta">
                  {actor.kind}
                  {actor.aliases.length > 0 && ` · also ${actor.aliases.join(', ')}`}
                </span>
                <span className="registry-count">{mentions ? mentionCount(own.total) : '…'}</span>
                {duplicates.has(actor.id) && <span className="registry-badge">same name</span>}
              </button>
              {open && (
                <ActorEntry
                  id={`actor-${actor.id}`}
                  client={props.client}
                  actor={actor}
                  actors={props.actors}
                  revision={props.revision}
                  mentions={mentions}
                  onJump={props.onJump}
                  onChanged={props.onChanged}
                  onError={props.onError}
                />
              )}
            </li>
          );
        })}
        {shown.length === 0 && <li className="empty">{props.actors.length === 0 ? 'No actors yet: tag a name as an actor (key 2) to add one.' : 'No actor matches the filter.'}</li>}
      </ul>
    </section>
  );
}

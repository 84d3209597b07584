// One open actor of the registry: rename it, add or remove other spellings, its mentions per document, combine another into it.
import { useEffect, useState, type FormEvent } from 'react';
import type { ActorMentions } from '../../../src-shared/api/contract';
import type { Actor } from '../../../src-shared/model/actor';
import type { Annotation } from '../../../src-shared/model/annotation';
import type { Client } from '../../api/client';
import { ActorCombine } from './ActorCombine';

export interface ActorEntryProps {
  id: string;
  client: Client;
  actor: Actor;
  actors: readonly Actor[];
  /** Grows with every change to the project: the mentions are loaded again. */
  revision: number;
  /** Every actor's mention counts; null while they load. */
  mentions: ReadonlyMap<string, ActorMentions> | null;
  onJump: (documentId: string, annotationId: string) => void;
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}

/** The tags naming one actor, per document, as the core lists them. */
function useMentionTags(client: Client, actorId: string, revision: number, onError: (error: unknown) => void) {
  const [found, setFound] = useState<(ActorMentions & { annotations: Annotation[] }) | null>(null);
  useEffect(() => {
    let current = true;
    client.call('actor.mentions', { actorId }).then(
      (value) => current && setFound(value),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [client, actorId, revision, onError]);
  return found;
}

export function ActorEntry(props: ActorEntryProps) {
  const { actor, client } = props;
  const [name, setName] = useState(actor.name);
  const [alias, setAlias] = useState('');
  const found = useMentionTags(client, actor.id, props.revision, props.onError);
  const update = async (change: { name?: string; aliases?: string[] }, message: string) => {
    try {
      await client.call('actor.update', { id: actor.id, ...change });
      props.onChanged(message);
      return true;
    } catch (error) {
      props.onError(error);
      return false;
    }
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== '' && name.trim() !== actor.name) void update({ name: name.trim() }, `Renamed “${actor.name}” to “${name.trim()}”.`);
  };
  const addAlias = (event: FormEvent) => {
    event.preventDefault();
    const spelling = alias.trim();
    if (spelling === '') return;
    void update({ aliases: [...actor.aliases, spelling] }, `“${spelling}” is now another spelling of “${actor.name}”.`).then((done) => done && setAlias(''));
  };

  return (
    <div className="registry-entry" id={props.id}>
      <form className="registry-row" onSubmit={rename}>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" disabled={name.trim() === '' || name.trim() === actor.name}>Rename</button>
      </form>
      <div className="registry-aliases">
        <span className="registry-label">Other spellings</span>
        {actor.aliases.length === 0 && <span className="registry-none">none</span>}
        <ul>
          {actor.aliases.map((a) => (
            <li key={a} className="alias-chip">
              {a}
              <button
                type="button"
                className="link"
                aria-label={`Remove the spelling “${a}”`}
                onClick={() => void update({ aliases: actor.aliases.filter((x) => x !== a) }, `“${a}” is no longer a spelling of “${actor.name}”.`)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <form className="registry-row" onSubmit={addAlias}>
          <input aria-label={`Another spelling of ${actor.name}`} placeholder="Add a spelling" value={alias} onChange={(e) => setAlias(e.target.value)} maxLength={200} />
          <button type="submit" disabled={alias.trim() === ''}>Add</button>
        </form>
      </div>
      <div className="registry-mentions">
        <span className="registry-label">
          {found === null ? 'Mentions: loading…' : `Mentions: ${found.total} in ${found.byDocument.length} ${found.byDocument.length === 1 ? 'document' : 'documents'}`}
        </span>
        {found?.byDocument.map((d) => (
          <details key={d.documentId} className="mention-document">
            <summary>
              <span className="mention-title">{d.title}</span> <span className="count">{d.count}</span>
            </summary>
            <ul>
              {found.annotations
                .filter((t) => t.documentId === d.documentId)
                .sort((a, b) => (a.target?.start ?? -1) - (b.target?.start ?? -1))
                .map((t) => (
                  <li key={t.id}>
                    <button type="button" className="mention" onClick={() => props.onJump(t.documentId, t.id)} title="Open the document with this tag selected">
                      <span className="tag-quote">{t.target ? `“${t.target.exact}”` : 'Whole document'}</span>
                      <span className="mention-role">{t.kind === 'actor' ? 'actor tag' : 'claimant of a claim'}</span>
                    </button>
                  </li>
                ))}
            </ul>
          </details>
        ))}
      </div>
      <ActorCombine client={client} keep={actor} actors={props.actors} mentions={props.mentions} onChanged={props.onChanged} onError={props.onError} />
    </div>
  );
}

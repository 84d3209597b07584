// One open actor of the registry: rename it, add or remove other spellings, its mentions per document, combine another into it.
import { useState, type FormEvent } from 'react';
import type { DocumentSummary } from '../../../src-shared/api/contract';
import type { Actor } from '../../../src-shared/model/actor';
import type { Client } from '../../api/client';
import { ActorCombine } from './ActorCombine';
import { mentionsPerDocument, type Mention } from './actor-mentions';

export interface ActorEntryProps {
  id: string;
  client: Client;
  actor: Actor;
  actors: readonly Actor[];
  documents: readonly DocumentSummary[];
  mentions: ReadonlyMap<string, readonly Mention[]> | null;
  onJump: (documentId: string, annotationId: string) => void;
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}

export function ActorEntry(props: ActorEntryProps) {
  const { actor, client } = props;
  const [name, setName] = useState(actor.name);
  const [alias, setAlias] = useState('');
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
  const own = props.mentions?.get(actor.id) ?? [];
  const perDocument = mentionsPerDocument(own, props.documents);

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
          {props.mentions === null ? 'Mentions: loading…' : `Mentions: ${own.length} in ${perDocument.length} ${perDocument.length === 1 ? 'document' : 'documents'}`}
        </span>
        {perDocument.map((d) => (
          <details key={d.id} className="mention-document">
            <summary>
              <span className="mention-title">{d.title}</span> <span className="count">{d.mentions.length}</span>
            </summary>
            <ul>
              {d.mentions.map((m) => (
                <li key={m.annotationId}>
                  <button type="button" className="mention" onClick={() => props.onJump(m.documentId, m.annotationId)} title="Open the document with this tag selected">
                    <span className="tag-quote">{m.quote ? `“${m.quote}”` : 'Whole document'}</span>
                    <span className="mention-role">{m.role === 'actor' ? 'actor tag' : 'claimant of a claim'}</span>
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

// One open analyst: rename in place (same id, every tag keeps it), or move all their tags to another analyst (undoable).
import { useEffect, useState, type FormEvent } from 'react';
import type { AnalystEntry } from '../../../src-shared/api/contract';
import type { Client } from '../../api/client';
import { idPrefix, tagCount } from '../analyst-label';

const label = (a: AnalystEntry) => `${a.name} (${idPrefix(a.id)})`;

export function AnalystEntryPanel(props: {
  id: string;
  client: Client;
  analyst: AnalystEntry;
  analysts: readonly AnalystEntry[];
  onRenameSelf: (name: string) => Promise<void>;
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}) {
  const { analyst, client, onError } = props;
  const [name, setName] = useState(analyst.name);
  const [intoId, setIntoId] = useState('');
  const [preview, setPreview] = useState<{ intoId: string; moved: number } | null>(null);
  const into = props.analysts.find((a) => a.id === intoId) ?? null;

  // What a combine would move, asked of the core without writing anything.
  useEffect(() => {
    setPreview(null);
    if (!intoId || analyst.tagCount === 0) return;
    let current = true;
    client.call('analyst.combine', { from: analyst.id, into: intoId, dryRun: true }).then(
      (result) => current && setPreview({ intoId, moved: result.moved }),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [client, analyst.id, analyst.tagCount, intoId, onError]);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = name.trim();
    if (wanted === '' || wanted === analyst.name) return;
    try {
      if (analyst.current) await props.onRenameSelf(wanted);
      else await client.call('analyst.rename', { id: analyst.id, name: wanted });
      props.onChanged(`Renamed “${analyst.name}” to “${wanted}”: the same analyst, every tag keeps them.`);
    } catch (error) {
      props.onError(error);
    }
  };
  const combine = async () => {
    if (!into) return;
    try {
      const result = await client.call('analyst.combine', { from: analyst.id, into: into.id });
      props.onChanged(`${tagCount(result.moved)} of ${label(analyst)} are now ${label(into)}’s. Undo takes them back.`);
    } catch (error) {
      props.onError(error);
    }
  };
  const others = props.analysts.filter((a) => a.id !== analyst.id);

  return (
    <div className="registry-entry" id={props.id}>
      <form className="registry-row" onSubmit={(e) => void rename(e)}>
        <label>
          {analyst.current ? 'Your name' : 'Name'}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </label>
        <button type="submit" disabled={name.trim() === '' || name.trim() === analyst.name}>Rename</button>
      </form>
      <p className="registry-label">Full id: {analyst.id}</p>
      {others.length > 0 && analyst.tagCount > 0 && (
        <div className="registry-combine">
          <label>
            <span className="registry-label">Move all of {analyst.name}’s tags to (one person, two identities)</span>
            <select value={intoId} onChange={(e) => setIntoId(e.target.value)}>
              <option value="">Choose an analyst…</option>
              {others.map((a) => (
                <option key={a.id} value={a.id}>{`${label(a)} · ${tagCount(a.tagCount)} · ${a.origin}`}</option>
              ))}
            </select>
          </label>
          {into && (
            <div className="combine-preview" role="status">
              <p>
                {preview?.intoId === into.id ? `${tagCount(preview.moved)} of ${label(analyst)} will become ${label(into)}’s.` : 'Counting the tags…'}
              </p>
              <button type="button" className="primary" disabled={preview?.intoId !== into.id} onClick={() => void combine()}>
                Combine into {label(into)}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

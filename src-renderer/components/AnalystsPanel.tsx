// Left pane, Analysts tab: the project's analysts (name, id prefix, tag count, origin); rename one, combine two.
import { useEffect, useState } from 'react';
import type { AnalystEntry } from '../../src-shared/api/contract';
import type { Client } from '../api/client';
import { idPrefix, tagCount } from './analyst-label';
import { AnalystEntryPanel } from './registry/AnalystEntryPanel';

export interface AnalystsPanelProps {
  client: Client;
  /** Grows with every change to the project: the list is loaded again. */
  revision: number;
  /** Renames the analyst this window writes as (through the settings, so that it keeps writing as them). */
  onRenameSelf: (name: string) => Promise<void>;
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}

export function AnalystsPanel(props: AnalystsPanelProps) {
  const { client, revision, onError } = props;
  const [analysts, setAnalysts] = useState<readonly AnalystEntry[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    client.call('analyst.list', {}).then(
      (list) => current && setAnalysts(list.analysts),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [client, revision, onError]);
  const sameNamed = (a: AnalystEntry) => (analysts ?? []).some((o) => o.id !== a.id && o.name.trim().toLowerCase() === a.name.trim().toLowerCase());

  return (
    <section className="registry analysts" aria-label="Analysts">
      <div className="pane-header">
        <h2>Analysts <span className="count">{analysts?.length ?? ''}</span></h2>
      </div>
      <ul className="registry-list">
        {analysts === null && <li className="empty">Loading…</li>}
        {analysts?.map((a) => {
          const open = openId === a.id;
          return (
            <li key={a.id} className={open ? 'open' : undefined}>
              <button className="registry-item analyst-item" aria-expanded={open} aria-controls={`analyst-${a.id}`} onClick={() => setOpenId(open ? null : a.id)}>
                <span className="registry-name">
                  {a.name}
                  {a.current && <span className="registry-you"> (you)</span>}
                </span>
                <span className="registry-meta">id {idPrefix(a.id)} · {a.origin}</span>
                <span className="registry-count">{tagCount(a.tagCount)}</span>
                {sameNamed(a) && <span className="registry-badge">same name</span>}
              </button>
              {open && <AnalystEntryPanel id={`analyst-${a.id}`} client={client} analyst={a} analysts={analysts} onRenameSelf={props.onRenameSelf} onChanged={props.onChanged} onError={onError} />}
            </li>
          );
        })}
        {analysts?.length === 0 && <li className="empty">No analyst has tagged anything in this project yet.</li>}
      </ul>
    </section>
  );
}

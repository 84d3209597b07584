// Left pane, Analysts tab: the project's analysts with their id prefix and tag count; same-named ones are flagged.
import { useMemo } from 'react';
import type { Analyst } from '../../src-shared/api/contract';
import { idPrefix } from './analyst-label';
import type { TaggedDocument } from './registry/actor-mentions';

export interface AnalystsPanelProps {
  analysts: readonly Analyst[];
  /** The analyst this window writes as. */
  selfId: string | null;
  /** Every document's tags; null while they load. */
  tagged: readonly TaggedDocument[] | null;
}

const tagCount = (n: number) => `${n} ${n === 1 ? 'tag' : 'tags'}`;

export function AnalystsPanel(props: AnalystsPanelProps) {
  const counts = useMemo(() => {
    if (!props.tagged) return null;
    const byAnalyst = new Map<string, number>();
    for (const doc of props.tagged) for (const tag of doc.annotations) if (tag.deletedAt === null) byAnalyst.set(tag.analystId, (byAnalyst.get(tag.analystId) ?? 0) + 1);
    return byAnalyst;
  }, [props.tagged]);
  const sameNamed = (a: Analyst) => props.analysts.some((o) => o.id !== a.id && o.name.trim().toLowerCase() === a.name.trim().toLowerCase());

  return (
    <section className="registry analysts" aria-label="Analysts">
      <div className="pane-header">
        <h2>Analysts <span className="count">{props.analysts.length}</span></h2>
      </div>
      <ul className="registry-list">
        {props.analysts.map((a) => (
          <li key={a.id}>
            <div className="registry-item analyst-item">
              <span className="registry-name">
                {a.name}
                {a.id === props.selfId && <span className="registry-you"> (you)</span>}
              </span>
              <span className="registry-meta">id {idPrefix(a.id)}</span>
              <span className="registry-count">{counts ? tagCount(counts.get(a.id) ?? 0) : '…'}</span>
              {sameNamed(a) && <span className="registry-badge">same name</span>}
            </div>
          </li>
        ))}
        {props.analysts.length === 0 && <li className="empty">No analyst has tagged anything in this project yet.</li>}
      </ul>
    </section>
  );
}

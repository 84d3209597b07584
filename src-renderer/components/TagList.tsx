// Right pane, top: the open document's tags grouped by kind, with the filters that also decide what the article shows.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReviewFilter, TagFilterControls } from '../hooks/useTagFilter';
import type { Analyst } from '../../src-shared/api/contract';
import type { Actor } from '../../src-shared/model/actor';
import type { Annotation, AnnotationKind } from '../../src-shared/model/annotation';
import { analystLabel } from './analyst-label';
import { tagSummary } from './tag-summary';
import { KIND_LABELS, KIND_ORDER, SHORT_LABELS } from './kinds';

/** Tags listed per kind before "Show all": a long article's thousands of tags would slow every change. */
const GROUP_LIMIT = 150;

function visibleItems(items: readonly Annotation[], expanded: boolean, selectedId: string | null): readonly Annotation[] {
  if (expanded || items.length <= GROUP_LIMIT) return items;
  const shown = items.slice(0, GROUP_LIMIT);
  const selected = selectedId === null ? undefined : items.find((a) => a.id === selectedId);
  return selected && !shown.includes(selected) ? [...shown, selected] : shown;
}

export function TagList(props: {
  annotations: readonly Annotation[];
  actors: ReadonlyMap<string, Actor>;
  analysts: readonly Analyst[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  tagFilter: TagFilterControls;
}) {
  const { filter, setFilter, matches } = props.tagFilter;
  const [expanded, setExpanded] = useState<ReadonlySet<AnnotationKind>>(new Set());
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!props.selectedId) return;
    listRef.current?.querySelector(`[data-annotation-id="${props.selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [props.selectedId]);
  const names = useMemo(() => new Map(props.analysts.map((a) => [a.id, analystLabel(a, props.analysts)])), [props.analysts]);
  const groups = useMemo(
    () =>
      KIND_ORDER.filter((k) => filter.kinds.has(k)).map((kind) => ({
        kind,
        items: props.annotations.filter((a) => a.kind === kind && matches(a)),
      })),
    [props.annotations, filter.kinds, matches],
  );
  const shown = groups.reduce((sum, group) => sum + group.items.length, 0);
  const toggle = (kind: AnnotationKind) => {
    const next = new Set(filter.kinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    setFilter({ kinds: next });
  };
  return (
    <section className="tag-list" aria-label="Tags in this document">
      <div className="pane-header">
        <h2>
          Tags <span className="count">{props.tagFilter.active ? `${shown} of ${props.annotations.length}` : props.annotations.length}</span>
        </h2>
        <div className="tag-filters">
          {KIND_ORDER.map((kind) => (
            <label key={kind} className={`filter-chip chip-${kind}`} title={`Show ${KIND_LABELS[kind].toLowerCase()} tags, in the list and in the article`}>
              <input type="checkbox" checked={filter.kinds.has(kind)} onChange={() => toggle(kind)} aria-label={KIND_LABELS[kind]} /> {SHORT_LABELS[kind]}
            </label>
          ))}
          <select aria-label="Analyst" value={filter.analyst} onChange={(e) => setFilter({ analyst: e.target.value })}>
            <option value="all">All analysts</option>
            <option value="mine">Only mine</option>
            {props.analysts.map((a) => (
              <option key={a.id} value={a.id}>{names.get(a.id)}</option>
            ))}
          </select>
          <select aria-label="Review decision" value={filter.review} onChange={(e) => setFilter({ review: e.target.value as ReviewFilter })}>
            <option value="all">Any decision</option>
            <option value="undecided">Undecided</option>
            <option value="accepted">Accepted</option>
            <option value="rejected">Rejected</option>
          </select>
        </div>
      </div>
      <div className="tag-groups" ref={listRef}>
        {groups.map(({ kind, items }) =>
          items.length === 0 ? null : (
            <div key={kind} className="tag-group">
              <h3 className={`group-title chip-${kind}`}>{KIND_LABELS[kind]} <span className="count">{items.length}</span></h3>
              <ul>
                {visibleItems(items, expanded.has(kind), props.selectedId).map((a) => (
                  <li key={a.id}>
                    <button
                      className={`tag-item${a.id === props.selectedId ? ' selected' : ''}`}
                      data-annotation-id={a.id}
                      aria-pressed={a.id === props.selectedId}
                      onClick={() => props.onSelect(a.id)}
                    >
                      <span className="tag-quote">{a.target ? `“${a.target.exact}”` : 'Whole document'}</span>
                      <span className="tag-summary">{tagSummary(a, props.actors)}</span>
                      <span className="tag-analyst">{names.get(a.analystId) ?? 'unknown analyst'}</span>
                    </button>
                  </li>
                ))}
              </ul>
              {items.length > GROUP_LIMIT && !expanded.has(kind) && (
                <button className="link show-all" onClick={() => setExpanded(new Set([...expanded, kind]))}>
                  Show all {items.length.toLocaleString('en-US')} {KIND_LABELS[kind].toLowerCase()} tags
                </button>
              )}
            </div>
          ),
        )}
        {props.annotations.length === 0 && <p className="empty">No tags yet. Select a passage and press 1–4.</p>}
        {props.annotations.length > 0 && shown === 0 && <p className="empty">No tag matches the filters.</p>}
      </div>
    </section>
  );
}

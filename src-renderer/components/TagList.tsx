// Right pane, top: the open document's tags grouped by kind, with the filters that also decide what the article shows;
// only the rows on screen are drawn.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { ReviewFilter, TagFilterControls } from '../hooks/useTagFilter';
import type { Analyst } from '../../src-shared/api/contract';
import type { Actor } from '../../src-shared/model/actor';
import type { Annotation, AnnotationKind } from '../../src-shared/model/annotation';
import { analystLabel } from './analyst-label';
import { tagSummary } from './tag-summary';
import { KIND_LABELS, KIND_ORDER, SHORT_LABELS } from './kinds';
import { listKeyTarget } from './list-keys';

/** A row of the list: a kind's heading, or a tag with its place among the tags shown. */
type Row = { type: 'group'; kind: AnnotationKind; count: number } | { type: 'tag'; annotation: Annotation; place: number };

/** Heights before rows are measured. */
const HEADING_ESTIMATE = 30;
const TAG_ESTIMATE = 58;

export function TagList(props: {
  annotations: readonly Annotation[];
  actors: ReadonlyMap<string, Actor>;
  analysts: readonly Analyst[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  tagFilter: TagFilterControls;
}) {
  const { filter, setFilter, matches } = props.tagFilter;
  const names = useMemo(() => new Map(props.analysts.map((a) => [a.id, analystLabel(a, props.analysts)])), [props.analysts]);
  const groups = useMemo(
    () =>
      KIND_ORDER.filter((k) => filter.kinds.has(k)).map((kind) => ({
        kind,
        items: props.annotations.filter((a) => a.kind === kind && matches(a)),
      })),
    [props.annotations, filter.kinds, matches],
  );
  const rows = useMemo(() => {
    const list: Row[] = [];
    let place = 0;
    for (const { kind, items } of groups) {
      if (items.length === 0) continue;
      list.push({ type: 'group', kind, count: items.length });
      for (const annotation of items) list.push({ type: 'tag', annotation, place: ++place });
    }
    return list;
  }, [groups]);
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: (i) => (rows[i]?.type === 'group' ? HEADING_ESTIMATE : TAG_ESTIMATE),
    overscan: 8,
    getItemKey: (i) => {
      const row = rows[i];
      return row === undefined ? i : row.type === 'group' ? `group-${row.kind}` : row.annotation.id;
    },
  });
  // The selected tag is brought into view (it may not be drawn yet: scroll by index, not by element).
  useEffect(() => {
    if (!props.selectedId) return;
    const at = rows.findIndex((row) => row.type === 'tag' && row.annotation.id === props.selectedId);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [props.selectedId, rows, virtualizer]);
  const shown = groups.reduce((sum, group) => sum + group.items.length, 0);
  /** Arrows, Page Up/Down, Home and End move between tags (headings are skipped), drawn or not. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const from = Number((event.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index') ?? Number.NaN);
    const row = rows[from];
    if (row?.type !== 'tag') return;
    const tags = rows.flatMap((r, index) => (r.type === 'tag' ? [index] : []));
    const page = Math.floor((listRef.current?.clientHeight ?? 0) / TAG_ESTIMATE);
    const to = listKeyTarget(event.key, row.place - 1, tags.length, page);
    if (to === null) return;
    event.preventDefault();
    const index = tags[to]!;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const focus = (tries: number) => {
      const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-index="${index}"] button`);
      if (button) button.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    requestAnimationFrame(() => focus(10));
  };
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
      <div className="tag-groups" ref={listRef} onKeyDown={onKeyDown}>
        {rows.length > 0 && (
          <ul style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index] as Row;
              const style = { transform: `translateY(${item.start}px)` };
              if (row.type === 'group') {
                return (
                  <li key={item.key} data-index={item.index} ref={virtualizer.measureElement} style={style} className="tag-group">
                    <h3 className={`group-title chip-${row.kind}`}>{KIND_LABELS[row.kind]} <span className="count">{row.count}</span></h3>
                  </li>
                );
              }
              const a = row.annotation;
              return (
                <li key={item.key} data-index={item.index} ref={virtualizer.measureElement} style={style} aria-setsize={shown} aria-posinset={row.place}>
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
              );
            })}
          </ul>
        )}
        {props.annotations.length === 0 && <p className="empty">No tags yet. Select a passage and press 1–4.</p>}
        {props.annotations.length > 0 && shown === 0 && <p className="empty">No tag matches the filters.</p>}
      </div>
    </section>
  );
}

// Left pane: the project's documents with date and tag counts by kind, and a filter box; the rows come from the core a
// page at a time as the list scrolls (filtered there), and only the rows on screen are drawn.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentRow as Row } from '../../src-shared/api/contract';
import type { Client } from '../api/client';
import { useDocumentPages } from '../hooks/use-document-pages';
import { KIND_LABELS, KIND_ORDER, SHORT_LABELS } from './kinds';
import { listKeyTarget } from './list-keys';

/** A row's height before it is measured (title, date line, counts). */
const ROW_ESTIMATE = 66;

interface Props {
  client: Client;
  /** Grows with every change to the project: the rows in view are fetched again. */
  revision: number;
  /** Every document of the project, whatever the filter. */
  documentCount: number;
  currentId: string | null;
  onOpen: (id: string) => void;
}

/**
 * Re-drawn only when the project or the open document change (a new `onOpen` function alone does not), and then only
 * the rows on screen whose content changed. Arrow keys, Page Up/Down, Home and End move between rows; each row tells
 * screen readers its place in the whole list (aria-posinset of aria-setsize), since most rows are not in the page.
 */
export const DocumentList = memo(
  function DocumentList({ client, revision, documentCount, currentId, onOpen }: Props) {
    const [filter, setFilter] = useState('');
    const rows = useDocumentPages(client, revision, filter);
    const count = rows.total ?? 0;
    // The latest `onOpen`, behind one function the rows keep: a parent's new closure does not re-draw them.
    const open = useRef(onOpen);
    useLayoutEffect(() => {
      open.current = onOpen;
    });
    const openStable = useCallback((id: string) => open.current(id), []);
    const scrollRef = useRef<HTMLDivElement>(null);
    const virtualizer = useVirtualizer({
      count,
      getScrollElement: () => scrollRef.current,
      estimateSize: () => ROW_ESTIMATE,
      overscan: 6,
    });
    const items = virtualizer.getVirtualItems();
    const [first, last] = [items[0]?.index ?? 0, items[items.length - 1]?.index ?? 0];
    const { need } = rows;
    useEffect(() => need(first, last), [need, first, last]);
    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      const from = Number((event.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index') ?? Number.NaN);
      if (!Number.isInteger(from)) return;
      const page = Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_ESTIMATE);
      const to = listKeyTarget(event.key, from, count, page);
      if (to === null) return;
      event.preventDefault();
      // The row may not be drawn yet: scroll to it by index, then focus it once it is.
      virtualizer.scrollToIndex(to, { align: 'auto' });
      const focus = (tries: number) => {
        const button = scrollRef.current?.querySelector<HTMLButtonElement>(`[data-index="${to}"] button`);
        if (button) button.focus();
        else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
      };
      requestAnimationFrame(() => focus(10));
    };
    return (
      <nav className="documents" aria-label="Documents">
        <div className="pane-header">
          <h2>Documents <span className="count">{documentCount}</span></h2>
          <input type="search" placeholder="Filter documents" aria-label="Filter documents" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <div className="document-list" ref={scrollRef} onKeyDown={onKeyDown}>
          <ul style={{ height: count === 0 ? undefined : virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const d = rows.rowAt(item.index);
              return (
                <DocumentRow
                  key={item.key}
                  document={d}
                  index={item.index}
                  start={item.start}
                  setSize={count}
                  current={d !== undefined && d.id === currentId}
                  onOpen={openStable}
                  measure={virtualizer.measureElement}
                />
              );
            })}
            {rows.total === 0 && <li className="empty">{documentCount === 0 ? 'No documents yet: import articles to start.' : 'No document matches the filter.'}</li>}
          </ul>
        </div>
      </nav>
    );
  },
  (before, after) =>
    before.client === after.client && before.revision === after.revision && before.documentCount === after.documentCount && before.currentId === after.currentId,
);

interface RowProps {
  /** Undefined while its page is on its way: an empty row of the same size that keeps its place. */
  document: Row | undefined;
  index: number;
  start: number;
  setSize: number;
  current: boolean;
  onOpen: (id: string) => void;
  measure: (element: Element | null) => void;
}

/** The same document with the same title, date, outlet and counts (a page fetched again brings new objects). */
function sameRow(a: Row | undefined, b: Row | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return a.id === b.id && a.title === b.title && a.publishedAt === b.publishedAt && a.outlet === b.outlet && KIND_ORDER.every((kind) => a.tagCounts[kind] === b.tagCounts[kind]);
}

const DocumentRow = memo(
  function DocumentRow(props: RowProps) {
    const { document: d, current } = props;
    const place = {
      'data-index': props.index,
      ref: props.measure,
      style: { transform: `translateY(${props.start}px)` },
      'aria-setsize': props.setSize,
      'aria-posinset': props.index + 1,
    };
    if (d === undefined) {
      return (
        <li {...place}>
          <button className="document-item loading" aria-busy="true" aria-label="Loading…" style={{ minHeight: ROW_ESTIMATE }}>
            <span className="document-title">…</span>
          </button>
        </li>
      );
    }
    return (
      <li {...place}>
        <button className={`document-item${current ? ' current' : ''}`} aria-current={current ? 'page' : undefined} onClick={() => props.onOpen(d.id)}>
          <span className="document-title">{d.title}</span>
          <span className="document-meta">{d.publishedAt ?? 'no date'}{d.outlet ? ` · ${d.outlet}` : ''}</span>
          <span className="kind-counts">
            {KIND_ORDER.map((kind) => (
              <span key={kind} className={`kind-chip chip-${kind}`} title={`${d.tagCounts[kind]} ${KIND_LABELS[kind].toLowerCase()} tags`}>
                {SHORT_LABELS[kind].slice(0, 1)} {d.tagCounts[kind]}
              </span>
            ))}
          </span>
        </button>
      </li>
    );
  },
  (before, after) =>
    sameRow(before.document, after.document) &&
    before.index === after.index &&
    before.start === after.start &&
    before.setSize === after.setSize &&
    before.current === after.current &&
    before.onOpen === after.onOpen &&
    before.measure === after.measure,
);

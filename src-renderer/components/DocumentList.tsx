// Left pane: the project's documents with date and tag counts by kind, and a filter box; only the rows on screen are drawn.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentSummary } from '../../src-shared/api/contract';
import { KIND_LABELS, KIND_ORDER, SHORT_LABELS } from './kinds';
import { listKeyTarget } from './list-keys';

/** A row's height before it is measured (title, date line, counts). */
const ROW_ESTIMATE = 66;

interface Props {
  documents: readonly DocumentSummary[];
  currentId: string | null;
  onOpen: (id: string) => void;
}

/**
 * Re-drawn only when the documents or the open one change (a new `onOpen` function alone does not), and then only the
 * rows on screen whose content changed. Arrow keys, Page Up/Down, Home and End move between rows; each row tells
 * screen readers its place in the whole list (aria-posinset of aria-setsize), since most rows are not in the page.
 */
export const DocumentList = memo(
  function DocumentList({ documents, currentId, onOpen }: Props) {
    const [filter, setFilter] = useState('');
    const shown = useMemo(() => {
      const q = filter.trim().toLowerCase();
      return q === '' ? documents : documents.filter((d) => `${d.title} ${d.author ?? ''} ${d.outlet ?? ''}`.toLowerCase().includes(q));
    }, [documents, filter]);
    // The latest `onOpen`, behind one function the rows keep: a parent's new closure does not re-draw them.
    const open = useRef(onOpen);
    useLayoutEffect(() => {
      open.current = onOpen;
    });
    const openStable = useCallback((id: string) => open.current(id), []);
    const scrollRef = useRef<HTMLDivElement>(null);
    const virtualizer = useVirtualizer({
      count: shown.length,
      getScrollElement: () => scrollRef.current,
      estimateSize: () => ROW_ESTIMATE,
      overscan: 6,
      getItemKey: (i) => shown[i]?.id ?? i,
    });
    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      const from = Number((event.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index') ?? Number.NaN);
      if (!Number.isInteger(from)) return;
      const page = Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_ESTIMATE);
      const to = listKeyTarget(event.key, from, shown.length, page);
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
          <h2>Documents <span className="count">{documents.length}</span></h2>
          <input type="search" placeholder="Filter documents" aria-label="Filter documents" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <div className="document-list" ref={scrollRef} onKeyDown={onKeyDown}>
          <ul style={{ height: shown.length === 0 ? undefined : virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const d = shown[item.index] as DocumentSummary;
              return (
                <DocumentRow
                  key={item.key}
                  document={d}
                  index={item.index}
                  start={item.start}
                  setSize={shown.length}
                  current={d.id === currentId}
                  onOpen={openStable}
                  measure={virtualizer.measureElement}
                />
              );
            })}
            {shown.length === 0 && <li className="empty">{documents.length === 0 ? 'No documents yet: import articles to start.' : 'No document matches the filter.'}</li>}
          </ul>
        </div>
      </nav>
    );
  },
  (before, after) => before.documents === after.documents && before.currentId === after.currentId,
);

const DocumentRow = memo(function DocumentRow(props: {
  document: DocumentSummary;
  index: number;
  start: number;
  setSize: number;
  current: boolean;
  onOpen: (id: string) => void;
  measure: (element: Element | null) => void;
}) {
  const { document: d, current } = props;
  return (
    <li data-index={props.index} ref={props.measure} style={{ transform: `translateY(${props.start}px)` }} aria-setsize={props.setSize} aria-posinset={props.index + 1}>
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
});

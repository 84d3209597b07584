// The tag table's grid: one row per tag, virtualised (only the rows in view are in the page), sortable headers, arrow keys and Enter.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TagRow } from '../../../src-shared/api/contract';
import type { TagSortColumn, TagTableState } from '../../hooks/use-tag-table';
import { SHORT_LABELS } from '../kinds';
import { formatDate, formatValue } from './tag-table-format';

const ROW_HEIGHT = 32;
const OVERSCAN = 12;

const COLUMNS: readonly { column: TagSortColumn; label: string; cell: (row: TagRow) => string }[] = [
  { column: 'kind', label: 'Kind', cell: (row) => SHORT_LABELS[row.kind] },
  { column: 'quote', label: 'Quote', cell: (row) => row.quote ?? '(whole document)' },
  { column: 'document', label: 'Document', cell: (row) => row.documentTitle },
  { column: 'analyst', label: 'Analyst', cell: (row) => row.analystName },
  { column: 'actor', label: 'Actor', cell: (row) => row.actorName ?? '' },
  { column: 'status', label: 'Status', cell: (row) => row.status ?? '' },
  { column: 'category', label: 'Category', cell: (row) => row.category?.replaceAll('_', ' ') ?? '' },
  { column: 'value', label: 'Value', cell: (row) => formatValue(row.value, row.unit) },
  { column: 'review', label: 'Review', cell: (row) => (row.review === null || row.review === 'pending' ? '' : row.review) },
  { column: 'date', label: 'Date', cell: (row) => formatDate(row.updatedAt) },
];

/** The ARIA sort state of a column header. */
function ariaSort(table: TagTableState, column: TagSortColumn): 'ascending' | 'descending' | 'none' {
  if (table.sort.column !== column) return 'none';
  return table.sort.descending ? 'descending' : 'ascending';
}

export function TagGrid({ table, onOpen }: { table: TagTableState; onOpen: (row: TagRow) => void }) {
  const total = table.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const { ensureRows } = table;
  useEffect(() => {
    if (last >= first) ensureRows(first, last);
  }, [first, last, ensureRows]);
  // A new query starts at the top.
  useEffect(() => {
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [table.filters, table.sort, virtualizer]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in steps) moveTo(active + (steps[event.key] ?? 0));
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(total - 1);
    else if (event.key === 'Enter') {
      const row = table.rowAt(active);
      if (row) onOpen(row);
    } else return;
    event.preventDefault();
  };

  return (
    <>
    <div
      className="tag-grid"
      role="grid"
      aria-label="Tags in the project"
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={total > 0 ? `tag-row-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="tag-grid-head">
        <div role="row" aria-rowindex={1} className="tag-grid-row">
          {COLUMNS.map((c, i) => (
            <div key={c.column} role="columnheader" aria-colindex={i + 1} aria-sort={ariaSort(table, c.column)} className={`cell cell-${c.column}`}>
              <button type="button" tabIndex={-1} onClick={() => table.sortBy(c.column)} title={`Sort by ${c.label.toLowerCase()}`}>
                {c.label}
                <span aria-hidden="true">{table.sort.column === c.column ? (table.sort.descending ? ' ▼' : ' ▲') : ''}</span>
              </button>
            </div>
          ))}
        </div>
      </div>
      <div className="tag-grid-scroll" ref={scrollRef}>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = table.rowAt(item.index);
            return (
              <div
                key={item.key}
                id={`tag-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === active}
                aria-busy={row ? undefined : true}
                data-annotation-id={row?.id}
                className={`tag-grid-row${item.index === active ? ' active' : ''}${row ? ` row-${row.kind}` : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(item.index);
                  if (row) onOpen(row);
                }}
              >
                {COLUMNS.map((c, i) => {
                  const text = row ? c.cell(row) : '…';
                  return (
                    <div key={c.column} role="gridcell" aria-colindex={i + 1} className={`cell cell-${c.column}`} title={c.column === 'quote' ? text : undefined}>
                      {text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
    {total === 0 && table.total !== null && <p className="empty">No tag matches these filters.</p>}
    </>
  );
}

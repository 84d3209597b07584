// The hits of a search as a virtualised list: each with its document and a snippet with the match marked; grouped by document for the project.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { SearchHit } from '../../../src-shared/api/contract';
import { resultRows, snippetParts, type Row } from './search-model';

export function SearchResults(props: { hits: readonly SearchHit[]; grouped: boolean; current: number | null; onSelect: (index: number) => void }) {
  const { hits, grouped, current } = props;
  const rows = useMemo(() => resultRows(hits, grouped), [hits, grouped]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.type === 'document' ? 28 : 44),
    overscan: 8,
    getItemKey: (i) => rows[i]?.key ?? i,
  });
  // The current hit stays in view (it may not be drawn yet: scroll by index, not by element).
  useEffect(() => {
    const at = rows.findIndex((row) => row.type === 'hit' && row.index === current);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [current, rows, virtualizer]);

  return (
    <div className="search-results" ref={scrollRef}>
      <ul aria-label="Search results" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as Row;
          const style = { transform: `translateY(${item.start}px)` };
          if (row.type === 'document') {
            return (
              <li key={item.key} data-index={item.index} ref={virtualizer.measureElement} style={style} className="search-document">
                {row.title} <span className="search-count">({row.count})</span>
              </li>
            );
          }
          const hit = hits[row.index] as SearchHit;
          const [before, match, after] = snippetParts(hit);
          return (
            <li key={item.key} data-index={item.index} ref={virtualizer.measureElement} style={style}>
              <button type="button" className="search-hit-row" aria-current={row.index === current ? 'true' : undefined} onClick={() => props.onSelect(row.index)}>
                <span className="search-snippet">
                  …{before}
                  <mark>{match}</mark>
                  {after}…
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

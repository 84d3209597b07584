// Review mode: the list of agreements and differences, each with its type in words, both sides' tags and their review status.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { Actor } from '../../../src-shared/model/actor';
import type { Annotation, ReviewStatus } from '../../../src-shared/model/annotation';
import { attributeChanges, DIFFERENCE_LABELS, DIFFERENCE_SYMBOLS, isUndecided, kindLabel, quoteOf, statusOf, type Difference } from './review-model';

const STATUS_SYMBOLS: Readonly<Record<ReviewStatus, string>> = { pending: '○', accepted: '✓', rejected: '✗' };

export function StatusBadge({ status }: { status: ReviewStatus }) {
  return (
    <span className={`review-status status-${status}`}>
      <span aria-hidden="true">{STATUS_SYMBOLS[status]}</span> {status}
    </span>
  );
}

function Side({ letter, tag }: { letter: 'A' | 'B'; tag: Annotation | undefined }) {
  return (
    <span className="difference-side">
      <span className="difference-letter">
        <span className="visually-hidden">Analyst </span>
        {letter}
        <span className="visually-hidden">:</span>
      </span>
      {tag ? (
        <>
          <span className="difference-quote">{quoteOf(tag)}</span>
          <span className={`difference-kind chip-${tag.kind}`}>{kindLabel(tag)}</span>
          <StatusBadge status={statusOf(tag)} />
        </>
      ) : (
        <span className="difference-none">no tag</span>
      )}
    </span>
  );
}

/** One row; memoised, so that moving through a long list redraws only the rows whose state changed. */
const DifferenceItem = memo(function DifferenceItem(props: {
  difference: Difference;
  index: number;
  tagA: Annotation | undefined;
  tagB: Annotation | undefined;
  actors: ReadonlyMap<string, Actor>;
  current: boolean;
  undecided: boolean;
  onSelect: (key: string) => void;
}) {
  const { difference, tagA, tagB, current, undecided } = props;
  const changes = difference.type === 'different_attributes' && tagA && tagB ? attributeChanges(tagA, tagB, props.actors) : [];
  return (
      <button
        className={`difference-item diff-${difference.type}${current ? ' current' : ''}${undecided ? '' : ' decided'}`}
        aria-current={current ? 'true' : undefined}
        data-difference-type={difference.type}
        onClick={() => props.onSelect(difference.key)}
      >
        <span className="difference-head">
          <span className={`review-mark mark-${difference.type}`} aria-hidden="true">{DIFFERENCE_SYMBOLS[difference.type]}</span>
          <span className="difference-type">{DIFFERENCE_LABELS[difference.type]}</span>
          <span className="difference-number">
            {props.index + 1} · {undecided ? 'undecided' : 'decided'}
          </span>
        </span>
        <Side letter="A" tag={tagA} />
        <Side letter="B" tag={tagB} />
        {changes.length > 0 && <span className="difference-changes">{changes.join('; ')}</span>}
      </button>
  );
});

/** Rows drawn above and below the visible ones, so that scrolling shows no blank rows. */
const OVERSCAN = 8;

/**
 * The differences of a document, in text order. A long article has thousands, so only the rows in view are in the
 * page (a virtualised list, each row measured as it is drawn); assistive technology still hears each row's
 * position in the whole list.
 */
export function DifferenceList(props: {
  differences: readonly Difference[];
  byId: ReadonlyMap<string, Annotation>;
  actors: ReadonlyMap<string, Actor>;
  currentKey: string | null;
  onSelect: (key: string) => void;
}) {
  const { differences, currentKey } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: differences.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: OVERSCAN,
    getItemKey: (index) => differences[index]?.key ?? index,
  });
  // The current row is kept in view (it may not be in the page yet: scroll by index, not by element).
  useEffect(() => {
    const index = differences.findIndex((d) => d.key === currentKey);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [currentKey, differences, virtualizer]);

  if (differences.length === 0) return <p className="empty">Nothing to compare: neither analyst tagged this document, or the filter hides everything.</p>;
  return (
    <div className="difference-list" ref={scrollRef}>
      <ol aria-label="Differences" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const difference = differences[row.index] as Difference;
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-setsize={differences.length}
              aria-posinset={row.index + 1}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <DifferenceItem
                difference={difference}
                index={row.index}
                tagA={props.byId.get(difference.a[0] ?? '')}
                tagB={props.byId.get(difference.b[0] ?? '')}
                actors={props.actors}
                current={difference.key === currentKey}
                undecided={isUndecided(difference, props.byId)}
                onSelect={props.onSelect}
              />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

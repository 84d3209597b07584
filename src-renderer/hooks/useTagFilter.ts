// Which tags the workbench shows — in the tag list and in the article alike: by kind, by analyst (or only mine),
// by review decision.
import { useCallback, useMemo, useState } from 'react';
import type { Annotation, AnnotationKind, TagSpan } from '../../src-shared/model/annotation';
import { KIND_ORDER } from '../components/kinds';

export type ReviewFilter = 'all' | 'undecided' | 'accepted' | 'rejected';

export interface TagFilter {
  kinds: ReadonlySet<AnnotationKind>;
  /** 'all', 'mine', or an analyst id. */
  analyst: string;
  review: ReviewFilter;
}

export interface TagFilterControls {
  filter: TagFilter;
  setFilter: (change: Partial<TagFilter>) => void;
  /** Widens the filter so that a tag one has just made (one's own, undecided, of `kind`) is shown, not hidden. */
  reveal: (kind: AnnotationKind) => void;
  matches: (annotation: FilteredTag) => boolean;
  /** True when some tags may be hidden. */
  active: boolean;
}

/** What the filter reads of a tag: a full tag, or its span (whose review is the decision alone). */
export type FilteredTag = Pick<Annotation, 'kind' | 'analystId'> & { review?: Annotation['review'] | TagSpan['review'] };

function reviewOf(tag: FilteredTag): Exclude<ReviewFilter, 'all'> {
  const status = typeof tag.review === 'string' ? tag.review : tag.review?.status;
  return status === 'accepted' || status === 'rejected' ? status : 'undecided';
}

export function useTagFilter(myAnalystId: string | null): TagFilterControls {
  const [filter, setState] = useState<TagFilter>({ kinds: new Set(KIND_ORDER), analyst: 'all', review: 'all' });
  const setFilter = useCallback((change: Partial<TagFilter>) => setState((current) => ({ ...current, ...change })), []);
  const reveal = useCallback(
    (kind: AnnotationKind) =>
      setState((current) => {
        const kindShown = current.kinds.has(kind);
        const analystShown = current.analyst === 'all' || current.analyst === 'mine' || current.analyst === myAnalystId;
        const reviewShown = current.review === 'all' || current.review === 'undecided';
        if (kindShown && analystShown && reviewShown) return current;
        return {
          kinds: kindShown ? current.kinds : new Set([...current.kinds, kind]),
          analyst: analystShown ? current.analyst : 'all',
          review: reviewShown ? current.review : 'all',
        };
      }),
    [myAnalystId],
  );
  const matches = useCallback(
    (annotation: FilteredTag) => {
      if (!filter.kinds.has(annotation.kind)) return false;
      const analyst = filter.analyst === 'mine' ? myAnalystId : filter.analyst;
      if (analyst !== 'all' && annotation.analystId !== analyst) return false;
      return filter.review === 'all' || reviewOf(annotation) === filter.review;
    },
    [filter, myAnalystId],
  );
  const active = filter.kinds.size < KIND_ORDER.length || filter.analyst !== 'all' || filter.review !== 'all';
  return useMemo(() => ({ filter, setFilter, reveal, matches, active }), [filter, setFilter, reveal, matches, active]);
}

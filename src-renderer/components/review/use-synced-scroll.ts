// Review mode: keeps two scroll containers at the same relative position, without echoing each other's scrolls.
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** Scroll offset at which the pane sits, as a share of how far it can scroll (0 at the top, 1 at the bottom). */
function ratioOf(element: HTMLElement): number {
  const range = element.scrollHeight - element.clientHeight;
  return range > 0 ? element.scrollTop / range : 0;
}

/** Where a container is scrolled to, as text: the anchor element at its top edge and how far into it (0–1). */
interface Anchor {
  index: number;
  fraction: number;
}

function anchorAt(container: HTMLElement, anchors: string): Anchor | null {
  const elements = container.querySelectorAll<HTMLElement>(anchors);
  if (elements.length === 0) return null;
  const top = container.getBoundingClientRect().top;
  // The first element whose bottom is below the top edge (binary search: they are in document order).
  let low = 0;
  let high = elements.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((elements[mid] as HTMLElement).getBoundingClientRect().bottom > top) high = mid;
    else low = mid + 1;
  }
  const rect = (elements[low] as HTMLElement).getBoundingClientRect();
  return { index: low, fraction: rect.height > 0 ? Math.min(1, Math.max(0, (top - rect.top) / rect.height)) : 0 };
}

/**
 * The scrollTop at which `target` shows at its top what `source` shows at its top: the same anchor element (the
 * same paragraph of the same text), the same share of it scrolled past. The two panes wrap lines differently (their
 * marks differ) and lay out unseen parts of a long article lazily, so a proportional offset would drift apart.
 * Without anchors it falls back to the same proportion of the scrollable height.
 */
function matchingTop(source: HTMLElement, target: HTMLElement, anchors: string): number {
  const range = Math.max(0, target.scrollHeight - target.clientHeight);
  if (source.scrollTop <= 0) return 0;
  if (source.scrollTop >= source.scrollHeight - source.clientHeight - 1) return range;
  const anchor = anchorAt(source, anchors);
  const element = anchor ? target.querySelectorAll<HTMLElement>(anchors)[anchor.index] : undefined;
  if (!anchor || !element) return ratioOf(source) * range;
  const rect = element.getBoundingClientRect();
  const offset = rect.top - target.getBoundingClientRect().top + anchor.fraction * rect.height;
  return Math.min(range, Math.max(0, target.scrollTop + offset));
}

export interface SyncedScroll {
  /** Stops following for `ms`, so that both containers can run their own smooth scroll without cancelling each other. */
  pause(ms: number): void;
  /** Stops following for `ms` while `source` scrolls on its own, then brings the other container to the same place. */
  followAfter(source: 'first' | 'second', ms: number): void;
}

/**
 * Scrolling one container scrolls the other to the same place in the text: the element matching `anchors` (e.g.
 * the article's blocks) at the top of one is put at the top of the other. A scroll this hook caused itself is
 * recognised by its expected offset and not passed back, so there is no feedback loop.
 */
export function useSyncedScroll(first: RefObject<HTMLElement | null>, second: RefObject<HTMLElement | null>, anchors: string): SyncedScroll {
  const pausedUntil = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const a = first.current;
    const b = second.current;
    if (!a || !b) return;
    const expected = new Map<HTMLElement, number>();
    const follow = (source: HTMLElement, target: HTMLElement) => {
      const echo = expected.get(source);
      expected.delete(source);
      if (echo !== undefined && Math.abs(source.scrollTop - echo) <= 1) return;
      if (performance.now() < pausedUntil.current) return;
      const top = matchingTop(source, target, anchors);
      if (Math.abs(target.scrollTop - top) <= 1) return;
      expected.set(target, top);
      target.scrollTop = top;
    };
    const onA = () => follow(a, b);
    const onB = () => follow(b, a);
    a.addEventListener('scroll', onA, { passive: true });
    b.addEventListener('scroll', onB, { passive: true });
    return () => {
      a.removeEventListener('scroll', onA);
      b.removeEventListener('scroll', onB);
      clearTimeout(timer.current);
    };
  }, [first, second, anchors]);

  const pause = useCallback((ms: number) => {
    clearTimeout(timer.current);
    pausedUntil.current = performance.now() + ms;
  }, []);

  const followAfter = useCallback(
    (which: 'first' | 'second', ms: number) => {
      pause(ms);
      timer.current = setTimeout(() => {
        const [source, target] = which === 'first' ? [first.current, second.current] : [second.current, first.current];
        if (!source || !target) return;
        const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
        // The other container's own smooth scroll must not be passed back while it runs.
        pausedUntil.current = performance.now() + (reduceMotion ? 50 : ms);
        target.scrollTo({ top: matchingTop(source, target, anchors), behavior: reduceMotion ? 'auto' : 'smooth' });
      }, ms);
    },
    [first, second, anchors, pause],
  );

  return { pause, followAfter };
}

// Review mode: keeps two scroll containers at the same relative position, without echoing each other's scrolls.
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** Scroll offset at which the pane sits, as a share of how far it can scroll (0 at the top, 1 at the bottom). */
function ratioOf(element: HTMLElement): number {
  const range = element.scrollHeight - element.clientHeight;
  return range > 0 ? element.scrollTop / range : 0;
}

function proportionalTop(source: HTMLElement, target: HTMLElement): number {
  return ratioOf(source) * Math.max(0, target.scrollHeight - target.clientHeight);
}

export interface SyncedScroll {
  /** Stops following for `ms`, so that both containers can run their own smooth scroll without cancelling each other. */
  pause(ms: number): void;
  /** Stops following for `ms` while `source` scrolls on its own, then brings the other container to the same place. */
  followAfter(source: 'first' | 'second', ms: number): void;
}

/**
 * Scrolling one container scrolls the other proportionally (by scrollTop over the scrollable height). A scroll
 * this hook caused itself is recognised by its expected offset and not passed back, so there is no feedback loop.
 */
export function useSyncedScroll(first: RefObject<HTMLElement | null>, second: RefObject<HTMLElement | null>): SyncedScroll {
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
      const top = proportionalTop(source, target);
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
  }, [first, second]);

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
        target.scrollTo({ top: proportionalTop(source, target), behavior: reduceMotion ? 'auto' : 'smooth' });
      }, ms);
    },
    [first, second, pause],
  );

  return { pause, followAfter };
}

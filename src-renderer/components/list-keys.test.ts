// Checks the list keys: every target is a row of the list, arrows move by one, Page keys by a screen, Home/End to the ends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listKeyTarget } from './list-keys';

const KEYS = ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End'] as const;

describe('listKeyTarget', () => {
  it('always lands on a row of the list, and moves as each key says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.nat(), fc.integer({ min: 0, max: 60 }), fc.constantFrom(...KEYS), (count, at, page, key) => {
        const from = at % count;
        const to = listKeyTarget(key, from, count, page);
        expect(to).not.toBeNull();
        expect(to).toBeGreaterThanOrEqual(0);
        expect(to).toBeLessThan(count);
        const step = Math.max(1, page);
        const expected = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + step, PageUp: from - step, Home: 0, End: count - 1 }[key];
        expect(to).toBe(Math.min(Math.max(expected, 0), count - 1));
      }),
    );
  });

  it('ignores other keys and empty lists', () => {
    expect(listKeyTarget('Enter', 3, 10, 5)).toBeNull();
    expect(listKeyTarget('a', 0, 10, 5)).toBeNull();
    expect(listKeyTarget('ArrowDown', 0, 0, 5)).toBeNull();
  });
});

// The suggestions' positions worked out as they are asked for: the same as placing each one at once, and only those asked.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { articleSchema } from '../../src-shared/editor/schema';
import { docFromArticle, type OffsetMap } from '../../src-shared/editor/text-mapping';
import type { Block } from '../../src-shared/model/document';
import { SuggestionKindSchema } from '../../src-shared/suggest/types';
import { suggestionMarks } from './suggestion-marks';

const TEXT = 'Talks in Miami\n\nRustem Umerov said 200 drones struck Kyiv.\n\nFour hours later, 12 more.';
const BLOCKS: Block[] = [
  { type: 'heading', level: 1, start: 0, end: 14 },
  { type: 'paragraph', start: 16, end: TEXT.indexOf('\n\nFour') },
  { type: 'paragraph', start: TEXT.indexOf('Four'), end: TEXT.length },
];
const { map } = docFromArticle(articleSchema, TEXT, BLOCKS);

/** `map`, counting the ranges it is asked to place. */
function counted(inner: OffsetMap): { map: OffsetMap; asked: () => number } {
  let asked = 0;
  return {
    map: { blockCount: inner.blockCount, toPos: (o, a) => inner.toPos(o, a), toOffset: (p) => inner.toOffset(p), toPosRange: (s, e) => (asked++, inner.toPosRange(s, e)) },
    asked: () => asked,
  };
}

const columnsOf = (spans: readonly [number, number][]) => ({
  keys: spans.map((_, i) => `k${i}`),
  kinds: spans.map(() => SuggestionKindSchema.options.indexOf('figure')),
  starts: spans.map(([s]) => s),
  ends: spans.map(([, e]) => e),
});

describe('suggestionMarks', () => {
  it('places each suggestion as the offset map does, an undrawable one as an empty range where it starts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(TEXT.length), fc.nat(12)), { maxLength: 30 }), (raw) => {
        const spans = raw.map(([s, n]) => [s, Math.min(s + n, TEXT.length)] as [number, number]).sort((a, b) => a[0] - b[0]);
        const marks = suggestionMarks(map, columnsOf(spans), () => '');
        // Asked in a shuffled order, and twice: the answers do not depend on what was asked before.
        const order = spans.map((_, i) => i).reverse();
        for (const i of [...order, ...order]) {
          const [start, end] = spans[i] as [number, number];
          const range = map.toPosRange(start, end);
          expect([marks.from(i), marks.to(i)]).toEqual(range ? [range.from, range.to] : [map.toPos(start), map.toPos(start)]);
        }
      }),
    );
  });

  it('places only the suggestions asked for, each once', () => {
    const starts = Array.from({ length: 1000 }, (_, i) => 16 + (i % 30));
    const spans = starts.sort((a, b) => a - b).map((s) => [s, s + 3] as [number, number]);
    const { map: countingMap, asked } = counted(map);
    const marks = suggestionMarks(countingMap, columnsOf(spans), () => '');
    expect(asked()).toBe(0);
    marks.from(500);
    marks.to(500);
    marks.from(7);
    expect(asked()).toBe(2);
  });

  it('refuses suggestions out of text order', () => {
    expect(() => suggestionMarks(map, columnsOf([[20, 25], [16, 18]]), () => '')).toThrow(RangeError);
  });
});

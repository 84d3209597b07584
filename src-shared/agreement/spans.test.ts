// Checks exact and overlap span matching, precision/recall/F1, and word-token labelling (one kind, and all kinds as bit masks).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordBoundaries } from '../text/segment';
import { exactSpanMatch, overlapSpanMatch, tokenCoverage, tokenKindMasks, tokenKindSets, tokenLabels, wordTokens, type Span } from './spans';

function span(start: number, end: number, kind = 'claim'): Span {
  return { start, end, kind };
}

describe('exactSpanMatch', () => {
  it('matches same start, end and kind only, one-to-one', () => {
    const a = [span(0, 5), span(10, 20), span(10, 20), span(30, 40, 'actor')];
    const b = [span(10, 20), span(0, 6), span(30, 40, 'figure'), span(10, 20), span(10, 20)];
    const result = exactSpanMatch(a, b);
    expect(result.matched).toBe(2);
    expect(result.pairs).toEqual([[1, 0], [2, 3]]);
    expect(result.precision).toBe(2 / 5);
    expect(result.recall).toBe(2 / 4);
    expect(result.f1).toBeCloseTo((2 * 0.4 * 0.5) / 0.9, 12);
  });

  it('pairs each of B’s spans, in order, with the first unpaired span of A with the same start, end and kind (property)', () => {
    const spans = fc.array(fc.record({ start: fc.integer({ min: 0, max: 6 }), size: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('claim', 'actor') }), { maxLength: 15 });
    fc.assert(
      fc.property(spans, spans, (rawA, rawB) => {
        const [a, b] = [rawA, rawB].map((list) => list.map((s) => span(s.start, s.start + s.size, s.kind))) as [Span[], Span[]];
        const used = new Set<number>();
        const expected: [number, number][] = [];
        b.forEach((y, j) => {
          const i = a.findIndex((x, index) => !used.has(index) && x.start === y.start && x.end === y.end && x.kind === y.kind);
          if (i >= 0) {
            used.add(i);
            expected.push([i, j]);
          }
        });
        expected.sort((x, y) => x[0] - y[0]);
        expect(exactSpanMatch(a, b).pairs).toEqual(expected);
      }),
    );
  });

  it('gives null precision, recall or F1 where their denominators are empty', () => {
    expect(exactSpanMatch([], [])).toMatchObject({ precision: null, recall: null, f1: null });
    expect(exactSpanMatch([span(0, 1)], [])).toMatchObject({ precision: null, recall: 0, f1: 0 });
    expect(exactSpanMatch([], [span(0, 1)])).toMatchObject({ precision: 0, recall: null, f1: 0 });
  });
});

describe('overlapSpanMatch', () => {
  it('matches overlapping spans of the same kind, largest overlap first', () => {
    // b[0] overlaps a[0] by 2 and a[1] by 8; b[1] overlaps only a[1] by 3. Greedy: (a1,b0) then b1 is left alone.
    const a = [span(0, 10), span(10, 30)];
    const b = [span(8, 18), span(27, 35)];
    const result = overlapSpanMatch(a, b);
    expect(result.pairs).toEqual([[1, 0]]);
    expect(result.precision).toBe(0.5);
    expect(result.recall).toBe(0.5);
  });

  it('needs a shared character and the same kind', () => {
    expect(overlapSpanMatch([span(0, 5)], [span(5, 9)]).matched).toBe(0);
    expect(overlapSpanMatch([span(0, 5)], [span(4, 9, 'actor')]).matched).toBe(0);
    expect(overlapSpanMatch([span(0, 5)], [span(4, 9)]).matched).toBe(1);
    expect(overlapSpanMatch([span(3, 3)], [span(3, 3)]).matched).toBe(0);
  });

  it('finds spans of b nested in a long span of a, and a long b over several of a', () => {
    const a = [span(0, 100), span(200, 210), span(220, 230)];
    const b = [span(10, 20), span(50, 60), span(195, 235)];
    const result = overlapSpanMatch(a, b);
    expect(result.pairs).toEqual([[0, 0], [1, 2]]);
  });

  it('equals a brute-force greedy matching on generated spans', () => {
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const make = (count: number): Span[] =>
      Array.from({ length: count }, () => {
        const start = Math.floor(next() * 500);
        return span(start, start + 1 + Math.floor(next() * 40), next() < 0.5 ? 'claim' : 'actor');
      });
    const a = make(80);
    const b = make(80);
    const candidates: { i: number; j: number; overlap: number; shift: number }[] = [];
    a.forEach((x, i) => b.forEach((y, j) => {
      const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
      if (x.kind === y.kind && overlap > 0) candidates.push({ i, j, overlap, shift: Math.abs(x.start - y.start) + Math.abs(x.end - y.end) });
    }));
    candidates.sort((x, y) => y.overlap - x.overlap || x.shift - y.shift || x.i - y.i || x.j - y.j);
    const usedA = new Set<number>();
    const usedB = new Set<number>();
    const expected: [number, number][] = [];
    for (const { i, j } of candidates) {
      if (usedA.has(i) || usedB.has(j)) continue;
      usedA.add(i);
      usedB.add(j);
      expected.push([i, j]);
    }
    expected.sort((x, y) => x[0] - y[0]);
    expect(overlapSpanMatch(a, b).pairs).toEqual(expected);
  });
});

describe('word tokens and labels', () => {
  it('takes the words of Unicode word boundaries: possessives and numbers whole, punctuation and emoji out', () => {
    const text = 'Kyiv’s café — 5,600 Menschen in Zürich; नमस्ते! 👩‍👩‍👧 e\u0301te\u0301 東京都';
    expect(wordTokens(text).map((token) => text.slice(token.start, token.end))).toEqual([
      'Kyiv’s', 'café', '5,600', 'Menschen', 'in', 'Zürich', 'नमस्ते', 'e\u0301te\u0301', '東京', '都',
    ]);
  });

  it('keeps UTF-16 offsets across astral characters', () => {
    const text = '𝐀bc 😀 def';
    const tokens = wordTokens(text);
    expect(tokens.map((token) => text.slice(token.start, token.end))).toEqual(['𝐀bc', 'def']);
    expect(tokens[1]).toEqual({ start: 8, end: 11 });
  });

  it('labels a token covered when a span of the kind touches any of its characters', () => {
    const text = 'The minister said taxes rose sharply';
    const { tokens, covered } = tokenLabels(text, [span(4, 12), span(20, 25), span(0, 3, 'actor')], 'claim');
    expect(tokens).toHaveLength(6);
    expect(covered).toEqual([false, true, false, true, true, false]);
  });

  it('merges overlapping spans and handles spans between tokens', () => {
    const tokens = wordTokens('aa bb cc dd');
    expect(tokenCoverage(tokens, [span(3, 5), span(4, 8), span(2, 3)], 'claim')).toEqual([false, true, true, false]);
  });

  it('labels each token with the set of kinds covering it', () => {
    const tokens = wordTokens('aa bb cc');
    const spans = [span(0, 5, 'actor'), span(3, 8, 'claim')];
    expect(tokenKindSets(tokens, spans, ['claim', 'actor'])).toEqual(['actor', 'claim+actor', 'claim']);
  });
});

describe('tokenKindMasks', () => {
  it('sets bit k of a word exactly where tokenCoverage says a span of kind k covers it (property)', () => {
    const kinds = ['claim', 'actor', 'figure'];
    const text = 'The minister said taxes rose by 20% in Kyiv — 5,600 homes, Zürich’s U.S.A. and 👍🏽 émigrés.';
    const spans = fc.array(
      fc.record({ start: fc.integer({ min: 0, max: text.length }), size: fc.integer({ min: 0, max: 30 }), kind: fc.constantFrom(...kinds, 'note') }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(spans, (raw) => {
        const list = raw.map((s) => span(s.start, Math.min(text.length, s.start + s.size), s.kind));
        const masks = tokenKindMasks(wordBoundaries(text), list, (kind) => (kinds.includes(kind) ? kinds.indexOf(kind) : undefined));
        const tokens = wordTokens(text);
        expect(masks).toHaveLength(tokens.length);
        kinds.forEach((kind, k) => {
          expect(Array.from(masks, (mask) => ((mask >> k) & 1) === 1)).toEqual(tokenCoverage(tokens, list, kind));
        });
        // A kind without an index sets no bit.
        expect(masks.every((mask) => mask < 1 << kinds.length)).toBe(true);
      }),
    );
  });
});

// Checks folding: accents and case dropped, the plain-ASCII shortcut folding exactly as the full rule, tokens
// (remembered folds included) that fold like their words, the tokens of a range, and keys' base-36 digits; and the
// index of spans, answering overlaps as testing every span does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordSpans } from '../text/segment';
import { base36, fold, SpanIndex, tokensIn, tokensOf } from './fold';

const fullFold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

describe('fold', () => {
  it('drops accents and case', () => {
    expect(fold('Zelenskyy')).toBe('zelenskyy');
    expect(fold('ZELENSKYY')).toBe('zelenskyy');
    expect(fold('Šmyhal')).toBe('smyhal');
  });

  it('folds every word as the full rule does, ASCII or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('a', 'Z', 'é', 'Ş', 'ﬁ', 'İ', '1', "'", '’', 'ß') })), (word) => {
        expect(fold(word)).toBe(fullFold(word));
      }),
    );
  });

  it('gives each token the fold of its word, however often the word comes back', () => {
    const text = 'Zelenskyy met ZELENSKYY; Zelenskyy’s aide and Šmyhal, Šmyhal.';
    for (const token of [...tokensOf(text), ...tokensOf(text)]) expect(token.folded).toBe(fullFold(text.slice(token.start, token.end)));
  });
});

describe('tokensOf', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'É', 'ł', 's', 'S', "'", '’', ' ', '.', '-', '1', '\n') });
  it('cuts a possessive "\'s" off a word longer than it and marks words that start upper-case, as the patterns say', () => {
    fc.assert(
      fc.property(text, (written) => {
        const expected = wordSpans(written).map((span) => {
          const word = written.slice(span.start, span.end);
          const end = /['’][sS]$/u.test(word) && word.length > 2 ? span.end - 2 : span.end;
          return { start: span.start, end, capital: /^\p{Lu}/u.test(written.slice(span.start, end)) };
        });
        expect(tokensOf(written).map(({ start, end, capital }) => ({ start, end, capital }))).toEqual(expected);
      }),
    );
  });

  it('tokensIn gives the tokens lying inside a range, as filtering them all does', () => {
    fc.assert(
      fc.property(text, fc.nat({ max: 40 }), fc.nat({ max: 40 }), (written, a, b) => {
        const tokens = tokensOf(written);
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(tokensIn(tokens, start, end)).toEqual(tokens.filter((t) => t.start >= start && t.end <= end));
      }),
    );
  });
});

describe('base36', () => {
  it('writes every whole number below 2^53 as Number#toString(36) does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constantFrom(0, 35, 36, 2 ** 53 - 1)), (value) => {
        expect(base36(value)).toBe(value.toString(36));
      }),
    );
  });
});

describe('SpanIndex', () => {
  const span = fc.tuple(fc.nat(200), fc.nat(30)).map(([start, n]) => ({ start, end: start + n }));
  it('says a range overlaps the spans exactly when one of them overlaps it', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 40 }), fc.array(span, { maxLength: 20 }), (spans, ranges) => {
        const index = new SpanIndex(spans);
        for (const r of ranges) expect(index.overlaps(r.start, r.end)).toBe(spans.some((s) => s.start < r.end && r.start < s.end));
      }),
      { numRuns: 2000 },
    );
  });
});

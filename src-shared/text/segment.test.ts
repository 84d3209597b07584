// The one segmenter: words (the plain-text shortcut giving exactly the segmenter's), sentences, whole-word
// boundaries; a property that no word or snapped selection splits a grapheme cluster.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWordBoundary, sentenceSpans, wordSpans } from './segment';
import { snapToWords } from './word-snap';

const slices = (text: string, spans: { start: number; end: number }[]) => spans.map((s) => text.slice(s.start, s.end));

describe('words', () => {
  it('splits hyphenated names and keeps possessives, numbers and accented words whole', () => {
    const text = 'Trump-Zelenskyy’s talks: 5,600 troops, 3.5% — naïve e\u0301te\u0301';
    expect(slices(text, wordSpans(text))).toEqual(['Trump', 'Zelenskyy’s', 'talks', '5,600', 'troops', '3.5', 'naïve', 'e\u0301te\u0301']);
  });

  it('segments CJK text by dictionary and leaves emoji out', () => {
    const text = '東京都 👩‍👩‍👧 北京';
    expect(slices(text, wordSpans(text))).toEqual(['東京', '都', '北京']);
  });

  it('gives offsets into the whole text when segmenting a part of it', () => {
    const text = 'alpha beta gamma';
    expect(wordSpans(text, 6, 16)).toEqual([{ start: 6, end: 10 }, { start: 11, end: 16 }]);
  });
});

/** The words by the segmenter alone: the definition the plain-text shortcut must give exactly. */
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const segmented = (text: string) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => ({ start: s.index, end: s.index + s.segment.length }));
/** Every character of plain text, and the ones that join words, given more weight. */
const PLAIN = [
  ...Array.from({ length: 0x180 }, (_, i) => String.fromCharCode(i)).filter((c) => /[\t\n\r -^`-~\u00A0\u00B7\u00C0-\u017F]/.test(c)),
  ...['‘', '’', '“', '”', '–', '—', '…', 'a', 'e', 'Z', '1', '9', "'", '.', ',', ':', ';', '·', '-', ' '],
];

describe('words of plain text', () => {
  it('are the segmenter’s words, however letters, digits and joining marks are mixed', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...PLAIN), maxLength: 40 }), (text) => {
        expect(wordSpans(text)).toEqual(segmented(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('of a part of the text are the segmenter’s words of that part, at their offsets in the whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...PLAIN), maxLength: 40 }), fc.nat(), fc.nat(), (text, x, y) => {
        const from = x % (text.length + 1);
        const to = from + (y % (text.length - from + 1));
        expect(wordSpans(text, from, to)).toEqual(segmented(text.slice(from, to)).map((w) => ({ start: w.start + from, end: w.end + from })));
      }),
      { numRuns: 1000 },
    );
  });

  it('are the segmenter’s words in an article', () => {
    const text = "Zelenskyy's aide met Kyrylo Budanov at 10:30; 5,600 homes, 3.5% and $800bn — “won’t” e.g. Trump-Putin’s U.S.A. ×2";
    expect(wordSpans(text)).toEqual(segmented(text));
    expect(wordSpans(text, 5, 60)).toEqual(segmented(text.slice(5, 60)).map((w) => ({ start: w.start + 5, end: w.end + 5 })));
  });
});

describe('sentences', () => {
  it('splits sentences and drops the white space after them', () => {
    const text = 'Budanov said it.  Trump did not!\nWho knows? Talks resume on 3.5 May.';
    expect(slices(text, sentenceSpans(text))).toEqual(['Budanov said it.', 'Trump did not!', 'Who knows?', 'Talks resume on 3.5 May.']);
  });
});

describe('whole-word boundaries', () => {
  it('treats the place before a possessive as the end of a name, and inside a longer name as not', () => {
    const text = "Zelenskyy's aide met Zelensky";
    expect(isWordBoundary(text, 'Zelenskyy'.length)).toBe(true);
    expect(isWordBoundary(text, 'Zelensky'.length)).toBe(false);
    expect(isWordBoundary(text, text.length)).toBe(true);
  });
});

describe('no split graphemes (property)', () => {
  const pieces = fc.constantFrom('word', ' ', '-', "'s", '👩‍👩‍👧', 'e\u0301', '𝐀', '東京', '5,600', '$', '.', '’');
  const texts = fc.array(pieces, { minLength: 1, maxLength: 20 }).map((parts) => parts.join(''));
  const graphemeStarts = (text: string) => new Set([...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].map((g) => g.index).concat(text.length));

  it('words and snapped selections start and end on grapheme boundaries', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
        const boundaries = graphemeStarts(text);
        for (const word of wordSpans(text)) expect(boundaries.has(word.start) && boundaries.has(word.end)).toBe(true);
        const snapped = snapToWords(text, a % (text.length + 1), b % (text.length + 1));
        expect(snapped.start <= snapped.end).toBe(true);
        if (snapped.end > snapped.start) expect(boundaries.has(snapped.start) && boundaries.has(snapped.end)).toBe(true);
      }),
    );
  });
});

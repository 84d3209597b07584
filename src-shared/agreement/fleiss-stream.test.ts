// Checks that Fleiss' κ read text by text (FleissStream) is exactly agreementReport's over the joined texts, overall and per kind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FleissStream } from './fleiss-stream';
import { agreementReport, type Span } from './index';

const KINDS = ['claim', 'actor', 'figure', 'reliability_warning'] as const;
const WORDS = ['the', 'minister', 'said', 'taxes', 'rose', 'by', '20%', 'in', 'Kyiv', '—', 'Zürich', '👍🏽', '\n', 'year.'];

/** Spans on a text of `length`, from fractions so they always fit: zero-length, nested, overlapping, whole-text. */
const spansArbitrary = fc.array(
  fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), size: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom(...KINDS, 'other') }),
  { maxLength: 10 },
);

function placed(length: number, spans: readonly { from: number; size: number; kind: string }[]): Span[] {
  return spans.map(({ from, size, kind }) => {
    const start = Math.floor(from * length);
    return { start, end: Math.min(length, start + Math.floor(size * (length - start + 1))), kind };
  });
}

const shift = (spans: readonly Span[], by: number): Span[] => spans.map((s) => ({ ...s, start: s.start + by, end: s.end + by }));

describe('FleissStream', () => {
  it('gives exactly the Fleiss’ κ of agreementReport over the texts joined by blank lines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }).chain((raters) =>
          fc.array(
            fc.record({
              text: fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((words) => words.join(' ')),
              spans: fc.array(spansArbitrary, { minLength: raters, maxLength: raters }),
            }),
            { minLength: 1, maxLength: 5 },
          ),
        ),
        fc.boolean(),
        (documents, allKinds) => {
          const kinds = allKinds ? [...KINDS] : ['claim', 'figure'];
          const raters = documents[0]!.spans.length;
          const stream = new FleissStream(kinds, raters);
          const joined: Span[][] = Array.from({ length: raters }, () => []);
          let offset = 0;
          for (const { text, spans } of documents) {
            const byRater = spans.map((list) => placed(text.length, list));
            stream.add(text, byRater);
            byRater.forEach((list, r) => joined[r]!.push(...shift(list, offset)));
            offset += text.length + 2;
          }
          const [a = [], b = [], ...others] = joined;
          const expected = agreementReport(documents.map((d) => d.text).join('\n\n'), a, b, kinds, others);
          const figures = stream.fleissKappa();
          expect(figures.overall).toBe(expected.overall.fleissKappa);
          for (const kind of kinds) expect(figures.byKind[kind]).toBe(expected.byKind[kind]?.fleissKappa);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a span that does not fit its text, naming the rater, and a wrong number of raters', () => {
    const stream = new FleissStream(['claim'], 3);
    expect(() => stream.add('short', [[], [], [{ start: 2, end: 9, kind: 'claim' }]])).toThrow(/Rater 3 .* length 5/);
    expect(() => stream.add('short', [[], []])).toThrow(/3 raters, not 2/);
  });
});

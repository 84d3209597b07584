// Checks that agreement read text by text (AgreementStream) gives exactly agreementReport's figures over the joined texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementReport, type Span } from './index';
import { AgreementStream } from './stream';

const KINDS = ['claim', 'actor', 'figure', 'reliability_warning'] as const;
const WORDS = ['the', 'minister', 'said', 'taxes', 'rose', 'by', '20%', 'in', 'Kyiv', '—', 'Zürich', '👍🏽', '\n', 'year.'];

/** Spans on a text of `length`, from fractions so they always fit: zero-length, nested, overlapping, whole-text. */
const spansArbitrary = fc.array(
  fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), size: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom(...KINDS, 'other') }),
  { maxLength: 12 },
);

const documentArbitrary = fc.record({
  text: fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((words) => words.join(' ')),
  a: spansArbitrary,
  b: spansArbitrary,
});

function placed(length: number, spans: readonly { from: number; size: number; kind: string }[]): Span[] {
  return spans.map(({ from, size, kind }) => {
    const start = Math.floor(from * length);
    return { start, end: Math.min(length, start + Math.floor(size * (length - start + 1))), kind };
  });
}

describe('AgreementStream', () => {
  it('gives exactly the figures of agreementReport over the texts joined by blank lines, also from counts measured elsewhere', () => {
    fc.assert(
      fc.property(fc.array(documentArbitrary, { maxLength: 6 }), fc.boolean(), (documents, allKinds) => {
        const kinds = allKinds ? [...KINDS] : ['claim', 'figure'];
        const stream = new AgreementStream(kinds);
        // A second stream fed with what a third measured: counts carry over between streams of the same kinds.
        const measuring = new AgreementStream(kinds);
        const fed = new AgreementStream(kinds);
        const joinedA: Span[] = [];
        const joinedB: Span[] = [];
        let offset = 0;
        for (const { text, a, b } of documents) {
          const spansA = placed(text.length, a);
          const spansB = placed(text.length, b);
          stream.add(text, spansA, spansB);
          fed.addCounts(measuring.measure(text, spansA, spansB));
          joinedA.push(...spansA.map((s) => ({ ...s, start: s.start + offset, end: s.end + offset })));
          joinedB.push(...spansB.map((s) => ({ ...s, start: s.start + offset, end: s.end + offset })));
          offset += text.length + 2;
        }
        const joined = documents.map((d) => d.text).join('\n\n');
        const expected = agreementReport(joined, joinedA, joinedB, kinds);
        expect(stream.report()).toEqual(expected);
        expect(fed.report()).toEqual(expected);
        expect(stream.overall()).toEqual(expected.overall);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a span that does not fit its text, naming the analyst', () => {
    const stream = new AgreementStream(['claim']);
    expect(() => stream.add('short', [], [{ start: 2, end: 9, kind: 'claim' }])).toThrow(/Analyst B .* length 5/);
  });
});

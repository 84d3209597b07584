// Checks the agreement report: hand-made cases, generated cases against naive recomputation (properties), and its sentences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementReport, interpretAgreement, krippendorffAlpha, unitizedAlpha, type Span } from './index';

const KINDS = ['claim', 'actor', 'figure', 'reliability_warning'] as const;

const WORDS = ['the', 'minister', 'said', 'taxes', 'rose', 'by', '20%', 'in', 'Kyiv', 'last', 'year', '—', 'Zürich'];

/** What B did with one of A's tags: kept it, moved its start, relabelled it, dropped it for another tag, or dropped it. */
const tagArbitrary = fc.record({
  from: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  size: fc.integer({ min: 1, max: 60 }),
  kind: fc.constantFrom(...KINDS),
  change: fc.constantFrom('keep', 'keep', 'shift', 'relabel', 'elsewhere', 'drop'),
  shift: fc.integer({ min: 0, max: 4 }),
  otherKind: fc.constantFrom(...KINDS),
  otherFrom: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  otherSize: fc.integer({ min: 1, max: 30 }),
});

/** A text of 150–600 words and analyst A's 10–120 spans over it, with B a noisy copy of A. */
const caseArbitrary = fc
  .record({ words: fc.array(fc.constantFrom(...WORDS), { minLength: 150, maxLength: 600 }), tags: fc.array(tagArbitrary, { minLength: 10, maxLength: 120 }) })
  .map(({ words, tags }) => {
    const text = words.join(' ');
    const a: Span[] = [];
    const b: Span[] = [];
    for (const tag of tags) {
      const start = Math.floor(tag.from * (text.length - 60));
      const span = { start, end: start + tag.size, kind: tag.kind };
      a.push(span);
      if (tag.change === 'keep') b.push({ ...span });
      else if (tag.change === 'shift') b.push({ ...span, start: Math.max(0, span.start - tag.shift) });
      else if (tag.change === 'relabel') b.push({ ...span, kind: tag.otherKind });
      else if (tag.change === 'elsewhere') {
        const other = Math.floor(tag.otherFrom * (text.length - 30));
        b.push({ start: other, end: other + tag.otherSize, kind: tag.otherKind });
      }
    }
    // "—" is one of the words but not a word token.
    return { text, a, b, tokenCount: words.filter((word) => word !== '—').length };
  });

const RUNS = { numRuns: 40 };

/** Covered/not per word token, the slow obvious way: every token against every span. */
function naiveLabels(text: string, spans: readonly Span[], kind: string): boolean[] {
  return [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((match) => {
    const start = match.index;
    const end = start + match[0].length;
    return spans.some((span) => span.kind === kind && span.start < end && span.end > start);
  });
}

function naiveKappa(x: readonly boolean[], y: readonly boolean[]): number {
  const n = x.length;
  const agree = x.filter((label, i) => label === y[i]).length / n;
  const px = x.filter(Boolean).length / n;
  const py = y.filter(Boolean).length / n;
  const chance = px * py + (1 - px) * (1 - py);
  return (agree - chance) / (1 - chance);
}

describe('agreementReport on generated cases (properties)', () => {
  it('matches a naive per-token recomputation of κ and α for every kind', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ text, a, b, tokenCount }) => {
        const report = agreementReport(text, a, b, KINDS);
        for (const kind of KINDS) {
          const labelsA = naiveLabels(text, a, kind);
          const labelsB = naiveLabels(text, b, kind);
          const figures = report.byKind[kind];
          expect(figures?.units.tokens).toBe(tokenCount);
          const varied = new Set([...labelsA, ...labelsB]).size > 1;
          const expectedKappa = varied ? naiveKappa(labelsA, labelsB) : null;
          if (expectedKappa === null || !Number.isFinite(expectedKappa)) expect(figures?.cohenKappa).toBeNull();
          else expect(figures?.cohenKappa).toBeCloseTo(expectedKappa, 10);
          const alpha = krippendorffAlpha([labelsA, labelsB]).alpha;
          if (alpha === null) expect(figures?.krippendorffAlpha).toBeNull();
          else expect(figures?.krippendorffAlpha).toBeCloseTo(alpha, 10);
        }
      }),
      RUNS,
    );
  });

  it('matches brute-force exact span matching and direct unitized alpha', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ text, a, b, tokenCount }) => {
        const report = agreementReport(text, a, b, KINDS);
        for (const kind of KINDS) {
          const ofKindA = a.filter((span) => span.kind === kind);
          const ofKindB = b.filter((span) => span.kind === kind);
          const used = new Set<number>();
          let matched = 0;
          for (const x of ofKindB) {
            const index = ofKindA.findIndex((y, i) => !used.has(i) && y.start === x.start && y.end === x.end);
            if (index >= 0) {
              used.add(index);
              matched++;
            }
          }
          const figures = report.byKind[kind];
          expect(figures?.units).toEqual({ tokens: tokenCount, spansA: ofKindA.length, spansB: ofKindB.length });
          expect(figures?.precisionExact).toBe(ofKindB.length > 0 ? matched / ofKindB.length : null);
          expect(figures?.recallExact).toBe(ofKindA.length > 0 ? matched / ofKindA.length : null);
          if (ofKindA.length + ofKindB.length > 0) expect(figures?.f1Overlap as number).toBeGreaterThanOrEqual(figures?.f1Exact as number);
        }
        const units = [a, b].flatMap((spans, rater) => spans.map((s) => ({ start: s.start, length: s.end - s.start, rater, category: s.kind })));
        const direct = unitizedAlpha({ continuumStart: 0, continuumLength: text.length, raters: 2, units, categories: KINDS });
        expect(report.overall.unitizedAlpha).toBe(direct.overall);
        for (const kind of KINDS) expect(report.byKind[kind]?.unitizedAlpha).toBe(direct.byCategory[kind]);
      }),
      RUNS,
    );
  });

  it('gives overall α over the set of kinds per token, and warns only when there are too few tags or words', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ text, a, b, tokenCount }) => {
        const report = agreementReport(text, a, b, KINDS);
        const sets = (spans: Span[]): string[] => {
          const coverage = KINDS.map((kind) => naiveLabels(text, spans, kind));
          return (coverage[0] as boolean[]).map((_, t) => KINDS.filter((_, k) => coverage[k]?.[t]).join('+'));
        };
        const alpha = krippendorffAlpha([sets(a), sets(b)]).alpha;
        if (alpha === null) expect(report.overall.krippendorffAlpha).toBeNull();
        else expect(report.overall.krippendorffAlpha).toBeCloseTo(alpha, 10);
        expect(report.overall.units).toEqual({ tokens: tokenCount, spansA: a.length, spansB: b.length });
        expect(/Too few tags/.test(report.overall.interpretation)).toBe(a.length + b.length < 20 || tokenCount < 100);
      }),
      RUNS,
    );
  });

  it('is 1 wherever it is defined when B is an exact copy of A', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ text, a, tokenCount }) => {
        const same = agreementReport(text, a, a.map((span) => ({ ...span })), KINDS);
        for (const kind of KINDS) {
          const used = a.some((span) => span.kind === kind);
          const varied = new Set(naiveLabels(text, a, kind)).size > 1;
          expect(same.byKind[kind]).toMatchObject({
            cohenKappa: varied ? 1 : null,
            krippendorffAlpha: varied ? 1 : null,
            unitizedAlpha: used ? 1 : null,
            f1Exact: used ? 1 : null,
            f1Overlap: used ? 1 : null,
          });
        }
        expect(same.overall).toMatchObject({ unitizedAlpha: 1, f1Exact: 1, f1Overlap: 1 });
        if (same.overall.krippendorffAlpha === 1) {
          expect(same.overall.interpretation).toBe(
            `Reliable: α = 1.000 for all tags over ${tokenCount} words is at least 0.800, the level Krippendorff requires before relying on tags.`,
          );
        } else {
          // Only when every word has the same set of kinds.
          expect(same.overall.krippendorffAlpha).toBeNull();
        }
      }),
      RUNS,
    );
  });
});

describe('agreementReport', () => {
  const text = 'The minister said taxes rose by 20% in Kyiv last year.';
  const a: Span[] = [
    { start: 4, end: 12, kind: 'actor' },
    { start: 18, end: 35, kind: 'claim' },
    { start: 32, end: 35, kind: 'figure' },
  ];
  const b: Span[] = [
    { start: 4, end: 12, kind: 'actor' },
    { start: 18, end: 31, kind: 'claim' },
    { start: 39, end: 43, kind: 'actor' },
    { start: 0, end: 3, kind: 'note' },
  ];

  it('compares B against A per kind and warns that a few tags cannot be trusted', () => {
    const report = agreementReport(text, a, b, KINDS);
    expect(report.raters).toBe(2);
    expect(report.byKind.claim).toMatchObject({ f1Exact: 0, f1Overlap: 1, precisionExact: 0, recallExact: 0 });
    expect(report.byKind.actor).toMatchObject({ precisionExact: 0.5, recallExact: 1, units: { tokens: 11, spansA: 1, spansB: 2 } });
    expect(report.byKind.actor?.interpretation).toMatch(/Too few tags to trust this figure: 3 tags over 11 words/);
    expect(report.overall.units).toEqual({ tokens: 11, spansA: 3, spansB: 3 });
    expect(report.overall.fleissKappa).toBeUndefined();
  });

  it('reports null, never NaN, for a kind nobody used', () => {
    const report = agreementReport(text, a, b, KINDS);
    expect(report.byKind.reliability_warning).toMatchObject({
      cohenKappa: null,
      krippendorffAlpha: null,
      unitizedAlpha: null,
      f1Exact: null,
      f1Overlap: null,
      precisionExact: null,
      recallExact: null,
    });
    expect(report.byKind.reliability_warning?.interpretation).toBe(
      'Nobody made any reliability warning tags in this text, so there is no agreement to measure.',
    );
    expect(JSON.stringify(report)).not.toMatch(/NaN/);
  });

  it('adds Fleiss’ κ when there are three raters or more', () => {
    const report = agreementReport(text, a, b, KINDS, [a]);
    expect(report.raters).toBe(3);
    expect(typeof report.overall.fleissKappa).toBe('number');
    expect(report.byKind.claim).toHaveProperty('fleissKappa');
  });

  it('refuses a span that does not fit the text', () => {
    expect(() => agreementReport(text, [{ start: 50, end: 80, kind: 'claim' }], [], KINDS)).toThrow(RangeError);
    expect(() => agreementReport(text, [], [{ start: 9, end: 3, kind: 'claim' }], KINDS)).toThrow(/Analyst B/);
  });

  it('handles an empty text', () => {
    const report = agreementReport('', [], [], KINDS);
    expect(report.overall.krippendorffAlpha).toBeNull();
    expect(report.overall.units.tokens).toBe(0);
  });
});

describe('interpretAgreement', () => {
  it('follows Krippendorff’s thresholds of 0.800 and 0.667', () => {
    expect(interpretAgreement(0.8, 'claim', 50, 500)).toBe(
      'Reliable: α = 0.800 for claim tags over 500 words is at least 0.800, the level Krippendorff requires before relying on tags.',
    );
    expect(interpretAgreement(0.667, 'claim', 50, 500)).toMatch(/^Tentative only: .* tentative conclusions only\.$/);
    expect(interpretAgreement(0.6669, 'claim', 50, 500)).toMatch(/^Unreliable: α = 0.667 .*below 0.667/);
    expect(interpretAgreement(-0.2, null, 50, 500)).toMatch(/^Unreliable: α = -0.200 for all tags/);
  });

  it('warns when fewer than 20 tags or 100 words stand behind the figure', () => {
    expect(interpretAgreement(0.9, 'figure', 19, 500)).toMatch(/Too few tags to trust this figure: 19 tags over 500 words/);
    expect(interpretAgreement(0.9, 'figure', 20, 99)).toMatch(/Too few tags to trust this figure/);
    expect(interpretAgreement(0.9, 'figure', 20, 100)).not.toMatch(/Too few/);
  });

  it('explains an undefined α', () => {
    expect(interpretAgreement(null, 'claim', 25, 400)).toMatch(/cannot be computed/);
  });
});

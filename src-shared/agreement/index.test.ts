// Checks the agreement report: hand-made cases, a generated case against naive recomputation, and its sentences.
import { describe, expect, it } from 'vitest';
import { agreementReport, interpretAgreement, krippendorffAlpha, unitizedAlpha, type Span } from './index';

const KINDS = ['claim', 'actor', 'figure', 'reliability_warning'] as const;

/** Deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A text of `wordCount` words and analyst A's spans over it, with B a noisy copy (kept, shifted, relabelled, dropped or added). */
function generatedCase(seed: number, wordCount: number, tagCount: number): { text: string; a: Span[]; b: Span[] } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const words = ['the', 'minister', 'said', 'taxes', 'rose', 'by', '20%', 'in', 'Kyiv', 'last', 'year', '—', 'Zürich'];
  const text = Array.from({ length: wordCount }, () => pick(words)).join(' ');
  const a: Span[] = [];
  const b: Span[] = [];
  for (let t = 0; t < tagCount; t++) {
    const start = Math.floor(next() * (text.length - 60));
    const span = { start, end: start + 1 + Math.floor(next() * 60), kind: pick(KINDS) };
    a.push(span);
    const roll = next();
    if (roll < 0.5) b.push({ ...span });
    else if (roll < 0.7) b.push({ ...span, start: Math.max(0, span.start - Math.floor(next() * 5)) });
    else if (roll < 0.8) b.push({ ...span, kind: pick(KINDS) });
    else if (roll < 0.9) {
      const other = Math.floor(next() * (text.length - 30));
      b.push({ start: other, end: other + 1 + Math.floor(next() * 30), kind: pick(KINDS) });
    }
  }
  return { text, a, b };
}

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

describe('agreementReport on a generated case', () => {
  const { text, a, b } = generatedCase(11, 600, 120);
  const report = agreementReport(text, a, b, KINDS);
  // "—" is one of the generated words but not a word token.
  const tokenCount = [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].length;

  it('matches a naive per-token recomputation of κ and α for every kind', () => {
    for (const kind of KINDS) {
      const labelsA = naiveLabels(text, a, kind);
      const labelsB = naiveLabels(text, b, kind);
      const figures = report.byKind[kind];
      expect(figures?.units.tokens).toBe(tokenCount);
      expect(tokenCount).toBeLessThan(600);
      expect(figures?.cohenKappa).toBeCloseTo(naiveKappa(labelsA, labelsB), 10);
      expect(figures?.krippendorffAlpha).toBeCloseTo(krippendorffAlpha([labelsA, labelsB], 'nominal').alpha as number, 10);
    }
  });

  it('matches brute-force exact span matching and direct unitized alpha', () => {
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
      expect(figures?.precisionExact).toBeCloseTo(matched / ofKindB.length, 12);
      expect(figures?.recallExact).toBeCloseTo(matched / ofKindA.length, 12);
      expect(figures?.f1Overlap as number).toBeGreaterThanOrEqual(figures?.f1Exact as number);
    }
    const units = [a, b].flatMap((spans, rater) => spans.map((s) => ({ start: s.start, length: s.end - s.start, rater, category: s.kind })));
    const direct = unitizedAlpha({ continuumStart: 0, continuumLength: text.length, raters: 2, units });
    expect(report.overall.unitizedAlpha).toBe(direct.overall);
    expect(report.byKind.claim?.unitizedAlpha).toBe(direct.byCategory.claim);
  });

  it('gives overall κ over the set of kinds per token', () => {
    const sets = (spans: Span[]): string[] => {
      const coverage = KINDS.map((kind) => naiveLabels(text, spans, kind));
      return (coverage[0] as boolean[]).map((_, t) => KINDS.filter((_, k) => coverage[k]?.[t]).join('+'));
    };
    expect(report.overall.krippendorffAlpha).toBeCloseTo(krippendorffAlpha([sets(a), sets(b)], 'nominal').alpha as number, 10);
    expect(report.overall.units).toEqual({ tokens: tokenCount, spansA: a.length, spansB: b.length });
    expect(report.overall.interpretation).not.toMatch(/Too few tags/);
  });

  it('is 1 everywhere when B is an exact copy of A', () => {
    const same = agreementReport(text, a, a.map((span) => ({ ...span })), KINDS);
    for (const figures of [same.overall, ...Object.values(same.byKind)]) {
      expect(figures).toMatchObject({ cohenKappa: 1, krippendorffAlpha: 1, unitizedAlpha: 1, f1Exact: 1, f1Overlap: 1 });
    }
    expect(same.overall.interpretation).toBe(
      `Reliable: α = 1.000 for all tags over ${tokenCount} words is at least 0.800, the level Krippendorff requires before relying on tags.`,
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

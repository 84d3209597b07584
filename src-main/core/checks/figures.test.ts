// Checks that the figures rule (word index, value bisection) pairs exactly the figures that comparing every pair pairs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-shared/model/annotation';
import type { CheckDocument, CheckInput } from './evidence';
import { contentWords } from './evidence';
import { disagreeingFigures, FIGURE_RATIO } from './figures';

const VOCABULARY = ['troops', 'border', 'talks', 'envoy', 'Kyiv', 'grain', 'drones', 'winter'];

interface Generated {
  before: readonly string[];
  after: readonly string[];
  amount: number;
  unit: 'USD' | 'troops';
}

/** One document per figure: its words before, the figure "X", its words after. */
function input(figures: readonly Generated[]): CheckInput {
  const documents = new Map<string, CheckDocument>();
  const annotations = figures.map((f, i) => {
    const before = `${f.before.join(' ')} `;
    documents.set(`doc-${i}`, { id: `doc-${i}`, title: `Doc ${i}`, publishedAt: null, text: `${before}X ${f.after.join(' ')}` });
    return {
      id: `figure-${i}`,
      documentId: `doc-${i}`,
      kind: 'figure',
      attributes: { amount: f.amount, scale: 1, unit: f.unit },
      target: { start: before.length, end: before.length + 1, exact: 'X' },
    };
  }) as unknown as Annotation[];
  return { documents, annotations, actorNames: new Map() };
}

/** Every pair of one unit whose contexts share two words and whose values are FIGURE_RATIO or more apart. */
function bruteForce(figures: readonly Generated[]): string[] {
  const pairs: string[] = [];
  figures.forEach((a, i) => figures.forEach((b, j) => {
    if (j <= i || a.unit !== b.unit) return;
    const words = new Set(contentWords([...a.before, ...a.after].join(' ')));
    const shared = new Set(contentWords([...b.before, ...b.after].join(' ')).filter((w) => words.has(w)));
    if (shared.size >= 2 && Math.max(a.amount, b.amount) / Math.min(a.amount, b.amount) >= FIGURE_RATIO) pairs.push(`figure-${i},figure-${j}`);
  }));
  return pairs.sort();
}

describe('disagreeingFigures', () => {
  it('pairs exactly the figures that comparing every pair of one unit pairs', () => {
    const words = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 5 });
    const figure = fc.record({ before: words, after: words, amount: fc.constantFrom(8, 80, 100, 800, 1000, 8000), unit: fc.constantFrom('USD' as const, 'troops' as const) });
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 30 }), (figures) => {
        const found = disagreeingFigures(input(figures)).map((f) => f.evidence.map((e) => e.annotationId as string).join(','));
        expect(found.sort()).toEqual(bruteForce(figures));
      }),
      { numRuns: 300 },
    );
  });
});

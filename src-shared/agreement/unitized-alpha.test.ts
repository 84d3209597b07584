// Checks unitizing alpha against Krippendorff's published example (2004) and a brute-force reading of its definition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sectionDifference, unitizedAlpha, type Section, type UnitizedUnit } from './unitized-alpha';

function unit(start: number, length: number, rater: number, category: string): UnitizedUnit {
  return { start, length, rater, category };
}

/** Krippendorff (2004), Content Analysis 2nd ed., p. 254: continuum [150, 450), two raters, categories c and k. */
const KRIPPENDORFF_2004 = {
  continuumStart: 150,
  continuumLength: 300,
  raters: 2,
  units: [
    unit(225, 70, 0, 'c'),
    unit(370, 30, 0, 'c'),
    unit(220, 80, 1, 'c'),
    unit(355, 20, 1, 'c'),
    unit(400, 20, 1, 'c'),
    unit(180, 60, 0, 'k'),
    unit(300, 50, 0, 'k'),
    unit(180, 60, 1, 'k'),
    unit(300, 50, 1, 'k'),
  ],
};

function section(begin: number, length: number, isUnit: boolean): Section {
  return { begin, length, isUnit };
}

describe('sectionDifference', () => {
  it('matches the worked distances of the published example', () => {
    expect(sectionDifference(section(225, 70, true), section(220, 80, true))).toBe(50);
    expect(sectionDifference(section(370, 30, true), section(355, 20, true))).toBe(850);
    expect(sectionDifference(section(400, 50, false), section(400, 20, true))).toBe(400);
  });

  it('is zero for two gaps, a unit only partly inside a gap, and units that do not overlap', () => {
    expect(sectionDifference(section(0, 10, false), section(5, 10, false))).toBe(0);
    expect(sectionDifference(section(0, 10, true), section(5, 10, false))).toBe(0);
    expect(sectionDifference(section(0, 5, true), section(5, 5, true))).toBe(0);
    expect(sectionDifference(section(5, 6, true), section(5, 6, true))).toBe(0);
  });
});

describe('unitizedAlpha on Krippendorff (2004, p. 254)', () => {
  const result = unitizedAlpha(KRIPPENDORFF_2004);

  it('reproduces the published per-category disagreements and alphas: c 0.7286, k 1.0000', () => {
    expect(result.disagreement.c?.observed.toFixed(4)).toBe('0.0144');
    expect(result.disagreement.c?.expected.toFixed(4)).toBe('0.0532');
    expect(result.disagreement.k?.observed.toFixed(4)).toBe('0.0000');
    expect(result.disagreement.k?.expected.toFixed(4)).toBe('0.0490');
    expect(result.byCategory.c?.toFixed(4)).toBe('0.7286');
    expect(result.byCategory.k?.toFixed(4)).toBe('1.0000');
  });

  it('reproduces the published overall 0.8591 = 1 − (0.0144 + 0.0000) / (0.0532 + 0.0490)', () => {
    const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
    const c = result.disagreement.c as { observed: number; expected: number };
    const k = result.disagreement.k as { observed: number; expected: number };
    // The book adds the four-decimal disagreements printed above; doing the same gives its figure exactly.
    const published = 1 - (round4(c.observed) + round4(k.observed)) / (round4(c.expected) + round4(k.expected));
    expect(published.toFixed(4)).toBe('0.8591');
    // Unrounded, the same formula gives 0.85867, within the book's rounding of 0.8591.
    const overall = result.overall as number;
    expect(overall).toBeCloseTo(1 - (c.observed + k.observed) / (c.expected + k.expected), 12);
    expect(overall.toFixed(4)).toBe('0.8587');
    expect(Math.abs(overall - 0.8591)).toBeLessThan(0.0005);
  });

  it('does not depend on the order units are listed in', () => {
    const reversed = unitizedAlpha({ ...KRIPPENDORFF_2004, units: [...KRIPPENDORFF_2004.units].reverse() });
    expect(reversed).toEqual(result);
  });
});

/** The definition read literally: every ordered pair of raters, every pair of sections, every gap. */
function bruteForce(units: UnitizedUnit[], raters: number, length: number, category: string): { observed: number; expected: number } {
  const sectionsByRater: Section[][] = [];
  for (let r = 0; r < raters; r++) {
    const covered = new Array<boolean>(length).fill(false);
    for (const u of units) if (u.rater === r && u.category === category) for (let x = u.start; x < u.start + u.length; x++) covered[x] = true;
    const sections: Section[] = [];
    const starts = new Set(units.filter((u) => u.rater === r && u.category === category).map((u) => u.start));
    let begin = 0;
    for (let x = 1; x <= length; x++) {
      if (x === length || covered[x] !== covered[begin] || (covered[x] && starts.has(x))) {
        sections.push(section(begin, x - begin, covered[begin] as boolean));
        begin = x;
      }
    }
    sectionsByRater.push(sections);
  }
  let observed = 0;
  for (let i = 0; i < raters; i++) for (let j = 0; j < raters; j++) {
    if (i === j) continue;
    for (const g of sectionsByRater[i] as Section[]) for (const h of sectionsByRater[j] as Section[]) observed += sectionDifference(g, h);
  }
  const all = sectionsByRater.flat();
  const unitSections = all.filter((s) => s.isUnit);
  const gaps = all.filter((s) => !s.isUnit);
  let numerator = 0;
  let squared = 0;
  for (const { length: l } of unitSections) {
    let placements = 0;
    for (const gap of gaps) if (gap.length >= l) placements += gap.length - l + 1;
    numerator += ((unitSections.length - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l ** 2 * placements;
    squared += l * (l - 1);
  }
  return {
    observed: observed / (raters * (raters - 1) * length ** 2),
    expected: ((2 / length) * numerator) / (raters * length * (raters * length - 1) - squared),
  };
}

/** One rater's units of one category along a continuum of `length`: gaps and sizes, units never overlapping (they may touch). */
const unitRuns = fc.array(fc.tuple(fc.nat({ max: 30 }), fc.integer({ min: 1, max: 25 })), { maxLength: 15 });

describe('unitizedAlpha against the literal definition', () => {
  it('agrees with a brute-force computation on generated units of three raters and two categories', () => {
    const length = 200;
    const raters = 3;
    const categories = ['a', 'b'];
    fc.assert(
      fc.property(fc.array(unitRuns, { minLength: raters * categories.length, maxLength: raters * categories.length }), (runs) => {
        const units: UnitizedUnit[] = [];
        runs.forEach((run, i) => {
          const rater = Math.floor(i / categories.length);
          const category = categories[i % categories.length] as string;
          let position = 0;
          for (const [gap, size] of run) {
            position += gap;
            if (position + size > length) break;
            units.push(unit(position, size, rater, category));
            position += size;
          }
        });
        const result = unitizedAlpha({ continuumStart: 0, continuumLength: length, raters, units });
        for (const category of categories) {
          const expected = bruteForce(units, raters, length, category);
          expect(result.disagreement[category]?.observed ?? 0).toBeCloseTo(expected.observed, 12);
          expect(result.disagreement[category]?.expected ?? 0).toBeCloseTo(expected.expected, 12);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('unitizedAlpha edge cases', () => {
  it('is 1 when raters mark identical units', () => {
    const units = [unit(0, 10, 0, 'x'), unit(0, 10, 1, 'x'), unit(40, 5, 0, 'x'), unit(40, 5, 1, 'x')];
    const result = unitizedAlpha({ continuumStart: 0, continuumLength: 100, raters: 2, units });
    expect(result.overall).toBe(1);
    expect(result.byCategory.x).toBe(1);
  });

  it('is negative when only one of two raters marks a unit', () => {
    const result = unitizedAlpha({ continuumStart: 0, continuumLength: 100, raters: 2, units: [unit(10, 20, 0, 'x')] });
    // Do = 2·20² / (2·100²) = 0.04; De = (2/100)·20²·(51 + 81) / (200·199 − 20·19) = 0.0268.
    expect(result.disagreement.x?.observed).toBeCloseTo(0.04, 12);
    expect(result.byCategory.x as number).toBeCloseTo(1 - 0.04 / ((2 / 100) * 400 * 132 / (200 * 199 - 380)), 12);
    expect(result.byCategory.x as number).toBeLessThan(0);
  });

  it('merges a rater’s overlapping units of one category before comparing', () => {
    const split = unitizedAlpha({
      continuumStart: 0,
      continuumLength: 100,
      raters: 2,
      units: [unit(10, 15, 0, 'x'), unit(20, 10, 0, 'x'), unit(10, 20, 1, 'x')],
    });
    expect(split.byCategory.x).toBe(1);
  });

  it('gives null for categories nobody used, an empty continuum, or no units at all', () => {
    const result = unitizedAlpha({ continuumStart: 0, continuumLength: 50, raters: 2, units: [], categories: ['claim'] });
    expect(result).toEqual({ overall: null, byCategory: { claim: null }, disagreement: {} });
    const empty = unitizedAlpha({ continuumStart: 0, continuumLength: 0, raters: 2, units: [], categories: ['claim'] });
    expect(empty.overall).toBeNull();
  });

  it('refuses fewer than two raters, unknown raters and units outside the continuum', () => {
    const base = { continuumStart: 0, continuumLength: 10, raters: 2 };
    expect(() => unitizedAlpha({ ...base, raters: 1, units: [] })).toThrow(RangeError);
    expect(() => unitizedAlpha({ ...base, units: [unit(0, 5, 2, 'x')] })).toThrow(RangeError);
    expect(() => unitizedAlpha({ ...base, units: [unit(8, 5, 0, 'x')] })).toThrow(RangeError);
    expect(() => unitizedAlpha({ ...base, units: [unit(-1, 5, 0, 'x')] })).toThrow(RangeError);
  });
});

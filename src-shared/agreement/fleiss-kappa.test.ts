// Checks Fleiss' kappa against Fleiss (1971) and the Wikipedia worked example, plus its undefined cases.
import { describe, expect, it } from 'vitest';
import { fleissKappa, fleissKappaFromLabels } from './fleiss-kappa';

/**
 * Fleiss (1971, p. 379): 30 patients, 6 psychiatrists each, categories depression, personality disorder,
 * schizophrenia, neurosis, other. The same table is the `diagnoses` data of the R package irr and the
 * Fleiss1971Test of DKPro Statistics; each row counts the raters who chose each category.
 */
const FLEISS_1971 = [
  [0, 0, 0, 6, 0],
  [0, 3, 0, 0, 3],
  [0, 1, 4, 0, 1],
  [0, 0, 0, 0, 6],
  [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0],
  [0, 0, 4, 0, 2],
  [2, 0, 3, 1, 0],
  [2, 0, 0, 4, 0],
  [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0],
  [1, 1, 0, 4, 0],
  [0, 3, 3, 0, 0],
  [1, 0, 0, 5, 0],
  [0, 2, 0, 3, 1],
  [0, 0, 5, 0, 1],
  [3, 0, 0, 1, 2],
  [5, 1, 0, 0, 0],
  [0, 2, 0, 4, 0],
  [1, 0, 2, 0, 3],
  [0, 0, 0, 0, 6],
  [0, 1, 0, 5, 0],
  [0, 2, 0, 1, 3],
  [2, 0, 0, 4, 0],
  [1, 0, 0, 4, 1],
  [0, 5, 0, 1, 0],
  [4, 0, 0, 0, 2],
  [0, 2, 0, 4, 0],
  [1, 0, 5, 0, 0],
  [0, 0, 0, 0, 6],
];

/** Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories; P̄ 0.378, P̄e 0.213, κ 0.210. */
const WIKIPEDIA = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe('fleissKappa', () => {
  it('reproduces Fleiss (1971): kappa = 0.430 (P̄ 0.556, P̄e 0.220)', () => {
    const result = fleissKappa(FLEISS_1971);
    expect(result.subjects).toBe(30);
    expect(result.raters).toBe(6);
    expect((result.observed as number).toFixed(3)).toBe('0.556');
    expect((result.expected as number).toFixed(3)).toBe('0.220');
    expect((result.kappa as number).toFixed(3)).toBe('0.430');
  });

  it('reproduces the Wikipedia example: kappa = 0.210 (P̄ 0.378, P̄e 0.213)', () => {
    const result = fleissKappa(WIKIPEDIA);
    expect(result.raters).toBe(14);
    expect((result.observed as number).toFixed(3)).toBe('0.378');
    expect((result.expected as number).toFixed(3)).toBe('0.213');
    expect((result.kappa as number).toFixed(3)).toBe('0.210');
  });

  it('gives the same 0.430 from per-rater label lists', () => {
    // Expand each subject's counts into six raters' labels, e.g. [0, 3, 0, 0, 3] → 2, 2, 2, 5, 5, 5.
    const bySubject = FLEISS_1971.map((row) => row.flatMap((count, category) => Array<number>(count).fill(category + 1)));
    const byRater = Array.from({ length: 6 }, (_, rater) => bySubject.map((labels) => labels[rater] as number));
    const result = fleissKappaFromLabels(byRater);
    expect(result.subjects).toBe(30);
    expect(result.kappa).toBeCloseTo(fleissKappa(FLEISS_1971).kappa as number, 12);
    expect(() => fleissKappaFromLabels([[1, 2]])).toThrow(RangeError);
    expect(() => fleissKappaFromLabels([[1, 2], [1]])).toThrow(RangeError);
    expect(fleissKappaFromLabels([[], []]).kappa).toBeNull();
  });

  it('is 1 when all raters agree on every subject and categories vary', () => {
    expect(fleissKappa([[3, 0], [0, 3], [3, 0]]).kappa).toBe(1);
  });

  it('returns null with a reason when there are no subjects or one category throughout', () => {
    expect(fleissKappa([])).toMatchObject({ kappa: null, subjects: 0 });
    const single = fleissKappa([[4, 0], [4, 0]]);
    expect(single.kappa).toBeNull();
    expect(single.reason).toMatch(/chance agreement is 1/);
  });

  it('refuses unequal rater counts, ragged rows and fewer than two raters', () => {
    expect(() => fleissKappa([[3, 0], [2, 0]])).toThrow(RangeError);
    expect(() => fleissKappa([[3, 0], [3]])).toThrow(RangeError);
    expect(() => fleissKappa([[1, 0]])).toThrow(RangeError);
    expect(() => fleissKappa([[1.5, 0.5]])).toThrow(RangeError);
  });
});

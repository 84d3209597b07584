// Checks Cohen's kappa against published worked examples and its undefined cases.
import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromLabels } from './cohen-kappa';

describe('cohenKappa', () => {
  it('gives 0.40 for the yes/no textbook table (Po 0.70, Pe 0.50)', () => {
    // Rows rater A (yes, no), columns rater B (yes, no): yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    const result = cohenKappa([
      [20, 5],
      [10, 15],
    ]);
    expect(result.n).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.reason).toBeUndefined();
  });

  it('reproduces Cohen (1960, p. 45): kappa = 0.492', () => {
    const result = cohenKappa([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(result.n).toBe(200);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.41, 12);
    expect((result.kappa as number).toFixed(3)).toBe('0.492');
  });

  it('is 1 for perfect agreement and negative for systematic disagreement', () => {
    expect(cohenKappa([[5, 0], [0, 5]]).kappa).toBe(1);
    expect(cohenKappa([[0, 5], [5, 0]]).kappa).toBe(-1);
  });

  it('returns null with a reason, never NaN, when there are no items', () => {
    const result = cohenKappa([[0, 0], [0, 0]]);
    expect(result).toMatchObject({ kappa: null, observed: null, expected: null, n: 0 });
    expect(result.reason).toMatch(/No items/);
    expect(cohenKappa([]).kappa).toBeNull();
  });

  it('returns null with a reason when chance agreement is 1 (one category throughout)', () => {
    const result = cohenKappa([[12, 0], [0, 0]]);
    expect(result.kappa).toBeNull();
    expect(result.observed).toBe(1);
    expect(result.expected).toBe(1);
    expect(result.reason).toMatch(/chance agreement is 1/);
  });

  it('refuses a matrix that is not square or holds a negative count', () => {
    expect(() => cohenKappa([[1, 2], [3]])).toThrow(RangeError);
    expect(() => cohenKappa([[1, -2], [3, 4]])).toThrow(RangeError);
    expect(() => cohenKappa([[1, Number.NaN], [3, 4]])).toThrow(RangeError);
  });
});

describe('cohenKappaFromLabels', () => {
  it('builds the confusion matrix from parallel labels (the yes/no table again)', () => {
    const a = [...Array<string>(25).fill('yes'), ...Array<string>(25).fill('no')];
    const b = [
      ...Array<string>(20).fill('yes'),
      ...Array<string>(5).fill('no'),
      ...Array<string>(10).fill('yes'),
      ...Array<string>(15).fill('no'),
    ];
    expect(cohenKappaFromLabels(a, b).kappa).toBeCloseTo(0.4, 12);
  });

  it('handles a category only one rater used', () => {
    const result = cohenKappaFromLabels(['x', 'x', 'y', 'y'], ['x', 'z', 'y', 'y']);
    expect(result.n).toBe(4);
    expect(result.observed).toBe(0.75);
    expect(result.kappa).toBeCloseTo((0.75 - 0.375) / 0.625, 12);
  });

  it('refuses lists of different lengths and gives null for empty lists', () => {
    expect(() => cohenKappaFromLabels(['a'], [])).toThrow(RangeError);
    expect(cohenKappaFromLabels([], []).kappa).toBeNull();
  });
});

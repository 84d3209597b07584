// Checks Krippendorff's alpha against the reliability data published in Krippendorff (2011) and its edge cases.
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, type AlphaValue } from './krippendorff-alpha';

/**
 * Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", example C: 4 observers × 12 units,
 * null where the paper shows "*". Published nominal alpha: .743.
 */
const KRIPPENDORFF_2011: (AlphaValue | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

describe('krippendorffAlpha on Krippendorff (2011)', () => {
  it('gives nominal alpha 0.743 and counts the 40 pairable values', () => {
    const result = krippendorffAlpha(KRIPPENDORFF_2011);
    expect(result.n).toBe(40);
    expect((result.alpha as number).toFixed(3)).toBe('0.743');
  });

  it('ignores unit 12, which holds a single value', () => {
    const withoutLastUnit = KRIPPENDORFF_2011.map((row) => row.slice(0, 11));
    expect(krippendorffAlpha(withoutLastUnit).alpha).toBe(krippendorffAlpha(KRIPPENDORFF_2011).alpha);
  });
});

describe('krippendorffAlpha edge cases', () => {
  it('is 1 for perfect agreement on varied values', () => {
    const data = [
      ['a', 'b', 'c', 'a'],
      ['a', 'b', 'c', 'a'],
      [null, 'b', 'c', null],
    ];
    const result = krippendorffAlpha(data);
    expect(result.alpha).toBe(1);
    expect(result.observed).toBe(0);
  });

  it('returns null with a reason when no unit has two values', () => {
    const result = krippendorffAlpha([[1, null, 3], [null, 2, null]]);
    expect(result).toMatchObject({ alpha: null, observed: null, expected: null, n: 0 });
    expect(result.reason).toMatch(/No unit/);
    expect(krippendorffAlpha([]).alpha).toBeNull();
  });

  it('returns null, never NaN, when every value is the same', () => {
    const result = krippendorffAlpha([[7, 7, 7], [7, 7, 7]]);
    expect(result.alpha).toBeNull();
    expect(result.reason).toMatch(/no variation/);
  });

  it('treats the number 1 and the string "1" as different nominal values', () => {
    expect(krippendorffAlpha([[1, 'x'], ['1', 'x']]).observed).toBeGreaterThan(0);
  });

  it('matches chance-level data: systematic disagreement goes below zero', () => {
    const result = krippendorffAlpha([[1, 2, 1, 2], [2, 1, 2, 1]]);
    expect(result.alpha as number).toBeLessThan(0);
  });
});

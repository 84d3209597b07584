// Krippendorff's unitizing alpha uα (Content Analysis, 2nd ed., 2004): agreement on where units of each category lie on a continuum; pure.

/** One unit a rater marked: `[start, start + length)` on the continuum, in one category. */
export interface UnitizedUnit {
  readonly start: number;
  readonly length: number;
  /** 0-based rater index, below `raters`. */
  readonly rater: number;
  readonly category: string;
}

export interface UnitizedAlphaInput {
  readonly continuumStart: number;
  readonly continuumLength: number;
  /** Number of raters m (at least 2); a rater who marked nothing still counts — their continuum is one gap. */
  readonly raters: number;
  readonly units: readonly UnitizedUnit[];
  /** Categories to report even when no rater used them (they come back null). */
  readonly categories?: readonly string[];
}

/** The two disagreements behind one category's alpha. */
export interface CategoryDisagreement {
  /** cDo: squared boundary differences of intersecting sections, over m(m − 1)L². */
  readonly observed: number;
  /** cDe: the disagreement expected when all units and gaps are placed at random. */
  readonly expected: number;
}

export interface UnitizedAlphaResult {
  /** uα = 1 − Σc cDo / Σc cDe over all categories, or null when nothing was marked. */
  readonly overall: number | null;
  /** cuα = 1 − cDo / cDe per category, or null when the category was never used. */
  readonly byCategory: Record<string, number | null>;
  readonly disagreement: Record<string, CategoryDisagreement>;
}

/** A section of one rater's continuum for one category: a unit of that category, or a gap between units. */
export interface Section {
  readonly begin: number;
  readonly length: number;
  readonly isUnit: boolean;
}

function validate(input: UnitizedAlphaInput): void {
  const { continuumStart, continuumLength, raters } = input;
  if (!Number.isFinite(continuumStart) || !Number.isFinite(continuumLength) || continuumLength < 0) {
    throw new RangeError(`The continuum must have a finite start and a length ≥ 0, not ${continuumStart} + ${continuumLength}.`);
  }
  if (!Number.isInteger(raters) || raters < 2) throw new RangeError(`Unitizing alpha needs at least two raters, not ${raters}.`);
  const end = continuumStart + continuumLength;
  for (const unit of input.units) {
    if (!Number.isInteger(unit.rater) || unit.rater < 0 || unit.rater >= raters) {
      throw new RangeError(`Unit at ${unit.start} names rater ${unit.rater}, but raters are numbered 0 to ${raters - 1}.`);
    }
    if (!(unit.length >= 0) || !(unit.start >= continuumStart) || !(unit.start + unit.length <= end)) {
      throw new RangeError(`Unit [${unit.start}, ${unit.start + unit.length}) lies outside the continuum [${continuumStart}, ${end}).`);
    }
  }
}

/**
 * One rater's sections for one category, tiling the continuum: units in order with the gaps between them.
 * Overlapping units of the same rater and category are merged first (the coefficient assumes they do not
 * overlap); units that merely touch stay separate. Empty units are dropped.
 */
export function sectionsOf(units: readonly UnitizedUnit[], continuumStart: number, continuumLength: number): Section[] {
  const sorted = units.filter((unit) => unit.length > 0).sort((x, y) => x.start - y.start);
  const merged: { begin: number; end: number }[] = [];
  for (const unit of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && unit.start < last.end) last.end = Math.max(last.end, unit.start + unit.length);
    else merged.push({ begin: unit.start, end: unit.start + unit.length });
  }
  const sections: Section[] = [];
  let position = continuumStart;
  for (const { begin, end } of merged) {
    if (begin > position) sections.push({ begin: position, length: begin - position, isUnit: false });
    sections.push({ begin, length: end - begin, isUnit: true });
    position = end;
  }
  const continuumEnd = continuumStart + continuumLength;
  if (continuumEnd > position) sections.push({ begin: position, length: continuumEnd - position, isUnit: false });
  return sections;
}

/**
 * Krippendorff's δ² between section g of one rater and section h of another: for two overlapping units the
 * squared differences of their beginnings and of their ends; for a unit lying wholly inside the other
 * rater's gap its squared length; otherwise (two gaps, or a unit only partly in a gap) zero.
 */
export function sectionDifference(g: Section, h: Section): number {
  const beginDifference = g.begin - h.begin;
  const endDifference = g.begin + g.length - (h.begin + h.length);
  if (g.isUnit && h.isUnit) {
    return -g.length < beginDifference && beginDifference < h.length ? beginDifference ** 2 + endDifference ** 2 : 0;
  }
  if (g.isUnit && !h.isUnit) return beginDifference >= 0 && endDifference <= 0 ? g.length ** 2 : 0;
  if (!g.isUnit && h.isUnit) return beginDifference <= 0 && endDifference >= 0 ? h.length ** 2 : 0;
  return 0;
}

/**
 * Σ δ² over all intersecting pairs of two raters' sections. Both lists tile the same continuum, so a merge
 * walk visits each intersecting pair once, in O(|first| + |second|); non-intersecting pairs contribute 0.
 */
export function pairDisagreement(first: readonly Section[], second: readonly Section[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    const g = first[i] as Section;
    const h = second[j] as Section;
    sum += sectionDifference(g, h);
    const gEnd = g.begin + g.length;
    const hEnd = h.begin + h.length;
    if (gEnd <= hEnd) i++;
    if (hEnd <= gEnd) j++;
  }
  return sum;
}

/** cDo = Σ_i Σ_j≠i Σ_g Σ_h δ² / (m(m − 1)L²); the sum over ordered pairs is twice the sum over i < j. */
function observedDisagreement(sectionsByRater: readonly Section[][], continuumLength: number): number {
  const raters = sectionsByRater.length;
  let sum = 0;
  for (let i = 0; i < raters; i++) {
    for (let j = i + 1; j < raters; j++) sum += pairDisagreement(sectionsByRater[i] as Section[], sectionsByRater[j] as Section[]);
  }
  return (2 * sum) / (raters * (raters - 1) * continuumLength ** 2);
}

/**
 * cDe = (2/L) Σ_units [ (N_c − 1)/3 · (2l³ − 3l² + l) + l² Σ_{gaps ≥ l} (gap − l + 1) ] / ( mL(mL − 1) − Σ_units l(l − 1) ),
 * with N_c the number of units of the category over all raters and the gaps taken over all raters.
 * Gaps are sorted once and summed from the end, so each unit costs one binary search.
 */
function expectedDisagreement(sectionsByRater: readonly Section[][], continuumLength: number): number | null {
  const unitLengths: number[] = [];
  const gapLengths: number[] = [];
  for (const sections of sectionsByRater) {
    for (const section of sections) (section.isUnit ? unitLengths : gapLengths).push(section.length);
  }
  return expectedFromLengths(unitLengths, gapLengths, sectionsByRater.length, continuumLength);
}

/**
 * cDe from the lengths alone: every rater's units (rater by rater, in continuum order) and every gap (any order; sorted
 * here, in place). What a continuum read in stretches keeps instead of its sections.
 */
export function expectedFromLengths(unitLengths: readonly number[], gapLengths: number[], raters: number, continuumLength: number): number | null {
  if (unitLengths.length === 0) return null;
  gapLengths.sort((x, y) => x - y);
  const suffixSums = new Array<number>(gapLengths.length + 1).fill(0);
  for (let k = gapLengths.length - 1; k >= 0; k--) suffixSums[k] = (suffixSums[k + 1] as number) + (gapLengths[k] as number);

  const unitCount = unitLengths.length;
  let numerator = 0;
  let squaredLengths = 0;
  for (const l of unitLengths) {
    const firstFitting = lowerBound(gapLengths, l);
    const fittingGaps = gapLengths.length - firstFitting;
    const placements = (suffixSums[firstFitting] as number) - fittingGaps * (l - 1);
    numerator += ((unitCount - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l ** 2 * placements;
    squaredLengths += l * (l - 1);
  }
  const total = raters * continuumLength;
  const denominator = total * (total - 1) - squaredLengths;
  if (denominator <= 0) return null;
  return ((2 / continuumLength) * numerator) / denominator;
}

/** Index of the first element ≥ value in an ascending array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Krippendorff's unitizing alpha for each category and overall, as defined in Content Analysis (2nd ed.,
 * 2004; worked example p. 254) and Krippendorff (2004, Quality & Quantity 38): each rater's continuum is
 * cut into units of the category and gaps; observed disagreement sums squared boundary differences of intersecting
 * sections, expected disagreement is that of all possible placements of the same units and gaps.
 * Overall uα = 1 − Σc cDo / Σc cDe. Positions are discrete (characters), lengths in the same unit.
 * Throws a RangeError for fewer than two raters or a unit outside the continuum or with an unknown rater.
 */
export function unitizedAlpha(input: UnitizedAlphaInput): UnitizedAlphaResult {
  validate(input);
  const { continuumStart, continuumLength, raters } = input;
  const unitsByCategory = new Map<string, UnitizedUnit[][]>();
  for (const category of input.categories ?? []) unitsByCategory.set(category, []);
  for (const unit of input.units) {
    let byRater = unitsByCategory.get(unit.category);
    if (byRater === undefined || byRater.length === 0) {
      byRater = Array.from({ length: raters }, () => []);
      unitsByCategory.set(unit.category, byRater);
    }
    (byRater[unit.rater] as UnitizedUnit[]).push(unit);
  }

  // Maps, turned into records at the end, so a category named like an Object.prototype key stays plain data.
  const byCategory = new Map<string, number | null>();
  const disagreement = new Map<string, CategoryDisagreement>();
  let observedSum = 0;
  let expectedSum = 0;
  for (const [category, byRater] of unitsByCategory) {
    const sectionsByRater = byRater.map((units) => sectionsOf(units, continuumStart, continuumLength));
    const expected = continuumLength > 0 && byRater.length > 0 ? expectedDisagreement(sectionsByRater, continuumLength) : null;
    if (expected === null || expected <= 0) {
      byCategory.set(category, null);
      continue;
    }
    const observed = observedDisagreement(sectionsByRater, continuumLength);
    byCategory.set(category, 1 - observed / expected);
    disagreement.set(category, { observed, expected });
    observedSum += observed;
    expectedSum += expected;
  }
  return {
    overall: expectedSum > 0 ? 1 - observedSum / expectedSum : null,
    byCategory: Object.fromEntries(byCategory),
    disagreement: Object.fromEntries(disagreement),
  };
}

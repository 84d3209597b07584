// Fleiss' kappa (Fleiss 1971): chance-corrected agreement of a fixed number of raters per subject from category counts; pure.

/** Fleiss' kappa with its parts; `kappa` is null (with a reason) when it is undefined, never NaN. */
export interface FleissKappaResult {
  /** (P̄ − P̄e) / (1 − P̄e), or null when there are no subjects or chance agreement is already 1. */
  readonly kappa: number | null;
  /** P̄: mean share of agreeing rater pairs per subject; null when there are no subjects. */
  readonly observed: number | null;
  /** P̄e: Σ_j p_j², the agreement expected from overall category proportions; null when there are no subjects. */
  readonly expected: number | null;
  readonly subjects: number;
  /** Raters per subject (the same for every subject). */
  readonly raters: number;
  /** Why `kappa` is null, as a sentence a person understands. */
  readonly reason?: string;
}

/**
 * Fleiss' kappa from `counts[subject][category]`, the number of raters who put that subject in that category.
 * Every subject must be rated by the same number (at least two) of raters. Throws a RangeError when rows
 * differ in length or in total, or hold a negative or fractional count.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissKappaResult {
  const subjects = counts.length;
  const first = counts[0];
  if (first === undefined) {
    return { kappa: null, observed: null, expected: null, subjects: 0, raters: 0, reason: 'No subjects were rated.' };
  }
  const categories = first.length;
  const raters = first.reduce((sum, count) => sum + count, 0);
  if (raters < 2) throw new RangeError(`Fleiss' kappa needs at least two raters per subject, not ${raters}.`);

  const categoryTotals = new Array<number>(categories).fill(0);
  let agreementSum = 0;
  counts.forEach((row, subject) => {
    if (row.length !== categories) {
      throw new RangeError(`Subject ${subject + 1} has ${row.length} categories, subject 1 has ${categories}.`);
    }
    let total = 0;
    let squares = 0;
    row.forEach((count, category) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`Counts of raters must be whole numbers ≥ 0, not ${count}.`);
      }
      total += count;
      squares += count * count;
      categoryTotals[category] = (categoryTotals[category] ?? 0) + count;
    });
    if (total !== raters) {
      throw new RangeError(`Every subject needs the same number of raters: subject ${subject + 1} has ${total}, subject 1 has ${raters}.`);
    }
    agreementSum += (squares - raters) / (raters * (raters - 1));
  });

  return fleissFromSums(agreementSum, categoryTotals, subjects, raters);
}

/** κ from Σ_i P_i and the category totals (in order of category); shared by both entry points and by FleissStream. */
export function fleissFromSums(agreementSum: number, categoryTotals: readonly number[], subjects: number, raters: number): FleissKappaResult {
  const observed = agreementSum / subjects;
  const expected = categoryTotals.reduce((sum, total) => sum + (total / (subjects * raters)) ** 2, 0);
  if (Math.abs(1 - expected) < 1e-12) {
    return {
      kappa: null,
      observed,
      expected: 1,
      subjects,
      raters,
      reason: 'Every rater put every subject in the same category, so chance agreement is 1 and kappa is undefined.',
    };
  }
  return { kappa: (observed - expected) / (1 - expected), observed, expected, subjects, raters };
}

/**
 * Fleiss' kappa from parallel label lists: `labelsByRater[r][s]` is the category rater r gave subject s.
 * Every rater must label every subject. Throws a RangeError for fewer than two raters or lists of different lengths.
 */
export function fleissKappaFromLabels(labelsByRater: readonly (readonly (string | number | boolean)[])[]): FleissKappaResult {
  const raters = labelsByRater.length;
  if (raters < 2) throw new RangeError(`Fleiss' kappa needs at least two raters per subject, not ${raters}.`);
  const subjects = (labelsByRater[0] as readonly unknown[]).length;
  for (const labels of labelsByRater) {
    if (labels.length !== subjects) {
      throw new RangeError(`Every rater must label every subject: one rater has ${labels.length} labels, the first ${subjects}.`);
    }
  }
  if (subjects === 0) {
    return { kappa: null, observed: null, expected: null, subjects: 0, raters, reason: 'No subjects were rated.' };
  }
  const categoryIndex = new Map<string | number | boolean, number>();
  const categoryOf = labelsByRater.map((labels) => {
    const indices = new Int32Array(subjects);
    let previous: string | number | boolean | undefined;
    let previousIndex = -1;
    labels.forEach((label, subject) => {
      // Runs of one label (most tokens are untagged) skip the hash lookup.
      if (label !== previous) {
        let index = categoryIndex.get(label);
        if (index === undefined) {
          index = categoryIndex.size;
          categoryIndex.set(label, index);
        }
        previous = label;
        previousIndex = index;
      }
      indices[subject] = previousIndex;
    });
    return indices;
  });
  const categories = categoryIndex.size;
  const categoryTotals = new Array<number>(categories).fill(0);
  const row = new Int32Array(categories);
  let agreementSum = 0;
  for (let subject = 0; subject < subjects; subject++) {
    row.fill(0);
    for (const indices of categoryOf) row[indices[subject] as number] = (row[indices[subject] as number] as number) + 1;
    let squares = 0;
    row.forEach((count, category) => {
      squares += count * count;
      categoryTotals[category] = (categoryTotals[category] as number) + count;
    });
    agreementSum += (squares - raters) / (raters * (raters - 1));
  }
  return fleissFromSums(agreementSum, categoryTotals, subjects, raters);
}

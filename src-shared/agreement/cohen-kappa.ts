// Cohen's kappa (Cohen 1960): chance-corrected agreement of two raters from a confusion matrix or two label lists; pure, runs anywhere.

/** Cohen's kappa with the proportions it is made of; `kappa` is null (with a reason) when it is undefined, never NaN. */
export interface CohenKappaResult {
  /** (Po − Pe) / (1 − Pe), or null when there are no items or chance agreement is already 1. */
  readonly kappa: number | null;
  /** Po: share of items both raters put in the same category; null when there are no items. */
  readonly observed: number | null;
  /** Pe: agreement expected by chance from each rater's marginal proportions; null when there are no items. */
  readonly expected: number | null;
  /** Number of items rated by both raters. */
  readonly n: number;
  /** Why `kappa` is null, as a sentence a person understands. */
  readonly reason?: string;
}

function assertSquareCounts(matrix: readonly (readonly number[])[]): void {
  for (const row of matrix) {
    if (row.length !== matrix.length) {
      throw new RangeError(`A confusion matrix must be square: it has ${matrix.length} rows but a row of ${row.length} cells.`);
    }
    for (const cell of row) {
      if (!Number.isFinite(cell) || cell < 0) {
        throw new RangeError(`A confusion matrix holds counts, so ${cell} is not allowed.`);
      }
    }
  }
}

/**
 * Cohen's kappa from a square confusion matrix: `matrix[i][j]` counts the items rater A put in category i
 * and rater B in category j (rows rater A, columns rater B, same category order on both axes).
 * Throws a RangeError when the matrix is not square or holds a negative or non-finite count.
 */
export function cohenKappa(matrix: readonly (readonly number[])[]): CohenKappaResult {
  assertSquareCounts(matrix);
  const size = matrix.length;
  const rowTotals = new Array<number>(size).fill(0);
  const columnTotals = new Array<number>(size).fill(0);
  let n = 0;
  let diagonal = 0;
  matrix.forEach((row, i) => {
    row.forEach((count, j) => {
      rowTotals[i] = (rowTotals[i] ?? 0) + count;
      columnTotals[j] = (columnTotals[j] ?? 0) + count;
      n += count;
      if (i === j) diagonal += count;
    });
  });
  if (n === 0) {
    return { kappa: null, observed: null, expected: null, n, reason: 'No items were rated, so there is nothing to compare.' };
  }
  const observed = diagonal / n;
  let expected = 0;
  for (let i = 0; i < size; i++) expected += ((rowTotals[i] ?? 0) / n) * ((columnTotals[i] ?? 0) / n);
  // Rounding can leave Pe a hair above or below 1 when both raters used one category throughout.
  if (Math.abs(1 - expected) < 1e-12) {
    return {
      kappa: null,
      observed,
      expected: 1,
      n,
      reason: 'Both raters put every item in the same single category, so chance agreement is 1 and kappa is undefined.',
    };
  }
  return { kappa: (observed - expected) / (1 - expected), observed, expected, n };
}

/**
 * Cohen's kappa from two parallel label lists: `a[i]` and `b[i]` are the categories raters A and B gave item i.
 * Categories are the union of labels seen in either list. Throws a RangeError when the lists differ in length.
 */
export function cohenKappaFromLabels(a: readonly string[], b: readonly string[]): CohenKappaResult {
  if (a.length !== b.length) {
    throw new RangeError(`Both raters must label the same items: rater A has ${a.length} labels, rater B ${b.length}.`);
  }
  const categoryIndex = new Map<string, number>();
  const indexOf = (label: string): number => {
    let index = categoryIndex.get(label);
    if (index === undefined) {
      index = categoryIndex.size;
      categoryIndex.set(label, index);
    }
    return index;
  };
  const pairs: [number, number][] = a.map((label, i) => [indexOf(label), indexOf(b[i] as string)]);
  const size = categoryIndex.size;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const [i, j] of pairs) {
    const row = matrix[i] as number[];
    row[j] = (row[j] ?? 0) + 1;
  }
  return cohenKappa(matrix);
}

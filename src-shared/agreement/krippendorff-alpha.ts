// Krippendorff's nominal alpha for coded units (Krippendorff 2011) via the coincidence matrix, any number of raters, missing values allowed; pure.

/**
 * A value a rater gave a unit. Every label the agreement figures compare (a kind, "not tagged", a set of kinds) is a
 * category, so only the nominal level is computed: δ²(c, k) is 0 for equal values and 1 otherwise.
 */
export type AlphaValue = string | number | boolean;

/** Krippendorff's alpha with its two disagreements; `alpha` is null (with a reason) when undefined, never NaN. */
export interface KrippendorffAlphaResult {
  /** 1 − Do / De, or null when no unit has two values or the pairable values never vary. */
  readonly alpha: number | null;
  /** Do: observed disagreement within units; null when there are no pairable values. */
  readonly observed: number | null;
  /** De: disagreement expected from all pairable values taken together; null when there are none. */
  readonly expected: number | null;
  /** Number of pairable values (values in units that hold at least two). */
  readonly n: number;
  /** Why `alpha` is null, as a sentence a person understands. */
  readonly reason?: string;
}

interface Coincidences {
  /** Distinct values, in the order first seen. */
  readonly values: readonly AlphaValue[];
  /** Non-zero cells o_ck of the coincidence matrix as [c, k, o_ck], c and k indices into `values`. */
  readonly cells: readonly (readonly [number, number, number])[];
  /** Marginals n_c (zero for a value seen only in units that are not pairable). */
  readonly totals: readonly number[];
  readonly n: number;
}

/** The data as value indices per observer (−1 where missing), with the distinct values they index. */
interface CodedData {
  readonly values: readonly AlphaValue[];
  readonly codes: readonly Int32Array[];
  readonly unitCount: number;
}

/**
 * Replaces every value by an index into the distinct values. Consecutive equal
 * values skip the hash lookup, which matters for long runs such as word tokens labelled "not tagged".
 */
function codeValues(data: readonly (readonly (AlphaValue | null)[])[]): CodedData {
  const unitCount = data.reduce((max, row) => Math.max(max, row.length), 0);
  const index = new Map<AlphaValue, number>();
  const values: AlphaValue[] = [];
  const codes = data.map((row) => {
    const rowCodes = new Int32Array(unitCount).fill(-1);
    let previous: AlphaValue | null | undefined = null;
    let previousCode = -1;
    for (let unitIndex = 0; unitIndex < row.length; unitIndex++) {
      const value = row[unitIndex];
      if (value === null || value === undefined) continue;
      if (value !== previous) {
        let code = index.get(value);
        if (code === undefined) {
          code = values.length;
          index.set(value, code);
          values.push(value);
        }
        previous = value;
        previousCode = code;
      }
      rowCodes[unitIndex] = previousCode;
    }
    return rowCodes;
  });
  return { values, codes, unitCount };
}

/** Above this many distinct values the coincidence matrix is kept sparse instead of dense. */
const DENSE_LIMIT = 1024;

/**
 * The coincidence matrix: each pairable unit (column of `data` holding m ≥ 2 values) adds 1/(m − 1) for every
 * ordered pair of its values from different observers. O(m²) per unit, no allocation per unit.
 */
function coincidences(data: readonly (readonly (AlphaValue | null)[])[]): Coincidences {
  const { values, codes, unitCount } = codeValues(data);
  const size = values.length;
  const observers = codes.length;
  const dense = size <= DENSE_LIMIT ? new Float64Array(size * size) : null;
  const sparse = new Map<number, number>();
  const totals = new Float64Array(size);
  // The value indices of the unit being counted; m below is Krippendorff's m_u, the values it holds.
  const unit = new Int32Array(observers);
  for (let unitIndex = 0; unitIndex < unitCount; unitIndex++) {
    let m = 0;
    for (let observer = 0; observer < observers; observer++) {
      const code = (codes[observer] as Int32Array)[unitIndex] as number;
      if (code >= 0) unit[m++] = code;
    }
    if (m < 2) continue;
    const weight = 1 / (m - 1);
    for (let first = 0; first < m; first++) {
      const c = unit[first] as number;
      totals[c] = (totals[c] as number) + 1;
      for (let second = 0; second < m; second++) {
        if (second === first) continue;
        const key = c * size + (unit[second] as number);
        if (dense !== null) dense[key] = (dense[key] as number) + weight;
        else sparse.set(key, (sparse.get(key) ?? 0) + weight);
      }
    }
  }
  const entries: Iterable<[number, number]> = dense !== null ? dense.entries() : sparse.entries();
  const cells: [number, number, number][] = [];
  for (const [key, count] of entries) if (count > 0) cells.push([Math.floor(key / size), key % size, count]);
  const n = totals.reduce((sum, total) => sum + total, 0);
  return { values, cells, totals: [...totals], n };
}

/**
 * Krippendorff's nominal alpha for reliability data `data[observer][unit]`, null where that observer gave no value.
 * Units with fewer than two values are not pairable and are ignored.
 */
export function krippendorffAlpha(data: readonly (readonly (AlphaValue | null)[])[]): KrippendorffAlphaResult {
  return alphaOfTable(coincidences(data));
}

/**
 * Krippendorff's nominal alpha of two raters from their agreement table: `pairs[i][j]` units got value i from the first
 * rater and j from the second. The same figure as `krippendorffAlpha` over those units, without holding them.
 */
export function nominalAlphaOfPairs(pairs: readonly (readonly number[])[]): KrippendorffAlphaResult {
  const size = pairs.length;
  const dense = new Float64Array(size * size);
  const totals = new Array<number>(size).fill(0);
  pairs.forEach((row, i) =>
    row.forEach((count, j) => {
      // Each unit adds one to (i, j) and one to (j, i), and counts both its values.
      dense[i * size + j] = (dense[i * size + j] as number) + count;
      dense[j * size + i] = (dense[j * size + i] as number) + count;
      totals[i] = (totals[i] as number) + count;
      totals[j] = (totals[j] as number) + count;
    }),
  );
  const cells: [number, number, number][] = [];
  for (const [key, count] of dense.entries()) if (count > 0) cells.push([Math.floor(key / size), key % size, count]);
  const values = Array.from({ length: size }, (_, i) => i);
  return alphaOfTable({ values, cells, totals, n: totals.reduce((sum, total) => sum + total, 0) });
}

function alphaOfTable(table: Coincidences): KrippendorffAlphaResult {
  const { n } = table;
  if (n === 0) {
    return { alpha: null, observed: null, expected: null, n, reason: 'No unit received values from two raters, so there is nothing to compare.' };
  }
  if (table.totals.filter((total) => total > 0).length < 2) {
    return {
      alpha: null,
      observed: 0,
      expected: 0,
      n,
      reason: 'Every pairable value is the same, so there is no variation to agree on and alpha is undefined.',
    };
  }
  // Nominal δ²: every coincidence of two different values counts 1; Σ_c Σ_k n_c n_k δ² = n² − Σ_c n_c².
  let observedSum = 0;
  for (const [c, k, count] of table.cells) if (c !== k) observedSum += count;
  const observed = observedSum / n;
  // Positive: at least two values have pairable occurrences (checked above), so n² > Σ_c n_c².
  const expected = (n * n - table.totals.reduce((sum, total) => sum + total * total, 0)) / (n * (n - 1));
  return { alpha: 1 - observed / expected, observed, expected, n };
}

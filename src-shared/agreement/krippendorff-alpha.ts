// Krippendorff's alpha for coded units (Krippendorff 2011) via the coincidence matrix, any number of raters, missing values allowed; pure.

/** A value a rater gave a unit. Ordinal, interval and ratio data must be numbers. */
export type AlphaValue = string | number | boolean;

/** Level of measurement, which picks the difference function δ². */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

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
  /** Distinct values, sorted ascending for numeric levels. */
  readonly values: readonly AlphaValue[];
  /** Non-zero cells o_ck of the coincidence matrix as [c, k, o_ck], c and k indices into `values`. */
  readonly cells: readonly (readonly [number, number, number])[];
  /** Marginals n_c (zero for a value seen only in units that are not pairable). */
  readonly totals: readonly number[];
  readonly n: number;
}

function numericValue(value: AlphaValue, level: MeasurementLevel): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${level} alpha needs finite numbers, but a rater gave ${JSON.stringify(value)}.`);
  }
  return value;
}

/** The data as value indices per observer (−1 where missing), with the distinct values they index. */
interface CodedData {
  readonly values: readonly AlphaValue[];
  readonly codes: readonly Int32Array[];
  readonly unitCount: number;
}

/**
 * Replaces every value by an index into the distinct values (ascending for numeric levels). Consecutive equal
 * values skip the hash lookup, which matters for long runs such as word tokens labelled "not tagged".
 */
function codeValues(data: readonly (readonly (AlphaValue | null)[])[], level: MeasurementLevel): CodedData {
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
  if (level === 'nominal') return { values, codes, unitCount };
  const order = values.map((_, code) => code).sort((x, y) => numericValue(values[x] as AlphaValue, level) - numericValue(values[y] as AlphaValue, level));
  const rank = new Int32Array(values.length);
  order.forEach((code, position) => (rank[code] = position));
  for (const rowCodes of codes) {
    rowCodes.forEach((code, unitIndex) => {
      if (code >= 0) rowCodes[unitIndex] = rank[code] as number;
    });
  }
  return { values: order.map((code) => values[code] as AlphaValue), codes, unitCount };
}

/** Above this many distinct values the coincidence matrix is kept sparse instead of dense. */
const DENSE_LIMIT = 1024;

/**
 * The coincidence matrix: each pairable unit (column of `data` holding m ≥ 2 values) adds 1/(m − 1) for every
 * ordered pair of its values from different observers. O(m²) per unit, no allocation per unit.
 */
function coincidences(data: readonly (readonly (AlphaValue | null)[])[], level: MeasurementLevel): Coincidences {
  const { values, codes, unitCount } = codeValues(data, level);
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

/** δ²(c, k) for value indices c and k at the given level. */
function differenceFunction(table: Coincidences, level: MeasurementLevel): (c: number, k: number) => number {
  if (level === 'nominal') return (c, k) => (c === k ? 0 : 1);
  const numbers = table.values.map((value) => numericValue(value, level));
  const at = (i: number): number => numbers[i] as number;
  if (level === 'interval') return (c, k) => (at(c) - at(k)) ** 2;
  if (level === 'ratio') {
    return (c, k) => {
      const sum = at(c) + at(k);
      return sum === 0 ? 0 : ((at(c) - at(k)) / sum) ** 2;
    };
  }
  // Ordinal: (Σ_{g=c..k} n_g − (n_c + n_k) / 2)², with cumulative marginals for O(1) per pair.
  const cumulative = [0];
  table.totals.forEach((total, i) => cumulative.push((cumulative[i] as number) + total));
  return (c, k) => {
    const low = Math.min(c, k);
    const high = Math.max(c, k);
    const between = (cumulative[high + 1] as number) - (cumulative[low] as number);
    return (between - ((table.totals[c] as number) + (table.totals[k] as number)) / 2) ** 2;
  };
}

/** Σ_c Σ_k n_c n_k δ²(c, k), in closed form where the level allows it. */
function expectedSum(table: Coincidences, level: MeasurementLevel, delta: (c: number, k: number) => number): number {
  const { totals, n } = table;
  if (level === 'nominal') return n * n - totals.reduce((sum, total) => sum + total * total, 0);
  if (level === 'interval') {
    // Σ n_c n_k (v_c − v_k)² = 2 n Σ n_c (v_c − mean)²: linear in the number of values, and centred for stability.
    const numbers = table.values.map((value) => value as number);
    const mean = numbers.reduce((sum, v, c) => sum + (totals[c] as number) * v, 0) / n;
    return 2 * n * numbers.reduce((sum, v, c) => sum + (totals[c] as number) * (v - mean) ** 2, 0);
  }
  let sum = 0;
  for (let c = 0; c < totals.length; c++) {
    for (let k = 0; k < totals.length; k++) sum += (totals[c] as number) * (totals[k] as number) * delta(c, k);
  }
  return sum;
}

/**
 * Krippendorff's alpha for reliability data `data[observer][unit]`, null where that observer gave no value.
 * Units with fewer than two values are not pairable and are ignored. Throws a RangeError when an ordinal,
 * interval or ratio value is not a finite number.
 */
export function krippendorffAlpha(
  data: readonly (readonly (AlphaValue | null)[])[],
  level: MeasurementLevel,
): KrippendorffAlphaResult {
  return alphaOfTable(coincidences(data, level), level);
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
  return alphaOfTable({ values, cells, totals, n: totals.reduce((sum, total) => sum + total, 0) }, 'nominal');
}

function alphaOfTable(table: Coincidences, level: MeasurementLevel): KrippendorffAlphaResult {
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
  const delta = differenceFunction(table, level);
  let observedSum = 0;
  for (const [c, k, count] of table.cells) observedSum += count * delta(c, k);
  const observed = observedSum / n;
  const expected = expectedSum(table, level, delta) / (n * (n - 1));
  if (expected <= 0) {
    return { alpha: null, observed, expected: 0, n, reason: 'The pairable values never differ, so alpha is undefined.' };
  }
  return { alpha: 1 - observed / expected, observed, expected, n };
}

// Span-level agreement of two analysts' tags (exact and overlap matching, precision/recall/F1) and word-token labelling for κ and α; pure.
import { wordSpans } from '../text/segment';

/** A tag on the canonical text: `[start, end)` in UTF-16 offsets, of one annotation kind. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
}

/** A word token of the text, `[start, end)` in UTF-16 offsets. */
export interface TokenRange {
  readonly start: number;
  readonly end: number;
}

/** How B's spans match A's; A is the reference, so precision is over B and recall over A. */
export interface SpanMatchResult {
  /** matched / spans of B, or null when B has no spans. */
  readonly precision: number | null;
  /** matched / spans of A, or null when A has no spans. */
  readonly recall: number | null;
  /** 2·matched / (spans of A + spans of B) — the harmonic mean of the two — or null when neither has spans. */
  readonly f1: number | null;
  readonly matched: number;
  readonly spansA: number;
  readonly spansB: number;
  /** Matched pairs as [index in a, index in b]; each span is in at most one pair. */
  readonly pairs: readonly (readonly [number, number])[];
}

function matchResult(a: readonly Span[], b: readonly Span[], pairs: (readonly [number, number])[]): SpanMatchResult {
  const matched = pairs.length;
  return {
    precision: b.length > 0 ? matched / b.length : null,
    recall: a.length > 0 ? matched / a.length : null,
    f1: a.length + b.length > 0 ? (2 * matched) / (a.length + b.length) : null,
    matched,
    spansA: a.length,
    spansB: b.length,
    pairs,
  };
}

/** Orders spans by kind, then start, then end. */
function compareExactly(x: Span, y: Span): number {
  return x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : x.start - y.start || x.end - y.end;
}

/**
 * Spans match exactly when start, end and kind are all equal; duplicates match one-to-one, in order (the first of
 * B's copies with the first of A's). Both lists are sorted by (kind, start, end), then walked side by side.
 */
export function exactSpanMatch(a: readonly Span[], b: readonly Span[]): SpanMatchResult {
  const orderA = a.map((_, index) => index).sort((x, y) => compareExactly(a[x] as Span, a[y] as Span) || x - y);
  const orderB = b.map((_, index) => index).sort((x, y) => compareExactly(b[x] as Span, b[y] as Span) || x - y);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < orderA.length && j < orderB.length; ) {
    const indexA = orderA[i] as number;
    const indexB = orderB[j] as number;
    const order = compareExactly(a[indexA] as Span, b[indexB] as Span);
    if (order === 0) pairs.push([indexA, indexB]);
    if (order <= 0) i++;
    if (order >= 0) j++;
  }
  pairs.sort((x, y) => x[0] - y[0]);
  return matchResult(a, b, pairs);
}

interface Candidate {
  readonly indexA: number;
  readonly indexB: number;
  readonly overlap: number;
  readonly boundaryShift: number;
}

/** Indices of spans of one kind, non-empty, in order of start. */
function byKindSorted(spans: readonly Span[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  spans.forEach((span, index) => {
    if (span.end <= span.start) return;
    const group = groups.get(span.kind);
    if (group === undefined) groups.set(span.kind, [index]);
    else group.push(index);
  });
  for (const group of groups.values()) group.sort((x, y) => (spans[x] as Span).start - (spans[y] as Span).start);
  return groups;
}

/**
 * Every (a, b) pair of one kind whose ranges share at least one offset, found by a sweep over starts: the cost
 * is the number of overlapping pairs plus sorting, not |a|·|b|.
 */
function overlappingPairs(a: readonly Span[], b: readonly Span[], orderA: readonly number[], orderB: readonly number[]): Candidate[] {
  const candidates: Candidate[] = [];
  const add = (indexA: number, indexB: number): void => {
    const x = a[indexA] as Span;
    const y = b[indexB] as Span;
    const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
    const boundaryShift = Math.abs(x.start - y.start) + Math.abs(x.end - y.end);
    candidates.push({ indexA, indexB, overlap, boundaryShift });
  };
  let next = 0;
  let active: number[] = [];
  for (const indexB of orderB) {
    const spanB = b[indexB] as Span;
    while (next < orderA.length && (a[orderA[next] as number] as Span).start < spanB.start) active.push(orderA[next++] as number);
    // Spans of a that end by this start cannot reach any later span of b either, which starts no earlier.
    active = active.filter((indexA) => (a[indexA] as Span).end > spanB.start);
    for (const indexA of active) add(indexA, indexB);
    for (let k = next; k < orderA.length && (a[orderA[k] as number] as Span).start < spanB.end; k++) add(orderA[k] as number, indexB);
  }
  return candidates;
}

/**
 * Spans match by overlap when they have the same kind and share at least one offset. Matching is one-to-one
 * and greedy: pairs are taken by largest overlap first (ties: smaller boundary shift, then earlier spans).
 * Empty spans never overlap anything.
 */
export function overlapSpanMatch(a: readonly Span[], b: readonly Span[]): SpanMatchResult {
  const groupsA = byKindSorted(a);
  const groupsB = byKindSorted(b);
  const pairs: [number, number][] = [];
  for (const [kind, orderA] of groupsA) {
    const orderB = groupsB.get(kind);
    if (orderB === undefined) continue;
    const candidates = overlappingPairs(a, b, orderA, orderB);
    candidates.sort(
      (x, y) => y.overlap - x.overlap || x.boundaryShift - y.boundaryShift || x.indexA - y.indexA || x.indexB - y.indexB,
    );
    const usedA = new Set<number>();
    const usedB = new Set<number>();
    for (const { indexA, indexB } of candidates) {
      if (usedA.has(indexA) || usedB.has(indexB)) continue;
      usedA.add(indexA);
      usedB.add(indexB);
      pairs.push([indexA, indexB]);
    }
  }
  pairs.sort((x, y) => x[0] - y[0]);
  return matchResult(a, b, pairs);
}

/** Word tokens of `text`, in text order: the words of the one segmenter (Unicode word boundaries). */
export function wordTokens(text: string): TokenRange[] {
  return wordSpans(text);
}

/**
 * For each token (in text order, not overlapping), whether any span of `kind` covers at least one of its
 * characters. Spans are merged into sorted intervals first, so the cost is O(tokens + spans · log spans).
 */
export function tokenCoverage(tokens: readonly TokenRange[], spans: readonly Span[], kind: string): boolean[] {
  const intervals: { start: number; end: number }[] = [];
  const sorted = spans.filter((span) => span.kind === kind && span.end > span.start).sort((x, y) => x.start - y.start);
  for (const span of sorted) {
    const last = intervals[intervals.length - 1];
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else intervals.push({ start: span.start, end: span.end });
  }
  let current = 0;
  return tokens.map((token) => {
    while (current < intervals.length && (intervals[current] as { end: number }).end <= token.start) current++;
    const interval = intervals[current];
    return interval !== undefined && interval.start < token.end;
  });
}

/**
 * `tokenCoverage` for every kind at once, in compact form: for each word of `bounds` (`wordBoundaries`' pairs), a bit
 * mask whose bit k says whether a span of kind `kindIndex(kind) = k` covers at least one of its characters. Spans of a
 * kind without an index (undefined) are left out. The cost is O(spans · log tokens + covered tokens).
 */
export function tokenKindMasks(bounds: Int32Array, spans: readonly Span[], kindIndex: (kind: string) => number | undefined): Int32Array {
  const tokens = bounds.length >> 1;
  const masks = new Int32Array(tokens);
  for (const span of spans) {
    const k = kindIndex(span.kind);
    if (k === undefined || span.end <= span.start) continue;
    // The first token ending after the span starts.
    let low = 0;
    let high = tokens;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((bounds[2 * middle + 1] as number) <= span.start) low = middle + 1;
      else high = middle;
    }
    for (let t = low; t < tokens && (bounds[2 * t] as number) < span.end; t++) masks[t] = (masks[t] as number) | (1 << k);
  }
  return masks;
}

/** The word tokens of `text`, each labelled covered or not by a span of `kind` (for per-token κ and α). */
export function tokenLabels(text: string, spans: readonly Span[], kind: string): { tokens: TokenRange[]; covered: boolean[] } {
  const tokens = wordTokens(text);
  return { tokens, covered: tokenCoverage(tokens, spans, kind) };
}

/**
 * One nominal label per token: the kinds covering it, in the order of `kinds`, joined by "+"
 * ("claim+actor"), or "" when no kind covers it. Used for agreement over all kinds at once.
 */
export function tokenKindSets(tokens: readonly TokenRange[], spans: readonly Span[], kinds: readonly string[]): string[] {
  return kindSetLabels(kinds.map((kind) => tokenCoverage(tokens, spans, kind)), kinds);
}

/** The labels of `tokenKindSets` from coverage already computed: `coverageByKind[k][token]` for kind `kinds[k]`. */
export function kindSetLabels(coverageByKind: readonly (readonly boolean[])[], kinds: readonly string[]): string[] {
  const tokenCount = coverageByKind[0]?.length ?? 0;
  if (kinds.length > 52) {
    // Too many kinds for an exact bit mask in a double: join per token instead.
    return Array.from({ length: tokenCount }, (_, index) => kinds.filter((_, k) => coverageByKind[k]?.[index] === true).join('+'));
  }
  // Build each token's set as a bit mask and name each distinct mask once, instead of joining strings per token.
  const masks = new Array<number>(tokenCount).fill(0);
  coverageByKind.forEach((coverage, k) => {
    coverage.forEach((covered, index) => {
      if (covered) masks[index] = (masks[index] as number) + 2 ** k;
    });
  });
  const names = new Map<number, string>();
  return masks.map((mask) => {
    let name = names.get(mask);
    if (name === undefined) {
      name = kinds.filter((_, k) => Math.floor(mask / 2 ** k) % 2 === 1).join('+');
      names.set(mask, name);
    }
    return name;
  });
}

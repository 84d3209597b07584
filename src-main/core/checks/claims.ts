// Claims repeated: near-identical claim sentences (content-word sets with Jaccard ≥ 0.8) in several documents, grouped.
import type { Finding } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import { contentWords, evidenceOf, findingKey, type CheckInput } from './evidence';

export const CLAIM_SIMILARITY = 0.8;
/** Each claim is compared with at most this many others sharing its rarest words (claims with the same words always group). */
export const MAX_COMPARED_CLAIMS = 1000;

type Claim = Annotation & { kind: 'claim' };

/** Each claim's distinct content words as word ranks, rarest word first (rank 0 is the rarest of the project). */
function rankedWordSets(claims: readonly Claim[]): Int32Array[] {
  const words = claims.map((c) => [...new Set(contentWords(c.target?.exact ?? ''))]);
  const frequency = new Map<string, number>();
  for (const set of words) for (const w of set) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const order = [...frequency.keys()].sort((x, y) => (frequency.get(x) ?? 0) - (frequency.get(y) ?? 0) || (x < y ? -1 : 1));
  const rank = new Map(order.map((w, i) => [w, i]));
  return words.map((set) => Int32Array.from(set, (w) => rank.get(w) ?? 0).sort());
}

/** Shared words of two ascending rank sets from positions `i` and `j` on, the words there being equal. */
function overlapFrom(a: Int32Array, b: Int32Array, i: number, j: number): number {
  let common = 1;
  for (let x = i + 1, y = j + 1; x < a.length && y < b.length; ) {
    const d = (a[x] ?? 0) - (b[y] ?? 0);
    if (d === 0) common += 1;
    if (d <= 0) x += 1;
    if (d >= 0) y += 1;
  }
  return common;
}

/** Bits set by a set's words (rank mod 64, in two halves): sets differing in d words differ in at most d bits. */
function signatures(sets: readonly Int32Array[]): { low: Int32Array; high: Int32Array } {
  const low = new Int32Array(sets.length);
  const high = new Int32Array(sets.length);
  sets.forEach((set, i) => {
    for (const rank of set) {
      if (rank % 64 < 32) low[i] = (low[i] ?? 0) | (1 << rank % 32);
      else high[i] = (high[i] ?? 0) | (1 << rank % 32);
    }
  });
  return { low, high };
}

function bitCount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Groups (indexes into `sets`, none the same) joined through pairs at least `threshold` alike by Jaccard. Each set is
 * compared with at most `maxCompared` others, so the work stays linear in the claims whatever the vocabulary: sets
 * are taken fewest words first, and each is compared with the sets sharing one of its prefix words (rarest word
 * first, and in each word's list the sets nearest in size first). Below that cap the groups are exactly those of
 * comparing every pair; past it (claims made only of the project's commonest words) a set's further candidates are
 * left out, so such a group may come out split in two, never joined wrongly.
 */
function similarGroups(sets: readonly Int32Array[], threshold: number, maxCompared: number): Map<number, number[]> {
  const parent = Int32Array.from(sets, (_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] = parent[parent[r] ?? r] ?? r;
    return r;
  };
  const jaccard = (common: number, a: number, b: number) => common / (a + b - common);
  // Prefix filtering (words rarest first): two sets that alike share one of the first |A| − ⌈t·|A|⌉ + 1 words of each.
  // The postings keep each claim's position of that word, so that the first shared word bounds the overlap (PPJoin).
  // Sets come fewest words first, so each word's postings are in order of size: a set is alike only to those of at
  // least t·|A| words, which lie at the end of the list.
  const postings = new Map<number, { claims: number[]; positions: number[] }>();
  const seenBy = new Int32Array(sets.length).fill(-1);
  const { low, high } = signatures(sets);
  // Jaccard ≥ t holds exactly when the words in one set only are at most (|A| + |B|)·(1 − t)/(1 + t).
  const differing = (a: number, b: number) => Math.floor(((a + b) * (1 - threshold)) / (1 + threshold) + 1e-9);
  const sizes = Int32Array.from(sets, (set) => set.length);
  const order = Array.from(sets, (_, i) => i).sort((x, y) => (sizes[x] ?? 0) - (sizes[y] ?? 0) || x - y);
  for (const i of order) {
    const a = sets[i] ?? new Int32Array();
    const size = a.length;
    if (size === 0) continue;
    const prefix = size - Math.ceil(threshold * size) + 1;
    const [lowI, highI] = [low[i] ?? 0, high[i] ?? 0];
    let compared = 0;
    for (let p = 0; p < prefix && compared < maxCompared; p += 1) {
      const posting = postings.get(a[p] ?? 0);
      if (!posting) continue;
      const { claims, positions } = posting;
      for (let k = claims.length - 1; k >= 0 && compared < maxCompared; k -= 1) {
        const j = claims[k] ?? 0;
        const other = sizes[j] ?? 0;
        if (other < threshold * size) break;
        if (seenBy[j] === i) continue;
        seenBy[j] = i;
        compared += 1;
        const q = positions[k] ?? 0;
        if (jaccard(Math.min(size - p, other - q), size, other) < threshold) continue;
        if (bitCount(lowI ^ (low[j] ?? 0)) + bitCount(highI ^ (high[j] ?? 0)) > differing(size, other) || root(j) === root(i)) continue;
        if (jaccard(overlapFrom(a, sets[j] ?? a, p, q), size, other) >= threshold) parent[root(j)] = root(i);
      }
    }
    for (let p = 0; p < prefix; p += 1) {
      const word = a[p] ?? 0;
      const posting = postings.get(word) ?? { claims: [], positions: [] };
      posting.claims.push(i);
      posting.positions.push(p);
      postings.set(word, posting);
    }
  }
  const groups = new Map<number, number[]>();
  sets.forEach((_, i) => {
    const group = groups.get(root(i));
    if (group) group.push(i);
    else groups.set(root(i), [i]);
  });
  return groups;
}

/**
 * Groups of claims in two or more documents whose word sets are at least CLAIM_SIMILARITY alike (joined through any alike
 * pair), each claim compared with at most `maxCompared` others (see similarGroups).
 */
export function repeatedClaims(input: CheckInput, threshold = CLAIM_SIMILARITY, maxCompared = MAX_COMPARED_CLAIMS): Finding[] {
  const claims = input.annotations.filter((a): a is Claim => a.kind === 'claim' && a.target !== null);
  // Claims with the same words are compared once (claims without words are never alike).
  const distinct = new Map<string, number>();
  const sets: Int32Array[] = [];
  const claimsOf: number[][] = [];
  rankedWordSets(claims).forEach((set, i) => {
    const key = set.length === 0 ? `empty:${i}` : set.join(',');
    let at = distinct.get(key);
    if (at === undefined) {
      distinct.set(key, (at = sets.length));
      sets.push(set);
      claimsOf.push([]);
    }
    claimsOf[at]?.push(i);
  });
  const findings: Finding[] = [];
  for (const members of similarGroups(sets, threshold, maxCompared).values()) {
    const group = members.flatMap((d) => claimsOf[d] ?? []).sort((x, y) => x - y).map((i) => claims[i]).filter((c): c is Claim => c !== undefined);
    const documents = new Set(group.map((c) => c.documentId));
    if (documents.size < 2) continue;
    findings.push({
      key: findingKey('claims', group.map((c) => c.id)),
      rule: 'claims',
      summary: `The same claim appears in ${documents.size} documents: “${(group[0]?.target?.exact ?? '').slice(0, 80)}”.`,
      suggestedCategory: 'unsourced',
      evidence: group.map((c) => evidenceOf(input, c, c.attributes.status)),
      dismissed: false,
    });
  }
  return findings;
}

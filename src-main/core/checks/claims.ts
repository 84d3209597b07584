// Claims repeated: near-identical claim sentences (content-word sets with Jaccard ≥ 0.8) in several documents, grouped.
import type { Finding } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import { contentWords, evidenceOf, findingKey, type CheckInput } from './evidence';

export const CLAIM_SIMILARITY = 0.8;

function jaccard(a: readonly string[], b: ReadonlySet<string>): number {
  const common = a.filter((w) => b.has(w)).length;
  return common / (a.length + b.size - common);
}

/**
 * Groups of claims in two or more documents whose word sets are at least CLAIM_SIMILARITY alike (joined through any
 * alike pair). Candidates are found by prefix filtering: with words in rarest-first order, two sets that alike must
 * share one of the first |A| − ⌈0.8·|A|⌉ + 1 words of either.
 */
export function repeatedClaims(input: CheckInput, threshold = CLAIM_SIMILARITY): Finding[] {
  const claims = input.annotations.filter((a): a is Annotation & { kind: 'claim' } => a.kind === 'claim' && a.target !== null);
  const words = claims.map((c) => [...new Set(contentWords(c.target?.exact ?? ''))]);
  const frequency = new Map<string, number>();
  for (const set of words) for (const w of set) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const ordered = words.map((set) => [...set].sort((x, y) => (frequency.get(x) ?? 0) - (frequency.get(y) ?? 0) || (x < y ? -1 : 1)));
  const parent = claims.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] ?? i)));
  const index = new Map<string, number[]>();
  ordered.forEach((set, i) => {
    if (set.length === 0) return;
    const prefix = set.slice(0, set.length - Math.ceil(threshold * set.length) + 1);
    const candidates = new Set(prefix.flatMap((w) => index.get(w) ?? []));
    const mine = new Set(set);
    for (const j of candidates) if (jaccard(ordered[j] ?? [], mine) >= threshold) parent[root(j)] = root(i);
    for (const w of prefix) index.set(w, [...(index.get(w) ?? []), i]);
  });
  const groups = new Map<number, number[]>();
  claims.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  const findings: Finding[] = [];
  for (const members of groups.values()) {
    const group = members.map((i) => claims[i]).filter((c): c is Annotation & { kind: 'claim' } => c !== undefined);
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

// Checks that the repeated-claims grouping finds exactly the groups of comparing every pair below its cap on comparisons,
// and past the cap only splits those groups (never joins unlike claims) while claims with the same words still group.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-shared/model/annotation';
import { CLAIM_SIMILARITY, MAX_COMPARED_CLAIMS, repeatedClaims } from './claims';
import { contentWords, type CheckInput } from './evidence';

const VOCABULARY = ['troops', 'border', 'talks', 'envoy', 'Kyiv', 'Moscow', 'billion', 'grain', 'drones', 'winter'];

function input(claims: readonly { document: number; words: readonly string[] }[]): CheckInput {
  const annotations = claims.map((c, i) => ({
    id: `claim-${i}`,
    documentId: `doc-${c.document}`,
    kind: 'claim',
    attributes: { status: 'unverified' },
    target: { start: 0, end: 1, exact: c.words.join(' ') },
  })) as unknown as Annotation[];
  return { documents: new Map(), annotations, actorNames: new Map() };
}

/** The groups of every pair compared, joined transitively, kept when they span two documents. */
function bruteForce(data: CheckInput): string[][] {
  const sets = data.annotations.map((a) => new Set(contentWords(a.target?.exact ?? '')));
  const parent = sets.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : root(parent[i] ?? i));
  sets.forEach((a, i) => sets.forEach((b, j) => {
    if (j >= i || a.size === 0 || b.size === 0) return;
    const common = [...a].filter((w) => b.has(w)).length;
    if (common / (a.size + b.size - common) >= CLAIM_SIMILARITY) parent[root(j)] = root(i);
  }));
  const groups = new Map<number, number[]>();
  sets.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  return [...groups.values()]
    .filter((g) => new Set(g.map((i) => data.annotations[i]?.documentId)).size >= 2)
    .map((g) => g.map((i) => data.annotations[i]?.id ?? '').sort())
    .sort();
}

const claim = fc.record({ document: fc.integer({ min: 0, max: 3 }), words: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 9 }) });

/** The groups' claim ids, each group sorted. */
const groupsOf = (data: CheckInput, maxCompared?: number) =>
  repeatedClaims(data, CLAIM_SIMILARITY, maxCompared).map((f) => f.evidence.map((e) => e.annotationId as string).sort()).sort();

describe('repeatedClaims', () => {
  it('groups exactly the claims that comparing every pair groups, when no claim has more candidates than the cap', () => {
    expect(MAX_COMPARED_CLAIMS).toBeGreaterThan(40);
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 40 }), (claims) => {
        const data = input(claims);
        const found = repeatedClaims(data).map((f) => f.evidence.map((e) => e.annotationId as string).sort()).sort();
        expect(found).toEqual(bruteForce(data));
      }),
      { numRuns: 300 },
    );
  });

  it('past the cap, only splits the groups of comparing every pair, and still groups claims with the same words', () => {
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 40 }), fc.integer({ min: 0, max: 5 }), (claims, cap) => {
        const data = input(claims);
        const exact = bruteForce(data);
        const groupOf = new Map(exact.flatMap((group, g) => group.map((id) => [id, g] as const)));
        for (const group of groupsOf(data, cap)) {
          const within = new Set(group.map((id) => groupOf.get(id)));
          expect(within.size === 1 && !within.has(undefined)).toBe(true);
        }
        // Claims with the same words in two documents are grouped even with no comparison at all.
        const byWords = new Map<string, Set<number>>();
        claims.forEach((c) => {
          const key = [...new Set(contentWords(c.words.join(' ')))].sort().join(' ');
          if (key !== '') byWords.set(key, (byWords.get(key) ?? new Set()).add(c.document));
        });
        expect(groupsOf(data, 0).length).toBe([...byWords.values()].filter((documents) => documents.size >= 2).length);
      }),
      { numRuns: 300 },
    );
  });
});

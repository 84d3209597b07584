// Comparing two analysts' tags for review: each kind of difference, pairing rules (ties broken as agreement's matching breaks them), and the indexed pairing against a quadratic reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlapSpanMatch } from '../agreement/spans';
import type { Annotation } from '../model/annotation';
import { compareAnnotationSets, type Difference } from './differences';

let n = 0;
function tag(kind: Annotation['kind'], start: number | null, end: number | null, attributes: Record<string, unknown> = {}): Annotation {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id, documentId: 'd', kind, note: '', analystId: 'x', createdAt: '', updatedAt: '', deletedAt: null,
    target: start === null || end === null ? null : { start, end, exact: '', prefix: '', suffix: '' },
    attributes: { status: 'unverified', claimantId: null, ...attributes },
  } as unknown as Annotation;
}

describe('comparing two analysts’ tags', () => {
  it('finds every kind of difference, in text order', () => {
    const a = [tag('claim', 0, 10), tag('claim', 20, 30), tag('actor', 40, 45), tag('figure', 50, 60), tag('claim', 70, 80), tag('reliability_warning', null, null)];
    const b = [tag('claim', 0, 10), tag('claim', 20, 30, { status: 'false' }), tag('figure', 40, 45), tag('figure', 52, 63), tag('actor', 90, 95)];
    const diffs = compareAnnotationSets(a, b);
    expect(diffs.map((d) => [d.type, d.start, d.end])).toEqual([
      ['only_a', null, null],
      ['agreed', 0, 10],
      ['different_attributes', 20, 30],
      ['different_kind', 40, 45],
      ['overlap', 50, 63],
      ['only_a', 70, 80],
      ['only_b', 90, 95],
    ]);
    const all = diffs.flatMap((d) => [...d.a, ...d.b]);
    expect(new Set(all).size).toBe(a.length + b.length);
  });

  it('gives the same keys when computed again, and ignores deleted tags', () => {
    const a = [tag('claim', 0, 10)];
    const b = [tag('claim', 0, 10), { ...tag('actor', 20, 25), deletedAt: 'x' } as Annotation];
    const first = compareAnnotationSets(a, b);
    expect(compareAnnotationSets(a, b).map((d) => d.key)).toEqual(first.map((d) => d.key));
    expect(first).toHaveLength(1);
  });

  it('pairs overlapping tags one to one by the largest overlap, same kind first', () => {
    const a = [tag('claim', 0, 20)];
    const b = [tag('actor', 0, 20 - 1), tag('claim', 5, 25)];
    const diffs = compareAnnotationSets(a, b);
    expect(diffs.find((d) => d.type === 'overlap')?.b).toEqual([b[1]?.id]);
    expect(diffs.find((d) => d.type === 'only_b')?.b).toEqual([b[0]?.id]);
    expect(diffs).toHaveLength(2);
  });

  it('breaks a tie of overlap as agreement’s matching does: the smaller boundary shift wins', () => {
    const a = [tag('claim', 0, 10)];
    const b = [tag('claim', 2, 12), tag('claim', 0, 8)];
    const spans = (list: readonly Annotation[]) => list.map((t) => ({ start: t.target!.start, end: t.target!.end, kind: t.kind }));
    expect(overlapSpanMatch(spans(a), spans(b)).pairs).toEqual([[0, 1]]);
    const diffs = compareAnnotationSets(a, b);
    expect(diffs.find((d) => d.type === 'overlap')?.b).toEqual([b[1]?.id]);
    expect(diffs.find((d) => d.type === 'only_b')?.b).toEqual([b[0]?.id]);
  });

  it('pairs a figure with the other analyst’s overlapping figure before a warning on exactly its passage', () => {
    const a = [tag('figure', 10, 22)];
    const b = [tag('reliability_warning', 10, 22), tag('figure', 10, 25)];
    const diffs = compareAnnotationSets(a, b);
    expect(diffs.find((d) => d.type === 'overlap')?.b).toEqual([b[1]?.id]);
    expect(diffs.find((d) => d.type === 'only_b')?.b).toEqual([b[0]?.id]);
  });

  it('pairs exactly as comparing every tag of A with every tag of B would, on random sets', () => {
    /** The plain quadratic pairing: what the indexed one must reproduce. */
    function reference(setA: readonly Annotation[], setB: readonly Annotation[]): { type: string; a: string[]; b: string[] }[] {
      const a = setA.filter((t) => t.target);
      const b = setB.filter((t) => t.target);
      const out: { type: string; a: string[]; b: string[] }[] = [];
      const exact = (sameKind: boolean) => {
        for (const x of [...a]) {
          const y = b.find((t) => t.target?.start === x.target?.start && t.target?.end === x.target?.end && (t.kind === x.kind) === sameKind);
          if (!y) continue;
          a.splice(a.indexOf(x), 1);
          b.splice(b.indexOf(y), 1);
          const same = JSON.stringify(x.attributes) === JSON.stringify(y.attributes);
          out.push({ type: sameKind ? (same ? 'agreed' : 'different_attributes') : 'different_kind', a: [x.id], b: [y.id] });
        }
      };
      const overlapping = (sameKind: boolean) => {
        const candidates = a.flatMap((x, i) =>
          b.flatMap((y, j) => {
            const length = Math.min(x.target!.end, y.target!.end) - Math.max(x.target!.start, y.target!.start);
            const shift = Math.abs(x.target!.start - y.target!.start) + Math.abs(x.target!.end - y.target!.end);
            return length > 0 && (!sameKind || x.kind === y.kind) ? [{ x, y, i, j, length, shift }] : [];
          }),
        );
        candidates.sort((p, q) => q.length - p.length || p.shift - q.shift || p.i - q.i || p.j - q.j);
        const used = new Set<string>();
        for (const { x, y } of candidates) {
          if (used.has(x.id) || used.has(y.id)) continue;
          used.add(x.id);
          used.add(y.id);
          out.push({ type: 'overlap', a: [x.id], b: [y.id] });
        }
        a.splice(0, a.length, ...a.filter((t) => !used.has(t.id)));
        b.splice(0, b.length, ...b.filter((t) => !used.has(t.id)));
      };
      exact(true);
      overlapping(true);
      exact(false);
      overlapping(false);
      for (const t of a) out.push({ type: 'only_a', a: [t.id], b: [] });
      for (const t of b) out.push({ type: 'only_b', a: [], b: [t.id] });
      return out;
    }
    const kinds = ['claim', 'actor', 'figure', 'reliability_warning'] as const;
    const spans = fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 15 }), fc.constantFrom(...kinds), fc.constantFrom('unverified', 'disputed')), { maxLength: 25 });
    const summary = (ds: readonly { type: string; a: readonly string[]; b: readonly string[] }[]) =>
      ds.map((d) => `${d.type}:${d.a.join()}|${d.b.join()}`).sort();
    fc.assert(
      fc.property(spans, spans, (rawA, rawB) => {
        const make = (raw: typeof rawA) => raw.map(([start, length, kind, status]) => tag(kind, start, start + length, { status }));
        const a = make(rawA);
        const b = make(rawB);
        const found: Difference[] = compareAnnotationSets(a, b);
        expect(summary(found)).toEqual(summary(reference(a, b)));
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import { compareAnnotationSets } from './differences';

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
});

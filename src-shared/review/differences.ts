// Comparing two analysts' tags on one document: which agree, which differ in kind, attributes or boundaries, which are one-sided.
import { overlapSpanMatch } from '../agreement/spans';
import type { Annotation } from '../model/annotation';

export type DifferenceType = 'agreed' | 'only_a' | 'only_b' | 'different_kind' | 'different_attributes' | 'overlap';

export const DIFFERENCE_LABELS: Readonly<Record<DifferenceType, string>> = {
  agreed: 'Agreed: same passage and kind',
  only_a: 'Only in A',
  only_b: 'Only in B',
  different_kind: 'Same passage, different kind',
  different_attributes: 'Same passage and kind, different attributes',
  overlap: 'Overlapping, different boundaries',
};

/** One place where the two sets agree or differ: the tags of A and of B involved, and the span they cover. */
export interface Difference {
  /** Stable across recomputation: the type and the ids of the tags involved. */
  key: string;
  type: DifferenceType;
  /** UTF-16 span covering the tags involved; null for document-level warnings. */
  start: number | null;
  end: number | null;
  a: string[];
  b: string[];
}

function sameAttributes(x: Annotation, y: Annotation): boolean {
  return JSON.stringify(x.attributes) === JSON.stringify(y.attributes);
}

function difference(type: DifferenceType, a: readonly Annotation[], b: readonly Annotation[]): Difference {
  const spans = [...a, ...b].map((t) => t.target).filter((t) => t !== null);
  const ids = (list: readonly Annotation[]) => list.map((t) => t.id).sort();
  return {
    key: `${type}:${ids(a).join(',')}|${ids(b).join(',')}`,
    type,
    start: spans.length ? Math.min(...spans.map((t) => t.start)) : null,
    end: spans.length ? Math.max(...spans.map((t) => t.end)) : null,
    a: ids(a),
    b: ids(b),
  };
}

/** Pairs tags of exactly the same span: of the same kind (agreed or different attributes), or of different kinds. */
function pairExact(a: Annotation[], b: Annotation[], sameKind: boolean, out: Difference[]): void {
  const spanKey = (t: Annotation) => `${t.target?.start}:${t.target?.end}`;
  const bySpan = new Map<string, Annotation[]>();
  for (const y of b) {
    const list = bySpan.get(spanKey(y));
    if (list) list.push(y);
    else bySpan.set(spanKey(y), [y]);
  }
  const used = new Set<string>();
  for (const x of a) {
    const y = bySpan.get(spanKey(x))?.find((t) => !used.has(t.id) && (t.kind === x.kind) === sameKind);
    if (!y) continue;
    used.add(x.id);
    used.add(y.id);
    out.push(difference(sameKind ? (sameAttributes(x, y) ? 'agreed' : 'different_attributes') : 'different_kind', [x], [y]));
  }
  a.splice(0, a.length, ...a.filter((t) => !used.has(t.id)));
  b.splice(0, b.length, ...b.filter((t) => !used.has(t.id)));
}

/**
 * Pairs the remaining tags that overlap, one to one, with agreement's overlap matching (largest overlap first,
 * then the smaller boundary shift): of the same kind only, or of any kinds.
 */
function pairOverlapping(a: Annotation[], b: Annotation[], sameKind: boolean, out: Difference[]): void {
  const spans = (list: readonly Annotation[]) =>
    list.map((t) => ({ start: t.target?.start ?? 0, end: t.target?.end ?? 0, kind: sameKind ? t.kind : '' }));
  const used = new Set<string>();
  for (const [indexA, indexB] of overlapSpanMatch(spans(a), spans(b)).pairs) {
    const x = a[indexA] as Annotation;
    const y = b[indexB] as Annotation;
    used.add(x.id);
    used.add(y.id);
    out.push(difference('overlap', [x], [y]));
  }
  a.splice(0, a.length, ...a.filter((t) => !used.has(t.id)));
  b.splice(0, b.length, ...b.filter((t) => !used.has(t.id)));
}

/** Every agreement and difference between the live tags of A and of B on one document, in text order. */
export function compareAnnotationSets(setA: readonly Annotation[], setB: readonly Annotation[]): Difference[] {
  const live = (list: readonly Annotation[]) => list.filter((t) => t.deletedAt === null);
  const a = live(setA);
  const b = live(setB);
  const out: Difference[] = [];
  // Whole-document warnings: agreed when both made one, otherwise one-sided.
  const wholeA = a.filter((t) => t.target === null);
  const wholeB = b.filter((t) => t.target === null);
  const pairs = Math.min(wholeA.length, wholeB.length);
  for (let i = 0; i < pairs; i++) out.push(difference(sameAttributes(wholeA[i] as Annotation, wholeB[i] as Annotation) ? 'agreed' : 'different_attributes', [wholeA[i] as Annotation], [wholeB[i] as Annotation]));
  for (const t of wholeA.slice(pairs)) out.push(difference('only_a', [t], []));
  for (const t of wholeB.slice(pairs)) out.push(difference('only_b', [], [t]));

  const spanA = a.filter((t) => t.target !== null);
  const spanB = b.filter((t) => t.target !== null);
  // Same kind before different kinds: a figure pairs with the other analyst's overlapping figure, not with a
  // warning on exactly its passage.
  pairExact(spanA, spanB, true, out);
  pairOverlapping(spanA, spanB, true, out);
  pairExact(spanA, spanB, false, out);
  pairOverlapping(spanA, spanB, false, out);
  for (const t of spanA) out.push(difference('only_a', [t], []));
  for (const t of spanB) out.push(difference('only_b', [], [t]));
  return out.sort((p, q) => (p.start ?? -1) - (q.start ?? -1) || (p.end ?? -1) - (q.end ?? -1) || p.key.localeCompare(q.key));
}

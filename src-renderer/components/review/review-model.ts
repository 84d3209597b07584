// Review mode (renderer): pure helpers — difference symbols, tags' review status, navigation and figure formatting.
import type { Analyst, ResponseOf } from '../../../src-shared/api/contract';
import type { Actor } from '../../../src-shared/model/actor';
import { KIND_LABELS, type Annotation, type ReviewStatus } from '../../../src-shared/model/annotation';
import { DIFFERENCE_LABELS, type DifferenceType } from '../../../src-shared/review/differences';

export type Difference = ResponseOf<'review.compare'>['differences'][number];
export type Decision = 'accept_a' | 'accept_b' | 'accept_both' | 'reject_both';
export { DIFFERENCE_LABELS };

/** The mark of each difference type: a symbol, so that colour is never the only cue. */
export const DIFFERENCE_SYMBOLS: Readonly<Record<DifferenceType, string>> = {
  agreed: '✓',
  only_a: '◀',
  only_b: '▶',
  different_kind: '≠',
  different_attributes: '≈',
  overlap: '∩',
};

/** Legend order, and the short words a marker stands for. */
export const DIFFERENCE_ORDER: readonly DifferenceType[] = ['agreed', 'only_a', 'only_b', 'different_kind', 'different_attributes', 'overlap'];
export const SHORT_DIFFERENCE_LABELS: Readonly<Record<DifferenceType, string>> = {
  agreed: 'Agreed',
  only_a: 'Only in A',
  only_b: 'Only in B',
  different_kind: 'Different kind',
  different_attributes: 'Different attributes',
  overlap: 'Overlapping boundaries',
};

export const DECISION_LABELS: Readonly<Record<Decision, string>> = {
  accept_a: 'Keep A',
  accept_b: 'Keep B',
  accept_both: 'Keep both',
  reject_both: 'Keep neither',
};

/** A tag's review status; a tag nobody has decided on yet is pending. */
export function statusOf(tag: Annotation | undefined): ReviewStatus {
  return tag?.review?.status ?? 'pending';
}

/** True while any tag of the difference waits for a decision. */
export function isUndecided(difference: Difference, byId: ReadonlyMap<string, Annotation>): boolean {
  return [...difference.a, ...difference.b].some((id) => statusOf(byId.get(id)) === 'pending');
}

/** The next undecided difference after `fromKey` (wrapping around), or null when every one is decided. */
export function nextUndecided(differences: readonly Difference[], fromKey: string | null, byId: ReadonlyMap<string, Annotation>): string | null {
  const start = differences.findIndex((d) => d.key === fromKey);
  for (let step = 1; step <= differences.length; step++) {
    const candidate = differences[(start + step + differences.length) % differences.length];
    if (candidate && isUndecided(candidate, byId)) return candidate.key;
  }
  return null;
}

/** The key `delta` places away from `key` (clamped to the list), or the first one when `key` is not listed. */
export function stepKey(differences: readonly Difference[], key: string | null, delta: 1 | -1): string | null {
  const at = differences.findIndex((d) => d.key === key);
  if (at === -1) return differences[0]?.key ?? null;
  return differences[Math.min(differences.length - 1, Math.max(0, at + delta))]?.key ?? null;
}

/** The first two analysts (in project order) with tags among `annotations`, filled up from the rest. */
export function defaultPair(analysts: readonly Analyst[], annotations: readonly Annotation[]): [string, string] | null {
  const tagging = new Set(annotations.filter((t) => t.deletedAt === null).map((t) => t.analystId));
  const ordered = [...analysts.filter((a) => tagging.has(a.id)), ...analysts.filter((a) => !tagging.has(a.id))];
  const [first, second] = ordered;
  return first && second ? [first.id, second.id] : null;
}

export function quoteOf(tag: Annotation): string {
  return tag.target ? `“${tag.target.exact}”` : 'Whole document';
}

export function kindLabel(tag: Annotation): string {
  return KIND_LABELS[tag.kind];
}

function attributeValue(key: string, value: unknown, actors: ReadonlyMap<string, Actor>): string {
  if (value === null || value === undefined || value === '') return 'none';
  if ((key === 'claimantId' || key === 'actorId') && typeof value === 'string') return actors.get(value)?.name ?? 'unknown actor';
  return String(value).replace(/_/g, ' ');
}

const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = { claimantId: 'claimant', actorId: 'actor' };

/** The attributes on which two tags of the same kind differ, as "name: A's value → B's value" lines. */
export function attributeChanges(a: Annotation, b: Annotation, actors: ReadonlyMap<string, Actor>): string[] {
  if (a.kind !== b.kind) return [];
  const left = a.attributes as Readonly<Record<string, unknown>>;
  const right = b.attributes as Readonly<Record<string, unknown>>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return keys
    .filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key]))
    .map((key) => `${ATTRIBUTE_NAMES[key] ?? key}: ${attributeValue(key, left[key], actors)} → ${attributeValue(key, right[key], actors)}`);
}

/** An agreement figure to three decimals; "—" when it is undefined. */
export function formatFigure(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(3);
}

/**
 * The mark of every tag involved in a difference, by annotation id: its difference type, drawn by the panes as
 * the type's symbol before the tag's first character (review.css gives each type its symbol and colours).
 */
export function differenceMarks(differences: readonly Difference[]): Map<string, DifferenceType> {
  const marks = new Map<string, DifferenceType>();
  for (const difference of differences) for (const id of [...difference.a, ...difference.b]) marks.set(id, difference.type);
  return marks;
}

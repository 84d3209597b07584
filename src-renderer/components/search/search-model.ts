// What the search panel says and lists, as plain functions: the hits' rows and snippets, counts and tag-all sentences.
import type { ResponseOf, SearchHit } from '../../../src-shared/api/contract';
import type { Actor } from '../../../src-shared/model/actor';
import { WARNING_CATEGORY_LABELS, type AnnotationKind, type ClaimStatus, type WarningCategory, type WarningSeverity } from '../../../src-shared/model/annotation';
import type { TagAllAttributes } from '../../hooks/use-search';
import { KIND_LABELS } from '../kinds';

/** "12 hits in 4 documents", "No hits", with a word when more hits exist than are listed. */
export function hitSummary(hits: number, documents: number, truncated: boolean, project: boolean): string {
  if (hits === 0) return 'No hits';
  const count = `${hits.toLocaleString('en')}${truncated ? '+' : ''} ${hits === 1 && !truncated ? 'hit' : 'hits'}`;
  const where = project ? ` in ${documents.toLocaleString('en')} ${documents === 1 ? 'document' : 'documents'}` : '';
  return `${count}${where}${truncated ? ' (the first listed)' : ''}`;
}

export type Row = { type: 'document'; key: string; title: string; count: number } | { type: 'hit'; key: string; index: number };

/** The list's rows: in a project search a heading row before each document's hits (hits of a document come together). */
export function resultRows(hits: readonly SearchHit[], grouped: boolean): Row[] {
  const rows: Row[] = [];
  hits.forEach((hit, index) => {
    if (grouped && hits[index - 1]?.documentId !== hit.documentId) {
      let count = 0;
      while (hits[index + count]?.documentId === hit.documentId) count += 1;
      rows.push({ type: 'document', key: `d:${hit.documentId}`, title: hit.title, count });
    }
    rows.push({ type: 'hit', key: `h:${index}`, index });
  });
  return rows;
}

/** The snippet around a hit in three parts: before, the match, after. */
export function snippetParts(hit: SearchHit): [string, string, string] {
  const from = Math.max(0, hit.start - hit.snippetStart);
  const to = Math.max(from, Math.min(hit.snippet.length, hit.end - hit.snippetStart));
  return [hit.snippet.slice(0, from), hit.snippet.slice(from, to), hit.snippet.slice(to)];
}

export type Counts = ResponseOf<'search.tagAll'>;

export interface Choice {
  kind: AnnotationKind;
  actorId: string | null;
  status: ClaimStatus;
  severity: WarningSeverity;
  category: WarningCategory;
}

/** The attributes the new tags get for the chosen kind; a figure's are read from each hit's own text. */
export function attributesOf(choice: Choice): TagAllAttributes {
  switch (choice.kind) {
    case 'actor':
      return choice.actorId ? { actorId: choice.actorId } : undefined;
    case 'claim':
      return { status: choice.status };
    case 'reliability_warning':
      return { severity: choice.severity, category: choice.category };
    case 'figure':
      return undefined;
  }
}

/** "actor Kyrylo Budanov", "claim (disputed)", "reliability warning (high, Factual error)", "figure". */
export function taggingDescription(choice: Choice, actors: readonly Actor[]): string {
  const kind = KIND_LABELS[choice.kind].toLowerCase();
  if (choice.kind === 'actor') {
    const actor = actors.find((a) => a.id === choice.actorId);
    return actor ? `${kind} ${actor.name}` : `${kind} (no actor linked)`;
  }
  if (choice.kind === 'claim') return `${kind} (${choice.status})`;
  if (choice.kind === 'reliability_warning') return `${kind} (${choice.severity}, ${WARNING_CATEGORY_LABELS[choice.category]})`;
  return kind;
}

export const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The preview question, e.g. "Tag 12 hits in 4 documents as actor Kyrylo Budanov? 3 already tagged so are skipped." */
export function previewSentence(counts: Counts, what: string): string {
  const skipped = counts.skipped > 0 ? ` ${plural(counts.skipped, 'hit is', 'hits are')} already tagged so and ${counts.skipped === 1 ? 'is' : 'are'} skipped.` : '';
  if (counts.tagged === 0) return `Nothing to tag as ${what}:${skipped || ' no hits.'}`;
  return `Tag ${plural(counts.tagged, 'hit', 'hits')} in ${plural(counts.documentCount, 'document', 'documents')} as ${what}?${skipped}`;
}

/** What is said once the tags are written. */
export function doneSentence(counts: Counts, what: string): string {
  const skipped = counts.skipped > 0 ? `; ${plural(counts.skipped, 'hit', 'hits')} already tagged so ${counts.skipped === 1 ? 'was' : 'were'} skipped` : '';
  return `Tagged ${plural(counts.tagged, 'hit', 'hits')} in ${plural(counts.documentCount, 'document', 'documents')} as ${what}${skipped}. Undo takes them all back.`;
}


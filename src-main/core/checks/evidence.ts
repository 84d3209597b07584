// What the cross-document rules read (live tags with their documents' texts) and what they report (findings).
import { createHash } from 'node:crypto';
import type { Finding, FindingEvidence } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import { foldWord } from '../search/tokens';

export interface CheckDocument {
  id: string;
  title: string;
  publishedAt: string | null;
  text: string;
}

export interface CheckInput {
  documents: ReadonlyMap<string, CheckDocument>;
  /** Live tags with a passage. */
  annotations: readonly Annotation[];
  /** Registry actor id → every name and alias. */
  actorNames: ReadonlyMap<string, readonly string[]>;
}

/** Words too common to tell two passages apart. */
const STOP_WORDS = new Set(
  'the a an and or of to in on at for by with from as is are was were be been that this these those it its their his her he she they we you i up over than more most not no also but if into about after before which who whom what said says will would could can may has have had'.split(' '),
);

/** The folded words of `text` that carry meaning: letters only, no stop words. */
export function contentWords(text: string): string[] {
  return (text.match(/\p{L}[\p{L}\p{M}'’]*/gu) ?? []).map((w) => foldWord(w.replace(/['’]s$/u, ''))).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/** A finding's stable key: its rule and the tags it rests on, so a dismissal holds while the evidence is the same. */
export function findingKey(rule: Finding['rule'], annotationIds: readonly string[]): string {
  return `${rule}:${createHash('sha256').update([...annotationIds].sort().join(',')).digest('hex').slice(0, 32)}`;
}

/** A tag as evidence: its document, offsets and quote, and what the rule read in it. */
export function evidenceOf(input: CheckInput, annotation: Annotation, detail: string): FindingEvidence {
  const document = input.documents.get(annotation.documentId);
  return {
    annotationId: annotation.id,
    documentId: annotation.documentId,
    title: document?.title ?? '',
    publishedAt: document?.publishedAt ?? null,
    start: annotation.target?.start ?? 0,
    end: annotation.target?.end ?? 0,
    quote: annotation.target?.exact ?? '',
    detail,
  };
}

// What every exporter looks up in an ExportSnapshot (main process, pure): documents, actor and analyst names, tag order.
import type { Annotation } from '../../../src-shared/model/annotation';
import { isSurrogatePairAt } from '../../../src-shared/text/quote';
import type { Document } from '../../../src-shared/model/document';
import type { ExportSnapshot } from './types';

export interface SnapshotIndex {
  /** The document a tag belongs to; throws when the snapshot lacks it (a snapshot is built whole, so that is a bug). */
  documentOf(annotation: Annotation): Document;
  /** The registry name of an actor (deleted actors included), or null when unset or unknown. */
  actorName(actorId: string | null): string | null;
  /** The analyst's display name, or null when the snapshot does not know them. */
  analystName(analystId: string): string | null;
  /** UTF-16 → code point conversion for a document's text, built once per document. */
  codePointsOf(document: Document): CodePointOffsets;
}

/** The registry and analyst names of a snapshot, looked up by every document's index. */
export type SnapshotNames = Pick<SnapshotIndex, 'actorName' | 'analystName'>;

export function namesOf(snapshot: Pick<ExportSnapshot, 'actors' | 'analysts'>): SnapshotNames {
  const actors = new Map(snapshot.actors.map((a) => [a.id as string, a.name]));
  const analysts = new Map(snapshot.analysts.map((a) => [a.id as string, a.name]));
  return {
    actorName: (actorId) => (actorId === null ? null : (actors.get(actorId) ?? null)),
    analystName: (analystId) => analysts.get(analystId) ?? null,
  };
}

/** An index of `snapshot`'s documents; a streaming export indexes one document at a time with the names built once. */
export function indexSnapshot(
  snapshot: Pick<ExportSnapshot, 'documents' | 'actors' | 'analysts'>,
  names: SnapshotNames = namesOf(snapshot),
): SnapshotIndex {
  const documents = new Map(snapshot.documents.map((d) => [d.id as string, d]));
  const converters = new Map<string, CodePointOffsets>();
  return {
    documentOf(annotation) {
      const document = documents.get(annotation.documentId);
      if (!document) throw new Error(`Tag ${annotation.id} belongs to document ${annotation.documentId}, which the export snapshot lacks.`);
      return document;
    },
    actorName: names.actorName,
    analystName: names.analystName,
    codePointsOf(document) {
      let converter = converters.get(document.id);
      if (!converter) {
        converter = codePointOffsetsOf(document.text);
        converters.set(document.id, converter);
      }
      return converter;
    },
  };
}

/** A tag's review decision as exports name it: accepted, rejected, or undecided (never reviewed, or pending). */
export function reviewStatusOf(annotation: Annotation): 'accepted' | 'rejected' | 'undecided' {
  const status = annotation.review?.status;
  return status === 'accepted' || status === 'rejected' ? status : 'undecided';
}

/** The order of one document's tags in every export: document-level tags first, then by start and end offset, then creation time and id. */
export function exportOrder(a: Annotation, b: Annotation): number {
  return (
    (a.target?.start ?? -1) - (b.target?.start ?? -1) ||
    (a.target?.end ?? -1) - (b.target?.end ?? -1) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** The snapshot's tags in the order every export writes them: by document (snapshot order), then `exportOrder`, so the output is deterministic. */
export function annotationsInExportOrder(snapshot: ExportSnapshot, options: { includeDeleted: boolean }): Annotation[] {
  const documentRank = new Map(snapshot.documents.map((d, i) => [d.id as string, i]));
  const rank = (a: Annotation): number => documentRank.get(a.documentId) ?? Number.MAX_SAFE_INTEGER;
  return snapshot.annotations
    .filter((a) => options.includeDeleted || a.deletedAt === null)
    .toSorted((a, b) => rank(a) - rank(b) || exportOrder(a, b));
}

/** Converts UTF-16 offsets of one text into Unicode code point offsets (what W3C, brat and REFI-QDA count). */
export type CodePointOffsets = (utf16: number) => number;

/**
 * A converter for `text` that answers in constant time: a text without astral characters needs no table;
 * otherwise one table of text.length + 1 entries replaces a scan from the start for every tag.
 */
export function codePointOffsetsOf(text: string): CodePointOffsets {
  if (!/[\uD800-\uDFFF]/.test(text)) return (utf16) => utf16;
  const table = new Uint32Array(text.length + 1);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = count;
    // The low half of a pair shares its high half's count: an offset inside a pair is not a boundary anyway.
    if (isSurrogatePairAt(text, i)) table[++i] = count;
    count++;
  }
  table[text.length] = count;
  return (utf16) => {
    const value = table[utf16];
    if (value === undefined) throw new RangeError(`Offset ${utf16} lies outside the text (0–${text.length}).`);
    return value;
  };
}

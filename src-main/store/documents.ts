// Imported documents: insert once, read by id or hash, list with tag counts; their details edited and their removal
// recorded as a tombstone (a removed document and its tags are hidden everywhere). The text is never changed or deleted.
import type { Block, Document, DocumentMeta, DocumentRecord } from '../../src-shared/model/document';
import type { ChangeId, DocumentId } from '../../src-shared/model/ids';
import type { AnnotationKind } from '../../src-shared/model/annotation';
import type { Db } from './open-project';
import { indexDocument } from './search-index';
import { LIST_ORDER } from './document-index';
import { statement } from './statements';

const META_COLUMNS = `id, title, author, outlet, published_at AS publishedAt, original_name AS originalName, format,
  source_encoding AS sourceEncoding, sha256, length(text) AS length, source_sha256 AS sourceSha256, imported_at AS importedAt, imported_by AS importedBy`;

export function insertDocument(db: Db, document: Document): void {
  statement(db, 
    `INSERT INTO documents (id, sha256, title, author, outlet, published_at, original_name, format, source_encoding, text, blocks, imported_at, imported_by, source_sha256)
     VALUES (@id, @sha256, @title, @author, @outlet, @publishedAt, @originalName, @format, @sourceEncoding, @text, @blocks, @importedAt, @importedBy, @sourceSha256)`,
  ).run({ ...document, blocks: JSON.stringify(document.blocks), sourceSha256: document.sourceSha256 ?? null });
  indexDocument(db, document.id, document.text);
}

/** The SQL condition "`column` names a document that was not removed": tags of a removed document are hidden with it. */
export function onLiveDocument(column = 'document_id'): string {
  return `${column} IN (SELECT id FROM documents WHERE deleted_at IS NULL)`;
}

/** onLiveDocument for a document's key (annotation_rows.document_key): the few removed documents found by their index. */
export function onLiveDocumentKey(column = 'document_key'): string {
  return `${column} NOT IN (SELECT k.key FROM documents d JOIN document_keys k ON k.id = d.id WHERE d.deleted_at IS NOT NULL)`;
}

/** The document imported from a file with these bytes (SHA-256 of the file), if any. */
export function documentMetaBySourceSha256(db: Db, sourceSha256: string): DocumentMeta | undefined {
  return statement(db, `SELECT ${META_COLUMNS} FROM documents WHERE source_sha256 = ? AND deleted_at IS NULL ORDER BY imported_at LIMIT 1`).get(sourceSha256) as
    | DocumentMeta
    | undefined;
}

/** The document with this text, removed or not (a text is in a project once), and whether it was removed. */
export function documentMetaBySha256(db: Db, sha256: string): (DocumentMeta & { removed: boolean }) | undefined {
  const row = statement(db, `SELECT ${META_COLUMNS}, deleted_at IS NOT NULL AS removed FROM documents WHERE sha256 = ?`).get(sha256) as
    | (DocumentMeta & { removed: number })
    | undefined;
  if (!row) return undefined;
  const { removed, ...meta } = row;
  return { ...meta, removed: removed === 1 };
}

export function documentMetaById(db: Db, id: string): DocumentMeta | undefined {
  return statement(db, `SELECT ${META_COLUMNS} FROM documents WHERE id = ? AND deleted_at IS NULL`).get(id) as DocumentMeta | undefined;
}

export function documentById(db: Db, id: DocumentId): Document | undefined {
  const row = statement(db, `SELECT ${META_COLUMNS}, text, blocks FROM documents WHERE id = ? AND deleted_at IS NULL`).get(id) as
    | (DocumentMeta & { text: string; blocks: string })
    | undefined;
  if (!row) return undefined;
  return { ...row, blocks: JSON.parse(row.blocks) as Block[] };
}

/** The canonical text alone (of a document in the project), for anchoring tags without loading the blocks. */
export function documentText(db: Db, id: DocumentId): string | undefined {
  const row = statement(db, 'SELECT text FROM documents WHERE id = ? AND deleted_at IS NULL').pluck().get(id) as string | undefined;
  return row;
}

/** The texts `recentDocumentText` read last, per connection. */
const recentTexts = new WeakMap<Db, Map<string, { sha256: string; text: string }>>();
const RECENT_TEXTS = 4;

/**
 * `documentText`, remembered for the few documents read last: tagging in an article reads its text (a megabyte,
 * perhaps) once, not with every tag. The text is never changed; its hash and the document's being live are still
 * read every time, so a removed document is not found and a text that is not the one remembered is read again.
 */
export function recentDocumentText(db: Db, id: DocumentId): string | undefined {
  const sha256 = statement(db, 'SELECT sha256 FROM documents WHERE id = ? AND deleted_at IS NULL').pluck().get(id) as string | undefined;
  if (sha256 === undefined) return undefined;
  let recent = recentTexts.get(db);
  if (!recent) recentTexts.set(db, (recent = new Map()));
  let entry = recent.get(id);
  if (entry?.sha256 !== sha256) {
    const text = documentText(db, id);
    if (text === undefined) return undefined;
    entry = { sha256, text };
  }
  // Most recent last: the first key is the one to forget.
  recent.delete(id);
  recent.set(id, entry);
  for (const oldest of recent.keys()) {
    if (recent.size <= RECENT_TEXTS) break;
    recent.delete(oldest);
  }
  return entry.text;
}

/** The documents `ids` with every detail, in the order of `ids` (those not live left out). */
export function documentMetasByIds(db: Db, ids: readonly string[]): DocumentMeta[] {
  const metas = statement(db, `SELECT ${META_COLUMNS} FROM documents WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`).all(JSON.stringify(ids)) as DocumentMeta[];
  const byId = new Map(metas.map((meta) => [meta.id as string, meta]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every live document with every detail, in the list's order. */
export function allDocumentMetas(db: Db): DocumentMeta[] {
  return statement(db, `SELECT ${META_COLUMNS} FROM documents WHERE deleted_at IS NULL ORDER BY ${LIST_ORDER}`).all() as DocumentMeta[];
}

/**
 * Live (not deleted) tags per document and kind: of the documents `ids`, or of every document. Counted on the tags'
 * table by document key: through the view, SQLite would look up every tag's analyst and head too (it keeps a view's
 * unused joins in an aggregate query).
 */
export function tagCountsByDocument(db: Db, ids?: readonly string[]): Map<string, Record<AnnotationKind, number>> {
  const count = (where: string) =>
    `SELECT k.id AS documentId, t.kind, t.n FROM (
       SELECT document_key, kind, count(*) AS n FROM annotation_rows WHERE ${where} deleted_at IS NULL GROUP BY document_key, kind
     ) t JOIN document_keys k ON k.key = t.document_key`;
  const rows = (
    ids === undefined
      ? statement(db, count('')).all()
      : statement(db, count('document_key IN (SELECT key FROM document_keys WHERE id IN (SELECT value FROM json_each(?))) AND')).all(JSON.stringify(ids))
  ) as { documentId: string; kind: AnnotationKind; n: number }[];
  const counts = new Map<string, Record<AnnotationKind, number>>();
  for (const row of rows) {
    let entry = counts.get(row.documentId);
    if (!entry) {
      entry = { claim: 0, actor: 0, figure: 0, reliability_warning: 0 };
      counts.set(row.documentId, entry);
    }
    entry[row.kind] = row.n;
  }
  return counts;
}

export function documentCount(db: Db): number {
  return statement(db, 'SELECT count(*) FROM documents WHERE deleted_at IS NULL').pluck().get() as number;
}

export interface StoredDocumentRecord {
  record: DocumentRecord;
  /** The change-log entry of the current details; null while they are as imported. */
  headChangeId: ChangeId | null;
}

/** A document's editable record, removed or not; before its first edit, its details as imported. */
export function documentRecordById(db: Db, id: string): StoredDocumentRecord | undefined {
  const row = statement(
    db,
    `SELECT id, title, author, outlet, published_at AS publishedAt, coalesce(edited_by, imported_by) AS analystId,
       coalesce(edited_at, imported_at) AS updatedAt, deleted_at AS deletedAt, head_change_id AS headChangeId FROM documents WHERE id = ?`,
  ).get(id) as (DocumentRecord & { headChangeId: ChangeId | null }) | undefined;
  if (!row) return undefined;
  const { headChangeId, ...record } = row;
  return { record, headChangeId };
}

/** Writes a document's details and tombstone (never its text); `headChangeId` is the change that produced them. */
export function putDocumentRecord(db: Db, record: DocumentRecord, headChangeId: ChangeId): void {
  statement(
    db,
    `UPDATE documents SET title = @title, author = @author, outlet = @outlet, published_at = @publishedAt, edited_by = @analystId,
       edited_at = @updatedAt, deleted_at = @deletedAt, head_change_id = @headChangeId WHERE id = @id`,
  ).run({ ...record, headChangeId });
}

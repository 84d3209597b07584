// Annotation rows: read, list per document, and write a full snapshot (insert or replace by id).
import type { Annotation, AnnotationKind, TagSpan } from '../../src-shared/model/annotation';
import type { ChangeId, DocumentId } from '../../src-shared/model/ids';
import { onLiveDocument, onLiveDocumentKey } from './documents';
import type { Db } from './open-project';
import { statement } from './statements';

interface AnnotationRow {
  id: string;
  document_id: string;
  kind: AnnotationKind;
  start_offset: number | null;
  end_offset: number | null;
  exact: string | null;
  prefix: string | null;
  suffix: string | null;
  attributes: string;
  note: string;
  analyst_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  head_change_id: string;
  review: string | null;
}

const COLUMNS =
  'id, document_id, kind, start_offset, end_offset, exact, prefix, suffix, attributes, note, analyst_id, created_at, updated_at, deleted_at, head_change_id, review';

/** SQL of the analyst id of the annotation_rows row `t`. */
const ANALYST_ID = '(SELECT id FROM analyst_keys WHERE key = t.analyst_key)';

/**
 * The columns of the view `annotations` (COLUMNS) read from the annotation_rows row `t`, each id by a subquery.
 * Queries for one tag or one document's tags read the table so: through the view's joins, one run took several
 * times as long (a tag by id: 57–94 µs against about 12 µs, measured on 50,000 tags).
 */
const ROW_COLUMNS = `t.id, (SELECT id FROM document_keys WHERE key = t.document_key) AS document_id, t.kind, t.start_offset, t.end_offset,
  t.exact, t.prefix, t.suffix, t.attributes, t.note, ${ANALYST_ID} AS analyst_id, t.created_at, t.updated_at, t.deleted_at,
  (SELECT id FROM changes WHERE seq = t.head_seq) AS head_change_id, t.review`;

/** SQL: the row `t` is a tag of the document whose id is the parameter `id` (found by the index by document). */
const OF_DOCUMENT = (id = '?') => `t.document_key = (SELECT key FROM document_keys WHERE id = ${id})`;

function annotationFromRow(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    target:
      row.start_offset === null || row.end_offset === null
        ? null
        : { start: row.start_offset, end: row.end_offset, exact: row.exact ?? '', prefix: row.prefix ?? '', suffix: row.suffix ?? '' },
    attributes: JSON.parse(row.attributes),
    note: row.note,
    analystId: row.analyst_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    review: row.review === null ? null : JSON.parse(row.review),
  } as Annotation;
}

export interface StoredAnnotation {
  annotation: Annotation;
  headChangeId: ChangeId;
}

/** Whether the project has a tag (live or deleted) of this id: one probe of the index of ids, far cheaper than annotationById. */
export function hasAnnotation(db: Db, id: string): boolean {
  return statement(db, 'SELECT 1 FROM annotation_rows WHERE id = ?').get(id) !== undefined;
}

export function annotationById(db: Db, id: string): StoredAnnotation | undefined {
  const row = statement(db, `SELECT ${ROW_COLUMNS} FROM annotation_rows t WHERE t.id = ?`).get(id) as AnnotationRow | undefined;
  return row ? { annotation: annotationFromRow(row), headChangeId: row.head_change_id as ChangeId } : undefined;
}

export function annotationsForDocument(db: Db, documentId: DocumentId, includeDeleted: boolean): Annotation[] {
  const sql = includeDeleted
    ? `SELECT ${ROW_COLUMNS} FROM annotation_rows t WHERE ${OF_DOCUMENT()} ORDER BY t.start_offset, t.end_offset DESC, t.created_at`
    : `SELECT ${ROW_COLUMNS} FROM annotation_rows t WHERE ${OF_DOCUMENT()} AND t.deleted_at IS NULL ORDER BY t.start_offset, t.end_offset DESC, t.created_at`;
  return (statement(db, sql).all(documentId) as AnnotationRow[]).map(annotationFromRow);
}

/** A live tag as agreement reads it: who made it, its kind, and its offsets (both null for a tag on no passage). */
export interface TagSpanRow {
  analystId: string;
  kind: AnnotationKind;
  start: number | null;
  end: number | null;
}

/**
 * The live tags of one document with only what agreement needs, in order of start (tags on no passage first), the
 * longer first at one start: `annotationsForDocument`'s order but for tags on the same passage. Sorted here rather
 * than by SQLite, which would sort every document's rows in a temporary B-tree.
 */
export function liveTagSpansOfDocument(db: Db, documentId: DocumentId): TagSpanRow[] {
  const rows = statement(
    db,
    `SELECT ${ANALYST_ID} AS analystId, t.kind, t.start_offset AS start, t.end_offset AS "end" FROM annotation_rows t WHERE ${OF_DOCUMENT()} AND t.deleted_at IS NULL`,
  ).all(documentId) as TagSpanRow[];
  return rows.sort((x, y) => (x.start ?? -1) - (y.start ?? -1) || (y.end ?? -1) - (x.end ?? -1));
}

/** The analysts with a live tag on a passage of `documentId`, or of any document in the project when it is left out. */
export function analystsWithPassages(db: Db, documentId?: DocumentId): Set<string> {
  const ids = documentId
    ? statement(db, `SELECT DISTINCT ${ANALYST_ID} FROM annotation_rows t WHERE ${OF_DOCUMENT()} AND t.deleted_at IS NULL AND t.start_offset IS NOT NULL`).pluck().all(documentId)
    : statement(db, `SELECT DISTINCT analyst_id FROM annotations WHERE deleted_at IS NULL AND start_offset IS NOT NULL AND ${onLiveDocument()}`).pluck().all();
  return new Set(ids as string[]);
}

/** The live tags with a passage of a document, in the list's order, as TagSpans (read without parsing any JSON). */
export function tagSpansForDocument(db: Db, documentId: DocumentId): TagSpan[] {
  return statement(
    db,
    `SELECT t.id, t.kind, t.start_offset AS start, t.end_offset AS "end", ${ANALYST_ID} AS analystId, json_extract(t.review, '$.status') AS review
       FROM annotation_rows t WHERE ${OF_DOCUMENT()} AND t.deleted_at IS NULL AND t.start_offset IS NOT NULL
       ORDER BY t.start_offset, t.end_offset DESC, t.created_at`,
  ).all(documentId) as TagSpan[];
}

/**
 * The tags as stored since migration 130, with their ids, read from the tables alone (the view \`annotations\` reads
 * the same): for a file whose views are not to be run.
 */
export const STORED_ANNOTATIONS = `SELECT ${ROW_COLUMNS} FROM annotation_rows t`;

// Every tag (deleted ones too) of the documents in the project: a removed document's tags are left out with it. The
// documents are read in the order of their ids and each one's tags by the index: only a document's tags are sorted.
const ALL_ANNOTATIONS = `SELECT ${COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}
  FROM document_keys k CROSS JOIN annotations a ON a.document_id = k.id
  WHERE ${onLiveDocument('k.id')} ORDER BY k.id, a.start_offset, a.created_at`;

/** Every tag (deleted ones too) of the documents in the project; a removed document's tags are left out. */
export function allAnnotations(db: Db): Annotation[] {
  return (statement(db, ALL_ANNOTATIONS).all() as AnnotationRow[]).map(annotationFromRow);
}

/**
 * Every tag in `allAnnotations`' order, one row at a time, so a whole-project pass holds one tag. No other statement
 * may run on `db` until the iteration ends.
 */
export function* eachAnnotation(db: Db): Generator<Annotation> {
  for (const row of db.prepare(ALL_ANNOTATIONS).iterate() as Iterable<AnnotationRow>) yield annotationFromRow(row);
}

/** A live tag of this analyst with exactly this kind and span, if there is one. */
export function liveAnnotationWithSpan(db: Db, tag: { documentId: string; kind: AnnotationKind; start: number; end: number; analystId: string }): string | undefined {
  return statement(
    db,
    `SELECT t.id FROM annotation_rows t WHERE ${OF_DOCUMENT('@documentId')} AND t.start_offset = @start AND t.end_offset = @end AND t.kind = @kind
       AND t.analyst_key = (SELECT key FROM analyst_keys WHERE id = @analystId) AND t.deleted_at IS NULL LIMIT 1`,
  )
    .pluck()
    .get(tag) as string | undefined;
}

/** How many live tags the project has, counted on the tags' table (see tagCountsByDocument). */
export function liveAnnotationCount(db: Db): number {
  return statement(db, `SELECT count(*) FROM annotation_rows WHERE deleted_at IS NULL AND ${onLiveDocumentKey()}`).pluck().get() as number;
}

/** A tag's row: its document, analyst and head change stored by key (migration 130); the head change must be in the log already. */
const INSERT_ROW = `INSERT INTO annotation_rows (id, document_key, kind, start_offset, end_offset, exact, prefix, suffix, attributes, note, analyst_key,
       created_at, updated_at, deleted_at, head_seq, review)
     VALUES (@id, (SELECT key FROM document_keys WHERE id = @documentId), @kind, @start, @end, @exact, @prefix, @suffix, @attributes, @note,
       (SELECT key FROM analyst_keys WHERE id = @analystId), @createdAt, @updatedAt, @deletedAt, (SELECT seq FROM changes WHERE id = @headChangeId), @review)`;

/** Writes the full state of an annotation, inserting or replacing the row with the same id (see INSERT_ROW). */
export function putAnnotation(db: Db, annotation: Annotation, headChangeId: ChangeId): void {
  statement(db, 
    `${INSERT_ROW}
     ON CONFLICT (id) DO UPDATE SET
       kind = excluded.kind, start_offset = excluded.start_offset, end_offset = excluded.end_offset, exact = excluded.exact,
       prefix = excluded.prefix, suffix = excluded.suffix, attributes = excluded.attributes, note = excluded.note,
       analyst_key = excluded.analyst_key, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at, head_seq = excluded.head_seq, review = excluded.review`,
  ).run(rowValues(annotation, headChangeId));
}

/**
 * Writes a tag this project does not have yet (a constraint error if it has). Cheaper than putAnnotation for many
 * new tags: an upsert may run the update triggers, so SQLite keeps a statement journal for each row it writes.
 */
export function insertNewAnnotation(db: Db, annotation: Annotation, headChangeId: ChangeId): void {
  statement(db, INSERT_ROW).run(rowValues(annotation, headChangeId));
}

/** A tag as the parameters of INSERT_ROW. */
function rowValues(annotation: Annotation, headChangeId: ChangeId) {
  const t = annotation.target;
  return {
    id: annotation.id,
    documentId: annotation.documentId,
    kind: annotation.kind,
    start: t?.start ?? null,
    end: t?.end ?? null,
    exact: t?.exact ?? null,
    prefix: t?.prefix ?? null,
    suffix: t?.suffix ?? null,
    attributes: JSON.stringify(annotation.attributes),
    note: annotation.note,
    analystId: annotation.analystId,
    createdAt: annotation.createdAt,
    updatedAt: annotation.updatedAt,
    deletedAt: annotation.deletedAt,
    headChangeId,
    review: annotation.review ? JSON.stringify(annotation.review) : null,
  };
}

/** How many live tags one document has. */
export function liveAnnotationCountOfDocument(db: Db, documentId: string): number {
  return statement(db, `SELECT count(*) FROM annotation_rows t WHERE ${OF_DOCUMENT()} AND t.deleted_at IS NULL`).pluck().get(documentId) as number;
}

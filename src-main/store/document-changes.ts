// The append-only log of documents' details: one row per edit, removal or restoration, with both snapshots.
import type { ChangeCause, ChangeOp, ChangeRecord } from './changes';
import type { Db } from './open-project';
import { statement } from './statements';

/** A change to a document's details, under the names of the tags' and actors' ChangeRecord (`entityId` is the document). */
export interface DocumentChangeRecord extends Omit<ChangeRecord, 'entityType' | 'before'> {
  entityType: 'document';
  /** A document's details always existed before: imported, then edited. */
  before: string;
}

/** An entry of either log, as undo and merge read them. */
export type AnyChangeRecord = ChangeRecord | DocumentChangeRecord;

export function appendDocumentChange(db: Db, change: Omit<DocumentChangeRecord, 'entityType'> & { op: Exclude<ChangeOp, 'create'> }): void {
  statement(
    db,
    `INSERT INTO document_changes (id, document_id, op, parent_id, before, after, analyst_id, at, cause, history_id)
     VALUES (@id, @entityId, @op, @parentId, @before, @after, @analystId, @at, @cause, @historyId)`,
  ).run(change);
}

/** Every entry of the log, under DocumentChangeRecord's names, for `WHERE …` and `ORDER BY seq` to follow. */
export const DOCUMENT_CHANGES_SQL = `SELECT id, 'document' AS entityType, document_id AS entityId, op, parent_id AS parentId, before, after,
  analyst_id AS analystId, at, cause, history_id AS historyId FROM document_changes`;

/** The document changes recorded for one user action, in the order they were made. */
export function documentChangesOfHistoryEntry(db: Db, historyId: number, cause: ChangeCause): DocumentChangeRecord[] {
  return statement(db, `${DOCUMENT_CHANGES_SQL} WHERE history_id = ? AND cause = ? ORDER BY seq`).all(historyId, cause) as DocumentChangeRecord[];
}

/** Every entry's id and the entry it was based on. */
export function documentChangeParents(db: Db): Map<string, string | null> {
  const rows = statement(db, 'SELECT id, parent_id AS parentId FROM document_changes').all() as { id: string; parentId: string | null }[];
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** The latest entry's number (0 when none): the change feed notices new ones. */
export function latestDocumentChangeSeq(db: Db): number {
  return statement(db, 'SELECT ifnull(max(seq), 0) FROM document_changes').pluck().get() as number;
}

/** The documents changed by entries after `seq`. */
export function documentsChangedSince(db: Db, seq: number): string[] {
  return statement(db, 'SELECT DISTINCT document_id FROM document_changes WHERE seq > ?').pluck().all(seq) as string[];
}

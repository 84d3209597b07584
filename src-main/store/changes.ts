// The append-only change log: one row per create/update/delete of an annotation or actor, with snapshots (stored compactly).
import type { AnalystId, ChangeId } from '../../src-shared/model/ids';
import type { Db } from './open-project';
import { statement } from './statements';

export type EntityType = 'annotation' | 'actor';
export type ChangeOp = 'create' | 'update' | 'delete' | 'restore';
export type ChangeCause = 'edit' | 'undo' | 'redo' | 'merge';

export interface ChangeRecord {
  id: ChangeId;
  entityType: EntityType;
  entityId: string;
  op: ChangeOp;
  /** The entity's previous change: the version this change was based on (null for a create). */
  parentId: ChangeId | null;
  /** JSON snapshot before the change (null for a create). */
  before: string | null;
  /** JSON snapshot after the change (as read: stored NULL, it is put back from the tag's row). */
  after: string;
  analystId: AnalystId;
  at: string;
  cause: ChangeCause;
  historyId: number | null;
}

/**
 * Appends an entry. `after` may be null only for a tag whose row is written next with this entry as its head: the row
 * is then the state after the change, and the log gets it back from the row before the row changes (migration 100).
 */
export function appendChange(db: Db, change: Omit<ChangeRecord, 'after'> & { after: string | null }): void {
  statement(db,
    `INSERT INTO changes (id, entity_type, entity_id, op, parent_id, before, after, analyst_id, at, cause, history_id)
     VALUES (@id, @entityType, @entityId, @op, @parentId, @before, @after, @analystId, @at, @cause, @historyId)`,
  ).run(change);
}

/** Whether the entry's `after` is left to its tag's row (stored NULL), so the next change's `before` need not be stored. */
export function afterIsTheRow(db: Db, id: ChangeId): boolean {
  return statement(db, 'SELECT after IS NULL FROM changes WHERE id = ?').pluck().get(id) === 1;
}

/** SQL of the annotations row `r` as the JSON of its Annotation (the fields `annotationFromRow` reads). */
export const ANNOTATION_ROW_AS_JSON = (r: string): string =>
  `json_object('id', ${r}.id, 'documentId', ${r}.document_id, 'kind', ${r}.kind,
    'target', CASE WHEN ${r}.start_offset IS NULL THEN NULL ELSE json_object('start', ${r}.start_offset, 'end', ${r}.end_offset,
      'exact', ifnull(${r}.exact, ''), 'prefix', ifnull(${r}.prefix, ''), 'suffix', ifnull(${r}.suffix, '')) END,
    'attributes', json(${r}.attributes), 'note', ${r}.note, 'analystId', ${r}.analyst_id, 'createdAt', ${r}.created_at,
    'updatedAt', ${r}.updated_at, 'deletedAt', ${r}.deleted_at, 'review', json(${r}.review))`;

/**
 * The change log with both snapshots put back, under ChangeRecord's names (`c` is the entry): a NULL `after` is
 * the tag's row that the entry is still the head of; a NULL `before` of an update is the parent entry's `after`.
 */
export const CHANGES_WITH_SNAPSHOTS = changesWithSnapshots('');

/** CHANGES_WITH_SNAPSHOTS with `afterIsTheRow`: 1 when the entry's `after` was put back from its tag's row (stored NULL). */
export const CHANGES_WITH_SNAPSHOTS_AND_ORIGIN = changesWithSnapshots('c.after IS NULL AS afterIsTheRow, ');

function changesWithSnapshots(extraColumns: string): string {
  return `SELECT ${extraColumns}c.id, c.entity_type AS entityType, c.entity_id AS entityId, c.op, c.parent_id AS parentId,
  CASE WHEN c.before IS NOT NULL OR c.op = 'create' THEN c.before
    ELSE coalesce(p.after, CASE WHEN pa.head_change_id = p.id THEN ${ANNOTATION_ROW_AS_JSON('pa')} END) END AS before,
  coalesce(c.after, CASE WHEN a.head_change_id = c.id THEN ${ANNOTATION_ROW_AS_JSON('a')} END) AS after,
  c.analyst_id AS analystId, c.at, c.cause, c.history_id AS historyId
  FROM changes c
  LEFT JOIN annotations a ON c.after IS NULL AND a.id = c.entity_id
  LEFT JOIN changes p ON c.before IS NULL AND c.op <> 'create' AND p.id = c.parent_id
  LEFT JOIN annotations pa ON p.after IS NULL AND pa.id = p.entity_id`;
}

/** The change log as stored, snapshots not put back (a NULL `after` stays NULL): for a file without a readable annotations table. */
export const STORED_CHANGES = `SELECT id, entity_type AS entityType, entity_id AS entityId, op, parent_id AS parentId, before, after,
  analyst_id AS analystId, at, cause, history_id AS historyId FROM changes`;

/** The changes recorded for one user action, in the order they were made. */
export function changesOfHistoryEntry(db: Db, historyId: number, cause: ChangeCause): ChangeRecord[] {
  return statement(db, `${CHANGES_WITH_SNAPSHOTS} WHERE c.history_id = ? AND c.cause = ? ORDER BY c.seq`).all(historyId, cause) as ChangeRecord[];
}

/** Every change to one entity, oldest first. */
export function changesOfEntity(db: Db, entityId: string): ChangeRecord[] {
  return statement(db, `${CHANGES_WITH_SNAPSHOTS} WHERE c.entity_id = ? ORDER BY c.seq`).all(entityId) as ChangeRecord[];
}

export function allChanges(db: Db): ChangeRecord[] {
  return statement(db, `${CHANGES_WITH_SNAPSHOTS} ORDER BY c.seq`).all() as ChangeRecord[];
}

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
 * The analyst is stored by key (migration 130).
 */
export function appendChange(db: Db, change: Omit<ChangeRecord, 'after'> & { after: string | null }): void {
  statement(db,
    `INSERT INTO changes (id, entity_type, entity_id, op, parent_id, before, after, analyst_key, at, cause, history_id)
     VALUES (@id, @entityType, @entityId, @op, @parentId, @before, @after, (SELECT key FROM analyst_keys WHERE id = @analystId), @at, @cause, @historyId)`,
  ).run(change);
}

/** Whether the entry's `after` is left to its tag's row (stored NULL), so the next change's `before` need not be stored. */
export function afterIsTheRow(db: Db, id: ChangeId): boolean {
  return statement(db, 'SELECT after IS NULL FROM changes WHERE id = ?').pluck().get(id) === 1;
}

/** How the tags and the log's analysts are stored: by key since migration 130, by id in the files made before. */
export type Layout = 'keyed' | 'by id';

/** SQL of the id behind `key` in `table` (document_keys, analyst_keys). */
const idOfKey = (table: string, key: string): string => `(SELECT id FROM ${table} WHERE key = ${key})`;

/** SQL of the stored tag row `r` (annotation_rows, or annotations before migration 130) as the JSON of its Annotation. */
function rowAsJson(r: string, layout: Layout): string {
  const documentId = layout === 'keyed' ? idOfKey('document_keys', `${r}.document_key`) : `${r}.document_id`;
  const analystId = layout === 'keyed' ? idOfKey('analyst_keys', `${r}.analyst_key`) : `${r}.analyst_id`;
  return `json_object('id', ${r}.id, 'documentId', ${documentId}, 'kind', ${r}.kind,
    'target', CASE WHEN ${r}.start_offset IS NULL THEN NULL ELSE json_object('start', ${r}.start_offset, 'end', ${r}.end_offset,
      'exact', ifnull(${r}.exact, ''), 'prefix', ifnull(${r}.prefix, ''), 'suffix', ifnull(${r}.suffix, '')) END,
    'attributes', json(${r}.attributes), 'note', ${r}.note, 'analystId', ${analystId}, 'createdAt', ${r}.created_at,
    'updatedAt', ${r}.updated_at, 'deletedAt', ${r}.deleted_at, 'review', json(${r}.review))`;
}

/** SQL of the annotation_rows row `r` as the JSON of its Annotation (the fields `annotationFromRow` reads). */
export const ANNOTATION_ROW_AS_JSON = (r: string): string => rowAsJson(r, 'keyed');

/** SQL: whether the annotation_rows row `r` has the entry `c` as its head. */
export const IS_HEAD_OF_ROW = (r: string, c: string): string => `${r}.head_seq = ${c}.seq`;

/**
 * The change log with both snapshots put back, under ChangeRecord's names (`c` is the entry): a NULL `after` is
 * the tag's row that the entry is still the head of; a NULL `before` of an update is the parent entry's `after`.
 */
export const CHANGES_WITH_SNAPSHOTS = changesWithSnapshots('', 'keyed');

/** CHANGES_WITH_SNAPSHOTS with `afterIsTheRow`: 1 when the entry's `after` was put back from its tag's row (stored NULL). */
export const CHANGES_WITH_SNAPSHOTS_AND_ORIGIN = changesWithSnapshots('c.after IS NULL AS afterIsTheRow, ', 'keyed');

/** CHANGES_WITH_SNAPSHOTS for a file made before migration 130, read as it is (a damaged file being repaired). */
export const CHANGES_WITH_SNAPSHOTS_BY_ID = changesWithSnapshots('', 'by id');

function changesWithSnapshots(extraColumns: string, layout: Layout): string {
  const rows = layout === 'keyed' ? 'annotation_rows' : 'annotations';
  const isHead = (r: string, c: string) => (layout === 'keyed' ? IS_HEAD_OF_ROW(r, c) : `${r}.head_change_id = ${c}.id`);
  return `SELECT ${extraColumns}c.id, c.entity_type AS entityType, c.entity_id AS entityId, c.op, c.parent_id AS parentId,
  CASE WHEN c.before IS NOT NULL OR c.op = 'create' THEN c.before
    ELSE coalesce(p.after, CASE WHEN ${isHead('pa', 'p')} THEN ${rowAsJson('pa', layout)} END) END AS before,
  coalesce(c.after, CASE WHEN ${isHead('a', 'c')} THEN ${rowAsJson('a', layout)} END) AS after,
  ${analystOfEntry(layout)} AS analystId, c.at, c.cause, c.history_id AS historyId
  FROM changes c
  LEFT JOIN ${rows} a ON c.after IS NULL AND a.id = c.entity_id
  LEFT JOIN changes p ON c.before IS NULL AND c.op <> 'create' AND p.id = c.parent_id
  LEFT JOIN ${rows} pa ON p.after IS NULL AND pa.id = p.entity_id`;
}

/** SQL of the analyst id of the entry `c`. */
function analystOfEntry(layout: Layout): string {
  return layout === 'keyed' ? idOfKey('analyst_keys', 'c.analyst_key') : 'c.analyst_id';
}

/** The change log as stored, snapshots not put back (a NULL `after` stays NULL): for a file without a readable tags table. */
export const storedChanges = (layout: Layout): string => `SELECT c.id, c.entity_type AS entityType, c.entity_id AS entityId, c.op,
  c.parent_id AS parentId, c.before, c.after, ${analystOfEntry(layout)} AS analystId, c.at, c.cause, c.history_id AS historyId FROM changes c`;

/** The changes recorded for one user action, in the order they were made. */
export function changesOfHistoryEntry(db: Db, historyId: number, cause: ChangeCause): ChangeRecord[] {
  return statement(db, `${CHANGES_WITH_SNAPSHOTS} WHERE c.history_id = ? AND c.cause = ? ORDER BY c.seq`).all(historyId, cause) as ChangeRecord[];
}

export function allChanges(db: Db): ChangeRecord[] {
  return statement(db, `${CHANGES_WITH_SNAPSHOTS} ORDER BY c.seq`).all() as ChangeRecord[];
}

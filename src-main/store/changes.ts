// The append-only change log: one row per create/update/delete of an annotation or actor, with snapshots.
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
  /** JSON snapshot after the change. */
  after: string;
  analystId: AnalystId;
  at: string;
  cause: ChangeCause;
  historyId: number | null;
}

export function appendChange(db: Db, change: ChangeRecord): void {
  statement(db, 
    `INSERT INTO changes (id, entity_type, entity_id, op, parent_id, before, after, analyst_id, at, cause, history_id)
     VALUES (@id, @entityType, @entityId, @op, @parentId, @before, @after, @analystId, @at, @cause, @historyId)`,
  ).run(change);
}

const SELECT = `SELECT id, entity_type AS entityType, entity_id AS entityId, op, parent_id AS parentId, before, after,
  analyst_id AS analystId, at, cause, history_id AS historyId FROM changes`;

/** The changes recorded for one user action, in the order they were made. */
export function changesOfHistoryEntry(db: Db, historyId: number, cause: ChangeCause): ChangeRecord[] {
  return statement(db, `${SELECT} WHERE history_id = ? AND cause = ? ORDER BY seq`).all(historyId, cause) as ChangeRecord[];
}

/** Every change to one entity, oldest first. */
export function changesOfEntity(db: Db, entityId: string): ChangeRecord[] {
  return statement(db, `${SELECT} WHERE entity_id = ? ORDER BY seq`).all(entityId) as ChangeRecord[];
}

export function allChanges(db: Db): ChangeRecord[] {
  return statement(db, `${SELECT} ORDER BY seq`).all() as ChangeRecord[];
}

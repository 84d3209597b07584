// Persisted undo/redo stack: one row per user action, moving between done, undone and discarded.
import type { HistoryEntry } from '../../src-shared/api/contract';
import type { AnalystId } from '../../src-shared/model/ids';
import type { Db } from './open-project';
import { statement } from './statements';

const SELECT = 'SELECT id, label, at, analyst_id AS analystId FROM history';

/** How many of an analyst's latest actions can be undone; older ones are folded (kept in the change log). */
export const UNDO_DEPTH = 500;

const HORIZON = 'coalesce((SELECT folded_through FROM undo_horizon WHERE analyst_id = @analystId), 0)';

/**
 * Records a new user action; whatever this analyst could have redone is discarded (kept, never deleted), and their
 * actions older than the last UNDO_DEPTH are folded: no longer undoable.
 */
export function beginHistoryEntry(db: Db, label: string, analystId: AnalystId, at: string): number {
  statement(db, "UPDATE history SET state = 'discarded' WHERE state = 'undone' AND analyst_id = ?").run(analystId);
  const result = statement(db, "INSERT INTO history (label, analyst_id, at, state) VALUES (?, ?, ?, 'done')").run(label, analystId, at);
  statement(
    db,
    `INSERT INTO undo_horizon (analyst_id, folded_through)
       SELECT @analystId, id FROM history WHERE analyst_id = @analystId AND state = 'done' AND id > ${HORIZON}
       ORDER BY id DESC LIMIT 1 OFFSET ${UNDO_DEPTH}
     ON CONFLICT (analyst_id) DO UPDATE SET folded_through = max(folded_through, excluded.folded_through)`,
  ).run({ analystId });
  return Number(result.lastInsertRowid);
}

/** The analyst's actions an undo may revert (those not folded), latest first (the caller picks the first it may take). */
export function doneEntries(db: Db, analystId: AnalystId): Iterable<HistoryEntry> {
  return statement(db, `${SELECT} WHERE state = 'done' AND analyst_id = @analystId AND id > ${HORIZON} ORDER BY id DESC`).iterate({
    analystId,
  }) as Iterable<HistoryEntry>;
}

/** The analyst's undone actions a redo may re-apply, the most recently undone first. */
export function undoneEntries(db: Db, analystId: AnalystId): Iterable<HistoryEntry> {
  return statement(db, `${SELECT} WHERE state = 'undone' AND analyst_id = ? ORDER BY id ASC`).iterate(analystId) as Iterable<HistoryEntry>;
}

export function setHistoryState(db: Db, id: number, state: 'done' | 'undone'): void {
  statement(db, 'UPDATE history SET state = ? WHERE id = ?').run(state, id);
}

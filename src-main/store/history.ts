// Persisted undo/redo stack: one row per user action, moving between done, undone and discarded.
import type { HistoryEntry } from '../../src-shared/api/contract';
import type { AnalystId } from '../../src-shared/model/ids';
import type { Db } from './open-project';
import { statement } from './statements';

const SELECT = 'SELECT id, label, at, analyst_id AS analystId FROM history';

/** Records a new user action; whatever could have been redone is discarded (kept, never deleted). */
export function beginHistoryEntry(db: Db, label: string, analystId: AnalystId, at: string): number {
  statement(db, "UPDATE history SET state = 'discarded' WHERE state = 'undone'").run();
  const result = statement(db, "INSERT INTO history (label, analyst_id, at, state) VALUES (?, ?, ?, 'done')").run(label, analystId, at);
  return Number(result.lastInsertRowid);
}

/** The action an undo would revert: the latest one still done. */
export function lastDoneEntry(db: Db): HistoryEntry | undefined {
  return statement(db, `${SELECT} WHERE state = 'done' ORDER BY id DESC LIMIT 1`).get() as HistoryEntry | undefined;
}

/** The action a redo would re-apply: the most recently undone one. */
export function nextUndoneEntry(db: Db): HistoryEntry | undefined {
  return statement(db, `${SELECT} WHERE state = 'undone' ORDER BY id ASC LIMIT 1`).get() as HistoryEntry | undefined;
}

export function setHistoryState(db: Db, id: number, state: 'done' | 'undone'): void {
  statement(db, 'UPDATE history SET state = ? WHERE id = ?').run(state, id);
}

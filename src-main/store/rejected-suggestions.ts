// Rejected suggestions: one row per key, only ever added (by a rejection or a merge), read as a set of keys.
import type { Db } from './open-project';
import { statement } from './statements';

export interface RejectedSuggestion {
  key: string;
  documentId: string;
  kind: string;
  start: number;
  end: number;
  quote: string;
  analystId: string;
  at: string;
}

const COLUMNS = 'key, document_id AS documentId, kind, start, "end", quote, analyst_id AS analystId, at';

export function rejectedKeys(db: Db): Set<string> {
  return new Set(statement(db, 'SELECT key FROM rejected_suggestions').pluck().all() as string[]);
}

export function allRejectedSuggestions(db: Db): RejectedSuggestion[] {
  return statement(db, `SELECT ${COLUMNS} FROM rejected_suggestions ORDER BY at, key`).all() as RejectedSuggestion[];
}

/** Records a rejection; a key already rejected keeps its first row. Returns whether a row was added. */
export function insertRejectedSuggestion(db: Db, row: RejectedSuggestion): boolean {
  const sql = `INSERT OR IGNORE INTO rejected_suggestions (key, document_id, kind, start, "end", quote, analyst_id, at)
    VALUES (@key, @documentId, @kind, @start, @end, @quote, @analystId, @at)`;
  return statement(db, sql).run(row).changes > 0;
}

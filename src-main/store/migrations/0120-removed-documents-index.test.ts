// Tests for migration 120: a project's rows come through unchanged, and the removed documents are found by their own index.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open-project';
import { MIGRATIONS } from './index';

/** A project at the schema before 120 with one analyst and two documents, the second removed. */
function projectBefore120(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const before = MIGRATIONS.filter((m) => m.version < 120);
  for (const m of before) db.exec(m.up);
  db.pragma(`user_version = ${before[before.length - 1]?.version ?? 0}`);
  db.prepare("INSERT INTO analysts (id, display_name, created_at) VALUES ('a1', 'Ana', '2026-01-01T00:00:00.000Z')").run();
  const insert = db.prepare(
    `INSERT INTO documents (id, sha256, title, original_name, format, source_encoding, text, blocks, imported_at, imported_by)
     VALUES (?, ?, ?, 'talks.txt', 'txt', 'utf-8', ?, '[]', '2026-01-21T00:00:00.000Z', 'a1')`,
  );
  insert.run('d1', 'a'.repeat(64), 'Talks', 'Talks in Miami');
  insert.run('d2', 'b'.repeat(64), 'Envoy', 'Talks in Geneva');
  db.prepare("UPDATE documents SET deleted_at = '2026-01-22T00:00:00.000Z' WHERE id = 'd2'").run();
  return db;
}

const REMOVED = 'SELECT id FROM documents WHERE deleted_at IS NOT NULL';

describe('migration 120 (index of removed documents)', () => {
  it('keeps every document as it was and finds the removed ones by the new index, not by reading every row', () => {
    const db = projectBefore120();
    const documents = db.prepare('SELECT * FROM documents ORDER BY id').all();
    const removed = db.prepare(REMOVED).all();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(120);
    expect(db.prepare('SELECT * FROM documents ORDER BY id').all()).toEqual(documents);
    expect(db.prepare(REMOVED).all()).toEqual(removed);
    expect(removed).toEqual([{ id: 'd2' }]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${REMOVED}`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX documents_removed/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

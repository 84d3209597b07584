// Tests for migration 50: a project's documents and their tags survive the documents table being rebuilt, and the new formats and column work.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open-project';
import { MIGRATIONS } from './index';

const HASH = 'a'.repeat(64);

/** A project at the schema before 50 with one analyst, one document and one tag on it. */
function projectBeforeMigration50(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const before = MIGRATIONS.filter((m) => m.version < 50);
  for (const m of before) db.exec(m.up);
  db.pragma(`user_version = ${before[before.length - 1]?.version ?? 0}`);
  db.prepare("INSERT INTO analysts (id, display_name, created_at) VALUES ('a1', 'Ana', '2026-01-01T00:00:00.000Z')").run();
  db.prepare(
    `INSERT INTO documents (id, sha256, title, author, outlet, published_at, original_name, format, source_encoding, text, blocks, imported_at, imported_by)
     VALUES ('d1', ?, 'Talks', NULL, NULL, '2026-01-20', 'talks.txt', 'txt', 'utf-8', 'Talks in Miami', '[{"type":"paragraph","start":0,"end":14}]', '2026-01-21T00:00:00.000Z', 'a1')`,
  ).run(HASH);
  db.prepare(
    `INSERT INTO annotations (id, document_id, kind, start_offset, end_offset, exact, prefix, suffix, attributes, note, analyst_id, created_at, updated_at, head_change_id)
     VALUES ('t1', 'd1', 'claim', 0, 5, 'Talks', '', ' in Miami', '{}', '', 'a1', '2026-01-21T00:00:00.000Z', '2026-01-21T00:00:00.000Z', 'c1')`,
  ).run();
  return db;
}

/** Runs the pending migrations (50 and any later) the way opening a project does. */
function migrate50(db: Database.Database): void {
  migrate(db);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
}

describe('migration 50 (document sources)', () => {
  it('keeps every document row and every tag pointing at it', () => {
    const db = projectBeforeMigration50();
    const before = db.prepare('SELECT * FROM documents').all();
    migrate50(db);
    const after = db.prepare('SELECT * FROM documents').all() as Record<string, unknown>[];
    // Later migrations add the details' columns (90); they start empty.
    const laterColumns = ['source_sha256', 'edited_by', 'edited_at', 'deleted_at', 'head_change_id'];
    expect(after.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !laterColumns.includes(key))))).toEqual(before);
    for (const column of laterColumns) expect(after[0]?.[column]).toBeNull();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT document_id FROM annotations WHERE id = 't1'").pluck().get()).toBe('d1');
  });

  it("still refuses to change or delete a document's text, and to tag a missing one", () => {
    const db = projectBeforeMigration50();
    migrate50(db);
    expect(() => db.prepare("UPDATE documents SET text = 'x'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM documents').run()).toThrow(/never deleted/);
    expect(() =>
      db.prepare(
        // Stored since migration 130 with the document's key, which must be a document's.
        `INSERT INTO annotation_rows (id, document_key, kind, attributes, note, analyst_key, created_at, updated_at, head_seq)
         VALUES ('t2', 999, 'reliability_warning', '{}', '', 1, 'x', 'x', 1)`,
      ).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('accepts PDF, DOCX and EPUB documents with their file hash, and nothing else new', () => {
    const db = projectBeforeMigration50();
    migrate50(db);
    const insert = db.prepare(
      `INSERT INTO documents (id, sha256, title, original_name, format, source_encoding, text, blocks, imported_at, imported_by, source_sha256)
       VALUES (?, ?, 'T', 'f', ?, 'binary', 'x', '[]', 'x', 'a1', ?)`,
    );
    ['pdf', 'docx', 'epub'].forEach((format, i) => insert.run(`n${i}`, String(i).repeat(64), format, 'b'.repeat(64)));
    expect(() => insert.run('n9', '9'.repeat(64), 'rtf', null)).toThrow(/CHECK/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM documents WHERE source_sha256 = ?').all('b'.repeat(64)) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/documents_by_source_sha256/);
  });
});

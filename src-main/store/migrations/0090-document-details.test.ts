// Tests for migration 90: merge conflicts keep every row through their rebuild and accept documents, documents' details
// get their own append-only log; a document's details and tombstone can change, its text cannot, and no row can be deleted.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storedChanges } from '../changes';
import { migrate } from '../open-project';
import { MIGRATIONS } from './index';

/** A project at the schema before 90 with one analyst, one document, one change and one merge conflict. */
function projectBefore90(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const before = MIGRATIONS.filter((m) => m.version < 90);
  for (const m of before) db.exec(m.up);
  db.pragma(`user_version = ${before[before.length - 1]?.version ?? 0}`);
  db.prepare("INSERT INTO analysts (id, display_name, created_at) VALUES ('a1', 'Ana', '2026-01-01T00:00:00.000Z')").run();
  db.prepare(
    `INSERT INTO documents (id, sha256, title, original_name, format, source_encoding, text, blocks, imported_at, imported_by)
     VALUES ('d1', ?, 'Talks', 'talks.txt', 'txt', 'utf-8', 'Talks in Miami', '[]', '2026-01-21T00:00:00.000Z', 'a1')`,
  ).run('a'.repeat(64));
  db.prepare("INSERT INTO history (label, analyst_id, at, state) VALUES ('Add', 'a1', 't', 'done')").run();
  db.prepare(
    "INSERT INTO changes (id, entity_type, entity_id, op, after, analyst_id, at, cause, history_id) VALUES ('c1', 'actor', 'x', 'create', '{}', 'a1', 't', 'edit', 1)",
  ).run();
  db.prepare("INSERT INTO merge_conflicts VALUES ('m1', 'actor', 'x', 'c1', 'c0', 't', NULL)").run();
  return db;
}

describe('migration 90 (document details)', () => {
  it('keeps every change and merge conflict as it was (through 90 and the migrations after it)', () => {
    const db = projectBefore90();
    // Read as the log reads: migration 130 stores the analyst by key.
    const changes = db.prepare(storedChanges('by id')).all();
    const conflicts = db.prepare('SELECT * FROM merge_conflicts').all();
    migrate(db);
    expect(db.prepare(storedChanges('keyed')).all()).toEqual(changes);
    expect(db.prepare('SELECT * FROM merge_conflicts').all()).toEqual(conflicts);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it("lets a document's details and tombstone change, never its text, and never deletes a row", () => {
    const db = projectBefore90();
    migrate(db);
    db.prepare("UPDATE documents SET title = 'Miami', published_at = '2026-01-20', edited_by = 'a1', edited_at = 't', deleted_at = 't', head_change_id = 'c2'").run();
    expect(db.prepare('SELECT title, deleted_at FROM documents').get()).toEqual({ title: 'Miami', deleted_at: 't' });
    expect(() => db.prepare("UPDATE documents SET text = 'x'").run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE documents SET sha256 = 'x'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM documents').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE documents SET edited_by = 'nobody'").run()).toThrow(/FOREIGN KEY/);
  });

  it("records a document's changes in an append-only log of their own, and their merge conflicts", () => {
    const db = projectBefore90();
    migrate(db);
    const insert = db.prepare(
      "INSERT INTO document_changes (id, document_id, op, before, after, analyst_id, at, cause) VALUES (?, ?, ?, '{}', '{}', 'a1', 't', 'edit')",
    );
    insert.run('c2', 'd1', 'update');
    expect(() => insert.run('c3', 'd1', 'create')).toThrow(/CHECK/);
    expect(() => insert.run('c4', 'nope', 'update')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE document_changes SET op = 'delete'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM document_changes').run()).toThrow(/append-only/);
    db.prepare("INSERT INTO merge_conflicts VALUES ('m2', 'document', 'd1', 'c2', 'c1', 't', NULL)").run();
    expect(() => db.prepare("INSERT INTO merge_conflicts VALUES ('m3', 'project', 'd1', 'c3', 'c1', 't', NULL)").run()).toThrow(/CHECK/);
  });
});

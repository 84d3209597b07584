// Tests for migration 130: tags and the change log read the same through the keys, a tag without its head entry gets
// one, and the rows written after it keep their head's `after` as before.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHANGES_WITH_SNAPSHOTS, CHANGES_WITH_SNAPSHOTS_BY_ID, storedChanges } from '../changes';
import { migrate } from '../open-project';
import { MIGRATIONS } from './index';

const T = '2026-01-21T00:00:00.000Z';
const ANNOTATIONS = 'SELECT * FROM annotations ORDER BY id';

/**
 * A project at the schema before 130: two analysts, two documents; a claim created then edited by Ben, a deleted
 * figure with a review, a warning on no passage whose head entry is missing from the log; one actor.
 */
function projectBefore130(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const before = MIGRATIONS.filter((m) => m.version < 130);
  for (const m of before) db.exec(m.up);
  db.pragma(`user_version = ${before[before.length - 1]?.version ?? 0}`);
  const analyst = db.prepare('INSERT INTO analysts (id, display_name, created_at) VALUES (?, ?, ?)');
  analyst.run('a1', 'Ana', T);
  analyst.run('a2', 'Ben', T);
  const document = db.prepare(
    `INSERT INTO documents (id, sha256, title, original_name, format, source_encoding, text, blocks, imported_at, imported_by)
     VALUES (?, ?, ?, 'talks.txt', 'txt', 'utf-8', ?, '[]', ?, 'a1')`,
  );
  document.run('d1', 'a'.repeat(64), 'Talks', 'Talks in Miami', T);
  document.run('d2', 'b'.repeat(64), 'Envoy', 'Envoy in Geneva', T);
  db.prepare("INSERT INTO history (label, analyst_id, at, state) VALUES ('Add', 'a1', ?, 'done')").run(T);
  const change = db.prepare(
    `INSERT INTO changes (id, entity_type, entity_id, op, parent_id, before, after, analyst_id, at, cause, history_id)
     VALUES (@id, @type, @entity, @op, @parent, @before, @after, @analyst, @at, 'edit', 1)`,
  );
  const tag = db.prepare(
    `INSERT INTO annotations (id, document_id, kind, start_offset, end_offset, exact, prefix, suffix, attributes, note, analyst_id,
       created_at, updated_at, deleted_at, head_change_id, review)
     VALUES (@id, @document, @kind, @start, @end, @exact, '', '', '{}', @note, @analyst, @at, @at, @deleted, @head, @review)`,
  );
  const claim = { id: 't1', document: 'd1', kind: 'claim', start: 0, end: 5, exact: 'Talks', note: '', analyst: 'a2', at: T, deleted: null, review: null };
  change.run({ id: 'c1', type: 'annotation', entity: 't1', op: 'create', parent: null, before: null, after: JSON.stringify(claim), analyst: 'a2', at: T });
  change.run({ id: 'c2', type: 'annotation', entity: 't1', op: 'update', parent: 'c1', before: null, after: null, analyst: 'a2', at: T });
  tag.run({ ...claim, note: 'edited', head: 'c2' });
  change.run({ id: 'c3', type: 'annotation', entity: 't2', op: 'create', parent: null, before: null, after: null, analyst: 'a1', at: T });
  tag.run({ id: 't2', document: 'd2', kind: 'figure', start: 0, end: 5, exact: 'Envoy', note: '', analyst: 'a1', at: T, deleted: T, head: 'c3', review: '{"status":"accepted"}' });
  tag.run({ id: 't3', document: 'd2', kind: 'reliability_warning', start: null, end: null, exact: null, note: '', analyst: 'a1', at: T, deleted: null, head: 'c9', review: null });
  change.run({ id: 'c4', type: 'actor', entity: 'x1', op: 'create', parent: null, before: null, after: '{"id":"x1"}', analyst: 'a1', at: T });
  return db;
}

describe('migration 130 (keyed tags)', () => {
  it('reads every tag and every change-log entry as before, snapshots put back the same', () => {
    const db = projectBefore130();
    const tags = db.prepare(ANNOTATIONS).all();
    const stored = db.prepare(`${storedChanges('by id')} WHERE c.id <> 'c9' ORDER BY c.seq`).all();
    const read = db.prepare(`${CHANGES_WITH_SNAPSHOTS_BY_ID} ORDER BY c.seq`).all();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(130);
    expect(db.prepare(ANNOTATIONS).all()).toEqual(tags);
    expect(db.prepare(`${storedChanges('keyed')} WHERE c.id <> 'c9' ORDER BY c.seq`).all()).toEqual(stored);
    expect(db.prepare(`${CHANGES_WITH_SNAPSHOTS} WHERE c.id <> 'c9' ORDER BY c.seq`).all()).toEqual(read);
    expect(read).toHaveLength(4);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('stores a tag’s document, analyst and head as integer keys, and gives a tag without its head entry that entry', () => {
    const db = projectBefore130();
    migrate(db);
    const types = db.prepare('SELECT DISTINCT typeof(document_key) || typeof(analyst_key) || typeof(head_seq) FROM annotation_rows').pluck().all();
    expect(types).toEqual(['integerintegerinteger']);
    const made = db.prepare(`${CHANGES_WITH_SNAPSHOTS} WHERE c.id = 'c9'`).get() as Record<string, unknown>;
    expect(made).toMatchObject({ entityType: 'annotation', entityId: 't3', op: 'create', parentId: null, before: null, analystId: 'a1', at: T });
    expect(JSON.parse(made.after as string)).toMatchObject({ id: 't3', documentId: 'd2', kind: 'reliability_warning', target: null, analystId: 'a1' });
  });

  it('keys the documents and analysts added later, and a changed tag still gives its head entry its `after` first', () => {
    const db = projectBefore130();
    migrate(db);
    db.prepare("INSERT INTO analysts (id, display_name, created_at) VALUES ('a3', 'Cleo', ?)").run(T);
    db.prepare(
      `INSERT INTO documents (id, sha256, title, original_name, format, source_encoding, text, blocks, imported_at, imported_by)
       VALUES ('d3', ?, 'Third', 'third.txt', 'txt', 'utf-8', 'Third text', '[]', ?, 'a3')`,
    ).run('c'.repeat(64), T);
    expect(db.prepare("SELECT id FROM document_keys WHERE key = (SELECT max(key) FROM document_keys)").pluck().get()).toBe('d3');
    expect(db.prepare("SELECT id FROM analyst_keys WHERE key = (SELECT max(key) FROM analyst_keys)").pluck().get()).toBe('a3');
    const before = db.prepare("SELECT * FROM annotations WHERE id = 't1'").get();
    db.prepare("UPDATE annotation_rows SET note = 'again', analyst_key = (SELECT key FROM analyst_keys WHERE id = 'a3') WHERE id = 't1'").run();
    const after = JSON.parse(db.prepare("SELECT after FROM changes WHERE id = 'c2'").pluck().get() as string) as Record<string, unknown>;
    expect(after).toMatchObject({ id: 't1', documentId: 'd1', note: 'edited', analystId: 'a2' });
    expect(before).toMatchObject({ note: 'edited', analyst_id: 'a2', head_change_id: 'c2' });
    expect(db.prepare("SELECT analyst_id FROM annotations WHERE id = 't1'").pluck().get()).toBe('a3');
  });
});

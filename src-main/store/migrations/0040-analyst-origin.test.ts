// Checks migration 40 on a file from before it: analysts who acted here are local, the others came with a merge.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { analystOrigin } from './0040-analyst-origin';
import { MIGRATIONS } from './index';

it('marks an analyst with no action in the history as merged, the others as local', () => {
  const db = new Database(':memory:');
  for (const migration of MIGRATIONS.filter((m) => m.version < analystOrigin.version)) db.exec(migration.up);
  const insert = db.prepare('INSERT INTO analysts (id, display_name, created_at) VALUES (?, ?, ?)');
  insert.run('a', 'Anna', '2026-01-01T00:00:00.000Z');
  insert.run('b', 'Ben', '2026-01-01T00:00:00.000Z');
  db.prepare("INSERT INTO history (label, analyst_id, at, state) VALUES ('Tag', 'a', '2026-01-01T00:00:00.000Z', 'done')").run();
  db.exec(analystOrigin.up);
  expect(db.prepare('SELECT id, origin FROM analysts ORDER BY id').all()).toEqual([
    { id: 'a', origin: 'local' },
    { id: 'b', origin: 'merged from a teammate’s file' },
  ]);
  insert.run('c', 'Cleo', '2026-01-02T00:00:00.000Z');
  expect(db.prepare("SELECT origin FROM analysts WHERE id = 'c'").pluck().get()).toBe('local');
  db.close();
});

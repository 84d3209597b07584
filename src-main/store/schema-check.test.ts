// Checks that a project file is opened only when its schema is exactly Marginalia's, and that a refused file is left byte-identical.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src-shared/model/result';
import { createProject } from '../core/session';
import { temporaryDirectory } from '../test-support/project-fixture';
import { openProjectDatabase } from './open-project';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A fresh project file in its own folder, with `sql` run on it behind Marginalia's back. */
function projectWith(sql: string): string {
  const dir = temporaryDirectory();
  cleanups.push(dir.remove);
  const path = join(dir.path, 'x.marginalia');
  createProject(path, 'P').close();
  const db = new Database(path);
  db.exec(sql);
  db.close();
  return path;
}

/** The file's bytes and its folder's listing: a refused file must leave both as they were (no -wal, no -shm). */
function fingerprint(path: string): string {
  return `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${readdirSync(dirname(path)).sort().join(',')}`;
}

function refusal(path: string, readOnly: boolean): UserError {
  const before = fingerprint(path);
  let caught: unknown;
  try {
    openProjectDatabase(path, { readOnly }).close();
  } catch (error) {
    caught = error;
  }
  expect(fingerprint(path)).toBe(before);
  expect(caught).toBeInstanceOf(UserError);
  expect((caught as UserError).code).toBe('untrusted_content');
  return caught as UserError;
}

const WIPE = "CREATE TRIGGER wipe AFTER INSERT ON annotation_rows BEGIN DELETE FROM annotation_rows WHERE id<>NEW.id; UPDATE project SET name='pwned'; END;";

describe('the schema check on opening a project file', () => {
  it('refuses a trigger of its own in one sentence, for writing and read-only, leaving the file as it was', () => {
    const path = projectWith(WIPE);
    for (const readOnly of [false, true]) {
      expect(refusal(path, readOnly).message).toBe(`"${path}" contains a trigger “wipe” that Marginalia does not make; it was not opened and was not changed.`);
    }
  });

  it('compares names exactly: sqliteX… triggers, tables and indexes are refused', () => {
    expect(refusal(projectWith('CREATE TRIGGER sqliteXwipe AFTER INSERT ON annotation_rows BEGIN DELETE FROM annotation_rows; END;'), false).message).toMatch(/trigger “sqliteXwipe”/);
    expect(refusal(projectWith('CREATE TABLE sqliteXnotes (x TEXT) STRICT'), false).message).toMatch(/table “sqliteXnotes”/);
    expect(refusal(projectWith('CREATE INDEX sqliteXidx ON annotation_rows (note)'), false).message).toMatch(/index “sqliteXidx”/);
  });

  it('refuses a view, an extra index, and a table of its own', () => {
    expect(refusal(projectWith('CREATE VIEW everything AS SELECT * FROM documents'), true).message).toMatch(/contains a view “everything”/);
    expect(refusal(projectWith('CREATE INDEX by_note ON annotation_rows (note)'), false).message).toMatch(/contains an index “by_note”/);
    expect(refusal(projectWith('CREATE TABLE notes (x TEXT) STRICT'), false).message).toMatch(/contains a table “notes”/);
  });

  it('refuses one of our objects with other SQL, a missing one, and an unknown file format', () => {
    const changed = projectWith(
      "DROP TRIGGER documents_kept; CREATE TRIGGER documents_kept BEFORE DELETE ON documents BEGIN UPDATE project SET name = 'pwned'; END;",
    );
    expect(refusal(changed, false).message).toMatch(/has a trigger “documents_kept” that differs from the one Marginalia makes/);
    expect(refusal(projectWith('DROP TRIGGER documents_kept'), false).message).toMatch(/lacks the trigger “documents_kept”/);
    expect(refusal(projectWith('PRAGMA user_version = 25'), false).message).toMatch(/file format 25, which no version of Marginalia makes/);
  });

  it('shows control and direction characters of a name as code points', () => {
    const path = projectWith('CREATE TABLE "a\u202eb\u001b[31m" (x TEXT) STRICT');
    expect(refusal(path, false).message).toContain('“a\\u{202e}b\\u{1b}[31m”');
  });

  it('opens a file that is exactly ours, reading what another connection has committed to its -wal', () => {
    const path = projectWith('SELECT 1');
    const writer = openProjectDatabase(path);
    writer.prepare("UPDATE project SET name = 'Renamed'").run();
    const reader = openProjectDatabase(path, { readOnly: true });
    expect(reader.prepare('SELECT name FROM project').pluck().get()).toBe('Renamed');
    reader.close();
    writer.close();
  });

  it('refuses any extra object, whatever its name (property)', () => {
    const names = fc.string({ minLength: 1, maxLength: 12 }).filter((n) => !n.includes('\0') && !/^sqlite_/i.test(n));
    const kinds = fc.constantFrom(
      (n: string) => `CREATE TABLE "${n.replaceAll('"', '""')}" (x TEXT) STRICT`,
      (n: string) => `CREATE INDEX "${n.replaceAll('"', '""')}" ON annotation_rows (note)`,
      (n: string) => `CREATE VIEW "${n.replaceAll('"', '""')}" AS SELECT 1`,
      (n: string) => `CREATE TRIGGER "${n.replaceAll('"', '""')}" AFTER INSERT ON analysts BEGIN DELETE FROM actors; END`,
    );
    fc.assert(
      fc.property(names, kinds, (name, create) => {
        let path: string;
        try {
          path = projectWith(create(name));
        } catch {
          return; // a name SQLite itself refuses, or one of ours already taken
        }
        refusal(path, false);
      }),
      { numRuns: 15 },
    );
  });
});

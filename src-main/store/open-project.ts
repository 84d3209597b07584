// Opening and creating project files: refuses foreign, hostile and newer files untouched, sets pragmas, runs migrations.
import { notAFile } from './file-kind';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../../src-shared/model/result';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';
import { schemaProblem } from './schema-check';

export type Db = Database.Database;

/** PRAGMA application_id of every Marginalia project file: the bytes "MRGN". */
export const MARGINALIA_APPLICATION_ID = 0x4d52474e;

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenProjectOptions {
  /** Open without any write to the file (an older file is migrated in memory only); for commands that only read. */
  readOnly?: boolean;
}

/** What the first 100 bytes of a file say about it, read without involving SQLite. */
function readHeader(path: string): { isSqlite: boolean; applicationId: number; userVersion: number } {
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, header, 0, 100, 0);
    if (read < 100) return { isSqlite: false, applicationId: 0, userVersion: 0 };
  } finally {
    closeSync(fd);
  }
  return {
    isSqlite: header.toString('latin1', 0, 16) === SQLITE_HEADER,
    userVersion: header.readInt32BE(60),
    applicationId: header.readInt32BE(68),
  };
}

function describeNotAProject(path: string): string {
  return `"${path}" is not a Marginalia project file.`;
}

/**
 * Checks, before anything is written, that `path` is a Marginalia project this version can open.
 * Throws a UserError (not_found, not_a_project, project_newer_version) otherwise.
 */
export function assertOpenableProject(path: string): void {
  if (!existsSync(path)) throw new UserError('not_found', `There is no project file at "${path}".`);
  const kind = notAFile(statSync(path));
  if (kind !== null) throw new UserError('not_a_project', `"${path}" is ${kind}, not a project file.`);
  const header = readHeader(path);
  if (!header.isSqlite || header.applicationId !== MARGINALIA_APPLICATION_ID) {
    throw new UserError('not_a_project', describeNotAProject(path));
  }
  if (header.userVersion > LATEST_SCHEMA_VERSION) throw newerVersion(path, header.userVersion);
}

function newerVersion(path: string, version: number): UserError {
  return new UserError(
    'project_newer_version',
    `"${path}" was saved by a newer version of Marginalia (file format ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update Marginalia to open it; the file was not changed.`,
  );
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a committed tag survives a power cut too, not only an application crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  // 32 MB of page cache: random UUID keys touch many index pages when tagging in bulk.
  db.pragma('cache_size = -32000');
}

/**
 * Runs every pending migration in one transaction and records the new user_version. Foreign keys are off while they
 * run (a migration may rebuild a table others refer to, SQLite's documented way to change a constraint) and every
 * reference is checked before the transaction commits.
 */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new UserError('project_newer_version', `This project was saved by a newer version of Marginalia (file format ${current}).`);
  }
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        db.exec(migration.up);
        db.pragma(`user_version = ${migration.version}`);
      }
      if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error('a migration left a broken reference between tables');
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

function wrapSqliteErrors<T>(path: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') throw new UserError('not_a_project', describeNotAProject(path));
    if (code.startsWith('SQLITE_CORRUPT')) {
      throw new UserError('project_corrupt', `"${path}" is damaged and cannot be opened safely.`);
    }
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
      throw new UserError('project_read_only', `"${path}" cannot be opened for writing: check the file's permissions.`);
    }
    throw error;
  }
}

/**
 * Refuses, on a read-only connection to `path`, anything but a Marginalia project of a version this build reads whose
 * schema is exactly the one Marginalia makes for that version.
 */
function assertTrustedProject(path: string, db: Db): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== MARGINALIA_APPLICATION_ID) throw new UserError('not_a_project', describeNotAProject(path));
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_SCHEMA_VERSION) throw newerVersion(path, version);
  const problem = schemaProblem(db);
  if (problem) throw new UserError('untrusted_content', `"${path}" ${problem}; it was not opened and was not changed.`);
}

/**
 * Opens `path` read-only without trusting it (no schema code trusted, no memory mapping, no writes) and checks it.
 * Reading a WAL-mode file read-only makes an empty -wal and a -shm beside it: a refused file is left as it was found.
 */
function openChecked(path: string): Db {
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    db.pragma('cell_size_check = ON');
    db.pragma('mmap_size = 0');
    db.pragma('busy_timeout = 5000');
    assertTrustedProject(path, db);
    return db;
  } catch (error) {
    db?.close();
    // Files this open made are removed, unless another process has started writing to the new -wal meanwhile.
    const wal = `${path}-wal`;
    const othersWriting = sideFiles.includes(wal) && existsSync(wal) && statSync(wal).size > 0;
    if (!othersWriting) for (const file of sideFiles) rmSync(file, { force: true });
    throw error;
  }
}

/**
 * An older file opened read-only: its checked contents are migrated in memory, so reads see the current schema while
 * the file itself, and its folder, stay untouched (and nothing is left behind if the process is killed).
 */
function migratedInMemory(checked: Db): Db {
  const bytes = checked.serialize();
  checked.close();
  // Bytes 18–19 say "WAL mode", which an in-memory database cannot use; 1 is the rollback journal.
  bytes[18] = 1;
  bytes[19] = 1;
  const db = new Database(bytes);
  db.pragma('trusted_schema = OFF');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.pragma('query_only = ON');
  return db;
}

/**
 * The one way a project file is opened. Before anything is written and before any of the file's own SQL could run, it
 * is read-only checked (application id, version, exact schema for its version); only then is it opened for writing,
 * given its pragmas and migrated. With `readOnly`, the checked read-only connection is returned (an older file is
 * migrated in memory only).
 */
export function openProjectDatabase(path: string, options: OpenProjectOptions = {}): Db {
  assertOpenableProject(path);
  return wrapSqliteErrors(path, () => {
    const checked = openChecked(path);
    if (options.readOnly) {
      const version = checked.pragma('user_version', { simple: true }) as number;
      return version < LATEST_SCHEMA_VERSION ? migratedInMemory(checked) : checked;
    }
    checked.close();
    const db = new Database(path, { fileMustExist: true });
    try {
      applyPragmas(db);
      migrate(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

/** Creates a new, empty project file (schema only; the caller writes the project row). Refuses to overwrite. */
export function createProjectDatabase(path: string): Db {
  if (path !== ':memory:' && existsSync(path)) {
    throw new UserError('project_exists', `"${path}" already exists; choose another name or open it instead.`);
  }
  return wrapSqliteErrors(path, () => {
    const db = new Database(path);
    db.pragma(`application_id = ${MARGINALIA_APPLICATION_ID}`);
    if (path !== ':memory:') applyPragmas(db);
    else db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  });
}

// Opening and creating project files: migrations replayed, indexes used by the hot queries, pragmas, refusals.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src-shared/model/result';
import { createProject, openProject } from '../core/session';
import { temporaryDirectory } from '../test-support/project-fixture';
import type { DocumentId } from '../../src-shared/model/ids';
import { annotationsForDocument } from './annotations';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';
import { createProjectDatabase, MARGINALIA_APPLICATION_ID, openProjectDatabase } from './open-project';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tempPath(name: string): string {
  const dir = temporaryDirectory();
  cleanups.push(dir.remove);
  return join(dir.path, name);
}
function expectUserError(action: () => unknown, code: string): UserError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe(code);
    return error as UserError;
  }
  throw new Error(`expected a ${code} error`);
}

describe('migrations', () => {
  it('are numbered in tens, strictly increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    for (const v of versions) expect(v % 10).toBe(0);
  });

  it('replay on :memory: to the latest version with STRICT tables', () => {
    const db = createProjectDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(MARGINALIA_APPLICATION_ID);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[];
    const ftsShadows = ['search_index_config', 'search_index_data', 'search_index_docsize', 'search_index_idx'];
    expect(tables.map((t) => t.name).sort()).toEqual(
      ['actor_roles', 'actors', 'analyst_keys', 'analysts', 'annotation_rows', 'changes', 'dismissed_findings', 'document_changes', 'document_keys', 'documents', 'history', 'merge_conflicts', 'project', 'rejected_suggestions', 'search_documents', 'search_index', 'undo_horizon', ...ftsShadows].sort(),
    );
    // The full-text index is a virtual table whose shadow tables SQLite itself declares; every table of ours is STRICT.
    for (const table of tables.filter((t) => t.name !== 'search_index' && !ftsShadows.includes(t.name))) expect(table.sql).toMatch(/STRICT$/);
    db.close();
  });

  it('uses the index by document in the query that lists a document’s tags', () => {
    const db = createProjectDatabase(':memory:');
    /** The plan of the one statement `run` prepares: the production query, not a copy of it. */
    const planOf = (run: () => unknown): string => {
      const prepared: string[] = [];
      const prepare = db.prepare.bind(db);
      db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
      try {
        run();
      } finally {
        db.prepare = prepare as typeof db.prepare;
      }
      expect(prepared).toHaveLength(1);
      const plan = prepare(`EXPLAIN QUERY PLAN ${prepared[0]}`).all('x') as { detail: string }[];
      return plan.map((p) => p.detail).join(' ');
    };
    expect(planOf(() => annotationsForDocument(db, 'x' as DocumentId, false))).toMatch(/USING INDEX annotation_rows_by_document/);
    db.close();
  });
});

describe('opening project files', () => {
  it('sets WAL, full synchronous writes and foreign keys', () => {
    const path = tempPath('p.marginalia');
    createProject(path, 'P').close();
    const db = openProjectDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses to overwrite an existing file when creating', () => {
    const path = tempPath('p.marginalia');
    createProject(path, 'P').close();
    expectUserError(() => createProject(path, 'Again'), 'project_exists');
  });

  it('refuses a file from a newer version and leaves it byte-for-byte untouched', () => {
    const path = tempPath('newer.marginalia');
    const db = new Database(path);
    db.pragma(`application_id = ${MARGINALIA_APPLICATION_ID}`);
    db.exec('CREATE TABLE future (x INTEGER) STRICT');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    db.close();
    const before = readFileSync(path);
    const error = expectUserError(() => openProject(path), 'project_newer_version');
    expect(error.message).toMatch(/newer version of Marginalia/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses an SQLite file that is not a Marginalia project, untouched', () => {
    const path = tempPath('other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE notes (x TEXT)');
    db.close();
    const before = readFileSync(path);
    expectUserError(() => openProject(path), 'not_a_project');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a text file, an empty file and a missing file', () => {
    const text = tempPath('notes.marginalia');
    writeFileSync(text, 'hello, this is not a database at all, just some words that fill a hundred bytes or more of text to be sure');
    expectUserError(() => openProject(text), 'not_a_project');
    const empty = tempPath('empty.marginalia');
    writeFileSync(empty, '');
    expectUserError(() => openProject(empty), 'not_a_project');
    expectUserError(() => openProject(tempPath('missing.marginalia')), 'not_found');
  });

  it("keeps documents' text immutable, documents undeleted and the change log append-only", () => {
    const db = createProjectDatabase(':memory:');
    db.prepare("INSERT INTO analysts (id, display_name, created_at) VALUES ('a', 'A', 't')").run();
    db.prepare(
      "INSERT INTO documents VALUES ('d', 'h', 'T', NULL, NULL, NULL, 'f.txt', 'txt', 'utf-8', 'text', '[]', 't', 'a', NULL, NULL, NULL, NULL, NULL)",
    ).run();
    expect(() => db.prepare("UPDATE documents SET text = 'changed'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM documents').run()).toThrow(/never deleted/);
    db.prepare(
      "INSERT INTO changes (id, entity_type, entity_id, op, after, analyst_key, at, cause) VALUES ('c', 'actor', 'x', 'create', '{}', 1, 't', 'edit')",
    ).run();
    expect(() => db.prepare("UPDATE changes SET op = 'update'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM changes').run()).toThrow(/append-only/);
    db.close();
  });
});

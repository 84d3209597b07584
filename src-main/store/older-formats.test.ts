// Checks that project files written by older versions (formats 10 and 20, kept as fixtures) open read-only untouched and migrate keeping their data.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/main';
import { createProjectApi } from '../core/handlers';
import { readIncomingProject } from '../core/merge/incoming';
import { openProject } from '../core/session';
import { temporaryDirectory } from '../test-support/project-fixture';
import { LATEST_SCHEMA_VERSION } from './migrations/index';

const FIXTURES = join(import.meta.dirname, 'fixtures');
/** What make-fixtures.sh records in each file: four live tags (one of each kind), one undone claim, two actors. */
const LIVE_KINDS = ['actor', 'claim', 'figure', 'reliability_warning'];

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A copy of the fixture in a temporary folder: opening a WAL file, even read-only, puts -wal and -shm beside it. */
function copyOf(format: number): string {
  const dir = temporaryDirectory();
  cleanups.push(dir.remove);
  const path = join(dir.path, `format-${format}.marginalia`);
  copyFileSync(join(FIXTURES, `format-${format}.marginalia`), path);
  return path;
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every stored row of the tables the older formats share with the current one, as written. */
function rows(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const of = (sql: string) => db.prepare(sql).all();
    return {
      annotations: of(`SELECT id, document_id, kind, start_offset, end_offset, exact, prefix, suffix, attributes, note, analyst_id,
        created_at, updated_at, deleted_at, head_change_id FROM annotations ORDER BY id`),
      actors: of('SELECT * FROM actors ORDER BY id'),
      documents: of('SELECT id, sha256, title FROM documents ORDER BY id'),
      changes: of('SELECT id, entity_id, op, parent_id, before, after, cause FROM changes ORDER BY seq'),
    };
  } finally {
    db.close();
  }
}

describe.each([10, 20])('a project file of format %i, made by that version', (format) => {
  it('is exported read-only with every tag, and the file stays as it was', async () => {
    const path = copyOf(format);
    const before = sha(path);
    const session = openProject(path, { readOnly: true });
    const exported = await createProjectApi(session).call('export.project', { format: 'json' });
    session.close();
    expect(exported.ok).toBe(true);
    const files = (exported as { value: { files: { contentBase64: string }[] } }).value.files;
    const json = JSON.parse(Buffer.from(files[0]?.contentBase64 ?? '', 'base64').toString('utf8')) as { annotations: { kind: string; deletedAt: string | null }[]; actors: unknown[] };
    expect(json.annotations.filter((a) => a.deletedAt === null).map((a) => a.kind).sort()).toEqual(LIVE_KINDS);
    expect(json.annotations.filter((a) => a.deletedAt !== null).map((a) => a.kind)).toEqual(['claim']);
    expect(json.actors).toHaveLength(2);
    expect(sha(path)).toBe(before);
    expect(sha(path)).toBe(sha(join(FIXTURES, `format-${format}.marginalia`)));
  });

  it('is exported by the CLI', async () => {
    const path = copyOf(format);
    let stdout = '';
    let stderr = '';
    const env = { MARGINALIA_SETTINGS_DIR: join(path, '..', 'settings'), MARGINALIA_LOG_DIR: join(path, '..', 'logs') };
    const code = await runCli(['export', path, '--format', 'json', '--out', '-'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const live = (JSON.parse(stdout) as { annotations: { deletedAt: string | null }[] }).annotations.filter((a) => a.deletedAt === null);
    expect(live).toHaveLength(LIVE_KINDS.length);
  });

  it('is migrated when opened for writing, keeping every row, and its undo history still works', async () => {
    const path = copyOf(format);
    const before = rows(path);
    openProject(path).close();
    expect(rows(path)).toEqual(before);
    const session = openProject(path, { analystName: 'Olga Older' });
    expect(session.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    // The fixture ends with an undone claim: redo brings it back.
    const redone = await createProjectApi(session).call('history.redo', {});
    session.close();
    expect(redone).toMatchObject({ ok: true, value: { redone: { label: expect.stringMatching(/ultimatums are not/) } } });
    const annotations = rows(path).annotations as { deleted_at: unknown }[];
    expect(annotations.filter((a) => a.deleted_at === null)).toHaveLength(LIVE_KINDS.length + 1);
  });

  it('is read by merge and review with all its tags', () => {
    const incoming = readIncomingProject(copyOf(format));
    try {
      expect([...incoming.annotations].filter((a) => a.annotation.deletedAt === null).map((a) => a.annotation.kind).sort()).toEqual(LIVE_KINDS);
      expect(incoming.actors).toHaveLength(2);
    } finally {
      incoming.close();
    }
  });
});

// Checks that a project file carrying a trigger of its own is refused, unchanged, on every way in: CLI, app, serve, merge, review.
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workbench } from '../core/workbench';
import { startServer } from '../serve/server';
import { newTestProject, temporaryDirectory, type TestProject } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';

const WIPE = "CREATE TRIGGER wipe AFTER INSERT ON annotation_rows BEGIN DELETE FROM annotation_rows WHERE id<>NEW.id; UPDATE project SET name='pwned'; END;";
const REFUSAL = /contains a trigger “wipe” that Marginalia does not make/;

let dir: ReturnType<typeof temporaryDirectory>;
let hostile: string;
let documentId: string;
let receiver: TestProject;
beforeEach(async () => {
  dir = temporaryDirectory();
  const source = newTestProject();
  const document = await source.importSample('000_734da4ab211b7c49.txt');
  documentId = document.id;
  for (const start of [0, 10]) {
    await source.call('annotation.create', { documentId: document.id, kind: 'claim', target: { start, end: start + 5 } });
  }
  source.session.close();
  const db = new Database(source.path);
  db.exec(WIPE);
  db.close();
  hostile = join(dir.path, 'hostile.marginalia');
  copyFileSync(source.path, hostile);
  source.close();
  receiver = newTestProject('Rita Receiver');
});
afterEach(() => {
  receiver.close();
  dir.remove();
});

/** The file's bytes and its folder's listing: a refusal must leave both as they were (no -wal, no -shm). */
function fingerprint(path: string): string {
  return `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${readdirSync(dirname(path)).sort().join(',')}`;
}

const cli = (...argv: string[]) => runCliIn(dir.path, 'Cli Analyst', argv, { MARGINALIA_SETTINGS_DIR: join(dir.path, 'settings') });

describe('a project file with a trigger of its own', () => {
  it('is refused by the CLI commands tag, list and export, and stays byte-identical', async () => {
    const before = fingerprint(hostile);
    for (const argv of [
      ['tag', hostile, documentId, '--kind', 'claim', '--start', '20', '--end', '25'],
      ['list', hostile],
      ['export', hostile, '--format', 'json', '--out', join(dir.path, 'out.json')],
    ]) {
      const run = await cli(...argv);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(REFUSAL);
      expect(fingerprint(hostile)).toBe(before);
    }
  });

  it('is refused by the app and by serve at startup', async () => {
    const before = fingerprint(hostile);
    const workbench = new Workbench(join(dir.path, 'settings'), { kind: 'desktop' });
    expect(() => workbench.open(hostile)).toThrow(REFUSAL);
    expect(workbench.projectPath).toBeNull();
    await expect(startServer({ projectPath: hostile, settingsDir: join(dir.path, 'settings'), staticDir: dir.path })).rejects.toThrow(REFUSAL);
    expect(fingerprint(hostile)).toBe(before);
  });

  it('is refused by merge (CLI and preview) and by review, and the receiving project is not changed', async () => {
    const before = fingerprint(hostile);
    const content = readFileSync(hostile);
    for (const method of ['merge.preview', 'review.openFile'] as const) {
      const result = await receiver.result(method, { fileName: 'hostile.marginalia', content });
      expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_content' } });
      if (!result.ok) expect(result.error.message).toMatch(REFUSAL);
    }
    receiver.session.close();
    const receiverBefore = readFileSync(receiver.path);
    for (const extra of [['--dry-run'], []]) {
      const run = await cli('merge', receiver.path, hostile, ...extra);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(REFUSAL);
    }
    expect(fingerprint(hostile)).toBe(before);
    expect(readFileSync(receiver.path).equals(receiverBefore)).toBe(true);
  });

  it('is refused by merge and review when named like one of SQLite’s own (sqliteX…)', async () => {
    const db = new Database(hostile);
    db.exec('DROP TRIGGER wipe; CREATE TRIGGER sqliteXwipe AFTER INSERT ON annotation_rows BEGIN DELETE FROM annotation_rows; END;');
    db.close();
    const content = readFileSync(hostile);
    for (const method of ['merge.preview', 'review.openFile'] as const) {
      const result = await receiver.result(method, { fileName: 'hostile.marginalia', content });
      expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_content', message: expect.stringMatching(/trigger “sqliteXwipe”/) } });
    }
  });
});

// Checks `repair`: a clean project from a hostile or damaged file's valid rows, the file untouched, --out never overwritten.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeOverLimit, FILE_LIMITS } from '../../src-shared/api/limits';
import { UserError } from '../../src-shared/model/result';
import { runCli } from '../cli/main';
import { createProjectApi } from './handlers';
import { newTestProject, temporaryDirectory } from '../test-support/project-fixture';
import { repairProject } from './repair';
import { openProject } from './session';

const WIPE = "CREATE TRIGGER wipe AFTER INSERT ON annotation_rows BEGIN DELETE FROM annotation_rows WHERE id<>NEW.id; UPDATE project SET name='pwned'; END;";

let dir: ReturnType<typeof temporaryDirectory>;
let source: string;
let documentId: string;
beforeEach(async () => {
  dir = temporaryDirectory();
  const project = newTestProject();
  const document = await project.importSample('000_734da4ab211b7c49.txt');
  documentId = document.id;
  const actor = await project.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' });
  await project.call('annotation.create', { documentId: document.id, kind: 'claim', target: { start: 0, end: 5 } });
  await project.call('annotation.create', { documentId: document.id, kind: 'actor', target: { start: 10, end: 15 }, attributes: { actorId: actor.id } });
  await project.call('annotation.create', { documentId: document.id, kind: 'reliability_warning', target: null, attributes: { severity: 'high', category: 'other' } });
  project.session.close();
  source = join(dir.path, 'source.marginalia');
  copyFileSync(project.path, source);
  project.close();
});
afterEach(() => dir.remove());

function tamper(sql: string): void {
  const db = new Database(source);
  db.pragma('ignore_check_constraints = ON');
  db.exec(sql);
  db.close();
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function contents(path: string) {
  const session = openProject(path, { readOnly: true });
  try {
    const api = createProjectApi(session);
    const exported = await api.call('export.project', { format: 'json' });
    if (!exported.ok) throw new Error(exported.error.message);
    const file = (exported.value as { files: { contentBase64: string }[] }).files[0];
    const json = JSON.parse(Buffer.from(file?.contentBase64 ?? '', 'base64').toString('utf8')) as { annotations: { kind: string }[]; actors: unknown[]; documents: unknown[] };
    return { kinds: json.annotations.map((a) => a.kind).sort(), actors: json.actors.length, documents: json.documents.length };
  } finally {
    session.close();
  }
}

describe('repair', () => {
  it('rebuilds a file with a trigger and a view of its own into one that opens, with every tag, and leaves the file as it was', async () => {
    tamper(`${WIPE} CREATE VIEW everything AS SELECT * FROM documents;`);
    const before = sha(source);
    const listing = readdirSync(dir.path).sort();
    const out = join(dir.path, 'repaired.marginalia');
    const lines = repairProject(source, out);
    expect(sha(source)).toBe(before);
    expect(readdirSync(dir.path).sort()).toEqual([...listing, 'repaired.marginalia'].sort());
    expect(lines).toContain('tags: kept 3');
    expect(lines).toContain('documents: kept 1');
    expect(lines).toContain('actors: kept 1');
    expect(lines.join('\n')).toMatch(/schema: rebuilt as Marginalia makes it; the file contains (a trigger “wipe”|a view “everything”)/);
    expect(await contents(out)).toEqual({ kinds: ['actor', 'claim', 'reliability_warning'], actors: 1, documents: 1 });
    // The repaired file no longer carries the trigger: tagging keeps the other tags.
    const session = openProject(out, { analystName: 'Ada Analyst' });
    await createProjectApi(session).call('annotation.create', { documentId: documentId as never, kind: 'claim', target: { start: 20, end: 25 } });
    session.close();
    expect((await contents(out)).kinds).toHaveLength(4);
  });

  it('drops the rows that fail validation and says why, keeping the rest', async () => {
    tamper("UPDATE annotation_rows SET end_offset = 100000 WHERE kind = 'claim'; UPDATE actors SET kind = 'spaceship';");
    const out = join(dir.path, 'repaired.marginalia');
    const lines = repairProject(source, out);
    expect(lines).toContain("tags: kept 2, dropped 1 (a tag's offsets 0–100000 lie outside its document)");
    expect(lines.find((l) => l.startsWith('actors:'))).toMatch(/^actors: kept 0, dropped 1 \(actor 1 is malformed \(kind: /);
    expect(await contents(out)).toEqual({ kinds: ['actor', 'reliability_warning'], actors: 0, documents: 1 });
  });

  it('never queries a view standing in for one of its tables', async () => {
    tamper(`PRAGMA foreign_keys = OFF; DROP TABLE annotation_rows; CREATE VIEW annotation_rows AS SELECT abs(-9223372036854775807 - 1) AS id;`);
    const lines = repairProject(source, join(dir.path, 'repaired.marginalia'));
    expect(lines).toContain('tags: kept 0, dropped 1 (the file has no annotations table)');
  });

  it('refuses to overwrite --out, and the CLI prints what was kept and dropped', async () => {
    const out = join(dir.path, 'taken.marginalia');
    writeFileSync(out, 'mine');
    expect(() => repairProject(source, out)).toThrow(UserError);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: { MARGINALIA_SETTINGS_DIR: join(dir.path, 'settings'), MARGINALIA_LOG_DIR: join(dir.path, 'logs') } };
    expect(await runCli(['repair', source, '--out', out], io)).not.toBe(0);
    expect(stderr).toMatch(/already exists/);
    expect(await runCli(['repair', source, '--out', join(dir.path, 'new.marginalia')], io)).toBe(0);
    expect(stdout).toMatch(/^Repaired .* into .*new\.marginalia:\n {2}project: “Test project”\n {2}analysts: kept 1\n/);
  });

  it('reads the file as other commands do: one over the size limit is refused before it is read, nothing written', () => {
    const size = FILE_LIMITS.project + 1024 * 1024;
    truncateSync(source, size); // sparse: the header stays a project's
    const out = join(dir.path, 'repaired.marginalia');
    expect(() => repairProject(source, out)).toThrow(describeOverLimit('project', size));
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a write-ahead log that is a named pipe at once instead of waiting on it', () => {
    execFileSync('mkfifo', [`${source}-wal`]);
    const out = join(dir.path, 'repaired.marginalia');
    expect(() => repairProject(source, out)).toThrow(/is a named pipe, not a file/);
    expect(existsSync(out)).toBe(false);
  });
});

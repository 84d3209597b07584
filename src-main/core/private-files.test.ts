// Private copies of teammates' files: none left after a killed merge once Marginalia starts again, nor after a clean
// exit; only the folders of processes that no longer run are removed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { newTestProject, temporaryDirectory, type TestProject } from '../test-support/project-fixture';
import { packProject } from './merge/index';
import { removeStalePrivateFolders } from './private-files';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'marginalia.mjs');
const open: TestProject[] = [];
const dirs: ReturnType<typeof temporaryDirectory>[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
  for (const d of dirs.splice(0)) d.remove();
});

function folder(): string {
  const dir = temporaryDirectory();
  dirs.push(dir);
  return dir.path;
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** What Marginalia left in the temp folder (tsx keeps its own cache there too). */
function leftInTemp(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => name.startsWith('marginalia-'));
}

/** A teammate's file large enough that checking it takes a while: one article and 6,000 tags. */
async function largeTeammateFile(out: string): Promise<void> {
  const ben = newTestProject('Ben');
  open.push(ben);
  const document = await ben.importSample('004_27bf8040a9b2cbc5.txt');
  const annotations = Array.from({ length: 6000 }, (_, i) => ({ documentId: document.id, kind: 'claim' as const, target: { start: i % 4000, end: (i % 4000) + 12 } }));
  await ben.call('annotation.createMany', { annotations });
  packProject(ben.session, out);
}

function cliEnv(tmp: string, work: string): NodeJS.ProcessEnv {
  return { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, MARGINALIA_ANALYST: 'Anna', MARGINALIA_SETTINGS_DIR: join(work, 'settings') };
}

it('leaves no private copy behind once Marginalia starts again after a merge was killed half-way', async () => {
  const work = folder();
  const tmp = join(work, 'tmp');
  mkdirSync(tmp);
  const teammate = join(work, 'ben.marginalia');
  await largeTeammateFile(teammate);
  const project = join(work, 'anna.marginalia');
  expect(spawnSync(process.execPath, [BIN, 'new', project], { env: cliEnv(tmp, work) }).status).toBe(0);

  const merge = spawn(process.execPath, [BIN, 'merge', project, teammate], { env: cliEnv(tmp, work), stdio: 'ignore' });
  const exited = new Promise((resolve) => merge.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  let copies: string[] = [];
  while (copies.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    copies = filesUnder(tmp).filter((path) => path.endsWith('.marginalia'));
  }
  merge.kill('SIGKILL');
  await exited;
  // The teammate's file as received, and (once checked) the copy the merge reads: both in this process's folder.
  expect(copies.length).toBeGreaterThan(0);
  for (const copy of copies) expect(copy).toMatch(new RegExp(`^marginalia-${merge.pid}-\\w{6}/(received|incoming)-\\w{6}/(received|incoming)\\.marginalia$`));
  expect(leftInTemp(tmp)).toHaveLength(1); // the kill left it there

  expect(spawnSync(process.execPath, [BIN, 'list', project], { env: cliEnv(tmp, work) }).status).toBe(0);
  expect(leftInTemp(tmp)).toEqual([]);
}, 120_000);

it('removes the process’s private folder when a merge ends normally', async () => {
  const work = folder();
  const tmp = join(work, 'tmp');
  mkdirSync(tmp);
  const teammate = join(work, 'ben.marginalia');
  const ben = newTestProject('Ben');
  open.push(ben);
  await ben.importSample('004_27bf8040a9b2cbc5.txt');
  packProject(ben.session, teammate);
  const project = join(work, 'anna.marginalia');
  expect(spawnSync(process.execPath, [BIN, 'new', project], { env: cliEnv(tmp, work) }).status).toBe(0);
  const merged = spawnSync(process.execPath, [BIN, 'merge', project, teammate], { env: cliEnv(tmp, work), encoding: 'utf8' });
  expect(merged.stdout).toMatch(/^Merged/);
  expect(leftInTemp(tmp)).toEqual([]);
}, 60_000);

it('removes only the private folders of processes that no longer run', () => {
  const parent = folder();
  const ended = spawnSync(process.execPath, ['-e', '0']).pid;
  const names = [`marginalia-${process.pid}-abc123`, `marginalia-${ended}-def456`, 'marginalia-test-ghi789', 'other-thing'];
  for (const name of names) mkdirSync(join(parent, name));
  removeStalePrivateFolders(parent);
  expect(readdirSync(parent).sort()).toEqual([`marginalia-${process.pid}-abc123`, 'marginalia-test-ghi789', 'other-thing']);
  expect(existsSync(join(parent, `marginalia-${ended}-def456`))).toBe(false);
});

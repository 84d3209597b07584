// Checks how bin/marginalia.mjs chooses between the prebuilt CLI and the TypeScript sources, on a copy of the layout.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';

const ROOT = join(import.meta.dirname, '..');
let dir: ReturnType<typeof temporaryDirectory>;
let source: string;

/** A copy of the bin beside a stand-in bundle and stand-in sources that say which one ran. */
beforeEach(() => {
  dir = temporaryDirectory();
  mkdirSync(join(dir.path, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'marginalia.mjs'), join(dir.path, 'bin', 'marginalia.mjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir.path, 'node_modules'));
  mkdirSync(join(dir.path, 'src-main', 'cli'), { recursive: true });
  source = join(dir.path, 'src-main', 'cli', 'main.ts');
  writeFileSync(source, "export async function runCli(argv: string[], io: { stdout(t: string): void }): Promise<number> { io.stdout(`source ${argv.join(' ')}\\n`); return 3; }\n");
  const old = new Date(Date.now() - 60_000);
  utimesSync(source, old, old);
  mkdirSync(join(dir.path, 'out', 'cli'), { recursive: true });
  writeFileSync(join(dir.path, 'out', 'cli', 'main.mjs'), "export async function runCli(argv, io) { io.stdout(`bundle ${argv.join(' ')}\\n`); return 4; }\n");
  writeFileSync(join(dir.path, 'out', 'cli', 'inputs.json'), JSON.stringify(['src-main/cli/main.ts', 'package-lock.json']));
});
afterEach(() => dir.remove());

function run(args: string[], env: Record<string, string> = {}) {
  const { MARGINALIA_CLI: _ignored, ...rest } = process.env;
  const result = spawnSync(process.execPath, [join(dir.path, 'bin', 'marginalia.mjs'), ...args], { encoding: 'utf8', env: { ...rest, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/marginalia.mjs', () => {
  it('runs the prebuilt CLI when no source is newer, silently, with its exit code', () => {
    expect(run(['list', 'x'])).toEqual({ code: 4, stdout: 'bundle list x\n', stderr: '' });
  });

  it('runs the sources through tsx when one is newer than the bundle, saying so only with --verbose', () => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(source, future, future);
    expect(run(['list'])).toEqual({ code: 3, stdout: 'source list\n', stderr: '' });
    const verbose = run(['list', '--verbose']);
    expect(verbose.stdout).toBe('source list --verbose\n');
    expect(verbose.stderr).toBe('marginalia: running the TypeScript sources through tsx: src-main/cli/main.ts changed after the prebuilt CLI was built (npm run build:cli rebuilds it).\n');
  });

  it('MARGINALIA_CLI=bundle refuses a stale bundle in one line; MARGINALIA_CLI=source takes the sources', () => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(source, future, future);
    const refused = run(['list'], { MARGINALIA_CLI: 'bundle' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^marginalia: MARGINALIA_CLI=bundle, but src-main\/cli\/main\.ts changed after the prebuilt CLI was built .*\n$/);
    utimesSync(source, new Date(0), new Date(0));
    expect(run(['list'], { MARGINALIA_CLI: 'source' }).stdout).toBe('source list\n');
  });

  it('falls back to the sources when there is no bundle, and keeps it when its sources are not shipped', () => {
    writeFileSync(join(dir.path, 'out', 'cli', 'inputs.json'), JSON.stringify(['src-main/cli/gone.ts']));
    expect(run(['a']).stdout).toBe('bundle a\n');
    rmSync(join(dir.path, 'out', 'cli', 'main.mjs'));
    const missing = run(['a'], { MARGINALIA_CLI: 'bundle' });
    expect(missing.stderr).toBe('marginalia: MARGINALIA_CLI=bundle, but the prebuilt CLI is not there (npm run build:cli makes it).\n');
    expect(run(['a']).stdout).toBe('source a\n');
  });

  it('runs the bundle of an installed copy, which ships no sources at all', () => {
    rmSync(join(dir.path, 'src-main'), { recursive: true });
    expect(run(['a'], { MARGINALIA_CLI: 'bundle' })).toEqual({ code: 4, stdout: 'bundle a\n', stderr: '' });
  });
});

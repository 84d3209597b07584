// Checks how the CLI reports failures: one line on stderr, and for unexpected errors the log file that holds the details.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test-support/project-fixture';
import { runCli } from './main';

let dir: ReturnType<typeof temporaryDirectory>;
let project: string;
beforeEach(async () => {
  dir = temporaryDirectory();
  project = join(dir.path, 'p.marginalia');
  expect(await runCli(['new', project], { stdout: () => {}, stderr: () => {}, env: { MARGINALIA_ANALYST: 'Ada', MARGINALIA_SETTINGS_DIR: join(dir.path, 's') } })).toBe(0);
});
afterEach(() => dir.remove());

/** Runs `list` with a terminal whose standard output breaks: an error the CLI does not expect. */
async function brokenList(logDir: string, ...extra: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(['list', project, ...extra], {
    stdout: () => {
      throw new Error('the terminal went away');
    },
    stderr: (t) => (stderr += t),
    env: { MARGINALIA_SETTINGS_DIR: join(dir.path, 's'), MARGINALIA_LOG_DIR: logDir },
  });
  return { code, stderr };
}

describe('unexpected errors', () => {
  it('print one line naming the log file, which holds the stack', async () => {
    const logDir = join(dir.path, 'logs');
    const { code, stderr } = await brokenList(logDir);
    const logFile = join(logDir, 'marginalia.log');
    expect(code).toBe(2);
    expect(stderr).toBe(`marginalia: unexpected error: the terminal went away. Details are in ${logFile}.\n`);
    const entry = JSON.parse(readFileSync(logFile, 'utf8').trim()) as { command: string; err: { message: string; stack: string } };
    expect(entry).toMatchObject({ command: 'list', err: { message: 'the terminal went away' } });
    expect(entry.err.stack).toMatch(/errors\.test\.ts:\d+/);
  });

  it('print the stack on stderr too with --verbose', async () => {
    const { stderr } = await brokenList(join(dir.path, 'logs'), '--verbose');
    const [first, ...rest] = stderr.trim().split('\n');
    expect(first).toMatch(/^marginalia: unexpected error: the terminal went away\. Details are in .*marginalia\.log\.$/);
    expect(rest[0]).toBe('Error: the terminal went away');
    expect(rest.join('\n')).toMatch(/errors\.test\.ts:\d+/);
  });

  it('say so in the one line when the log cannot be written', async () => {
    const { code, stderr } = await brokenList(join(project, 'logs'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^marginalia: unexpected error: the terminal went away\. The details could not be written to .*; run again with --verbose to see them\.\n$/);
  });
});

describe('user errors and usage errors', () => {
  it('are one line each on stderr, with no stack', async () => {
    const cases = [
      ['list', join(dir.path, 'missing.marginalia')],
      ['list', project, '--bogus'],
      ['lsit', project],
      ['import', project],
      ['tag', project, 'x', '--kind', 'opinion'],
    ];
    for (const argv of cases) {
      let stderr = '';
      const code = await runCli(argv, { stdout: () => {}, stderr: (t) => (stderr += t), env: { MARGINALIA_SETTINGS_DIR: join(dir.path, 's'), MARGINALIA_LOG_DIR: join(dir.path, 'logs') } });
      expect(code, argv.join(' ')).toBe(1);
      expect(stderr, argv.join(' ')).toMatch(/^marginalia: [^\n]+\n$/);
    }
  });
});

// Checks where the log file is on each platform, that MARGINALIA_LOG_DIR overrides it, and what an entry holds.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test-support/project-fixture';
import { logDirectory, logFilePath, logUnexpectedError } from './log';

describe('the log folder', () => {
  it("is the platform's folder for logs", () => {
    expect(logDirectory({}, 'linux', '/home/ada')).toBe('/home/ada/.local/state/marginalia');
    expect(logDirectory({ XDG_STATE_HOME: '/var/ada/state' }, 'linux', '/home/ada')).toBe('/var/ada/state/marginalia');
    expect(logDirectory({ XDG_STATE_HOME: 'relative/state' }, 'linux', '/home/ada')).toBe('/home/ada/.local/state/marginalia');
    expect(logDirectory({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Logs/Marginalia');
    expect(logDirectory({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', 'C:\\Users\\ada')).toBe(join('C:\\Users\\ada\\AppData\\Local', 'Marginalia', 'logs'));
  });

  it('is MARGINALIA_LOG_DIR when it is set, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(logDirectory({ MARGINALIA_LOG_DIR: '/tmp/logs' }, platform, '/home/ada')).toBe('/tmp/logs');
  });
});

describe('logUnexpectedError', () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => (dir = temporaryDirectory()));
  afterEach(() => dir.remove());

  it('appends one JSON line with the message, the stack and the context, creating the folder, and returns the file', () => {
    const env = { MARGINALIA_LOG_DIR: join(dir.path, 'new', 'logs') };
    const file = logUnexpectedError(new Error('first'), { command: 'list' }, env);
    logUnexpectedError('second', { command: 'show' }, env);
    expect(file).toBe(logFilePath(env));
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { command: string; err: { message: string; stack: string }; time: string; pid: number });
    expect(lines.map((l) => [l.command, l.err.message])).toEqual([['list', 'first'], ['show', 'second']]);
    expect(lines[0]?.err.stack).toMatch(/log\.test\.ts/);
    expect(lines[0]?.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(lines[0]?.time ?? ''))).toBe(false);
  });

  it('throws when the log cannot be written (its folder would be below a file)', () => {
    writeFileSync(join(dir.path, 'a-file'), '');
    expect(() => logUnexpectedError(new Error('y'), {}, { MARGINALIA_LOG_DIR: join(dir.path, 'a-file', 'logs') })).toThrow();
  });
});

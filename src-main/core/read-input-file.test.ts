// Checks readInputFile: folders, devices and named pipes refused at once, sizes checked before reading, regular files read whole.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeBytes, FILE_LIMITS, MB } from '../../src-shared/api/limits';
import { UserError } from '../../src-shared/model/result';
import { temporaryDirectory } from '../test-support/project-fixture';
import { checkInputFile, readInputFile } from './read-input-file';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

function refusal(read: () => unknown): UserError {
  try {
    read();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Runs `read` and returns its refusal and how long it took. */
function timedRefusal(read: () => unknown): { error: UserError; ms: number } {
  const started = performance.now();
  const error = refusal(read);
  return { error, ms: performance.now() - started };
}

const posix = process.platform !== 'win32';

describe('readInputFile', () => {
  it.runIf(posix && existsSync('/dev/zero'))('refuses /dev/zero at once, as a device', () => {
    const { error, ms } = timedRefusal(() => readInputFile('/dev/zero', 'article'));
    expect(error.message).toBe('“/dev/zero” is a device, not a file: Marginalia reads only regular files.');
    expect(ms).toBeLessThan(500);
  });

  it.runIf(posix)('refuses a named pipe at once, without waiting for a writer', () => {
    const fifo = join(dir.path, 'pipe.marginalia');
    execFileSync('mkfifo', [fifo]);
    for (const read of [() => readInputFile(fifo, 'project'), () => checkInputFile(fifo, 'project')]) {
      const { error, ms } = timedRefusal(read);
      expect(error.message).toContain('is a named pipe, not a file');
      expect(ms).toBeLessThan(500);
    }
  });

  it('refuses a folder as a folder', () => {
    const folder = join(dir.path, 'articles.txt');
    mkdirSync(folder);
    expect(refusal(() => readInputFile(folder, 'article')).message).toBe(`“${folder}” is a folder, not a file: Marginalia reads only regular files.`);
  });

  it('refuses a (sparse) 1.5 GB file by its size, before reading, with the limit in the message', () => {
    const big = join(dir.path, 'big.html');
    writeFileSync(big, '');
    truncateSync(big, 1.5 * 1024 * MB);
    const { error, ms } = timedRefusal(() => readInputFile(big, 'article'));
    expect(error.message).toBe(`“${big}” is 1.5 GB; articles are at most 10 MB.`);
    expect(ms).toBeLessThan(500);
    expect(refusal(() => readInputFile(big, 'project')).message).toBe(`“${big}” is 1.5 GB; project files are at most ${describeBytes(FILE_LIMITS.project)}.`);
  });

  it('accepts a file of exactly the limit and refuses one byte more', () => {
    const file = join(dir.path, 'edge.txt');
    writeFileSync(file, '');
    truncateSync(file, FILE_LIMITS.article);
    expect(readInputFile(file, 'article').length).toBe(FILE_LIMITS.article);
    truncateSync(file, FILE_LIMITS.article + 1);
    expect(refusal(() => readInputFile(file, 'article')).message).toContain('articles are at most 10 MB');
  });

  it('says when there is no file at the path', () => {
    const missing = join(dir.path, 'missing.txt');
    const error = refusal(() => readInputFile(missing, 'article'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe(`There is no file at “${missing}”.`);
  });

  it('reads a regular file byte for byte', () => {
    const file = join(dir.path, 'bytes.bin');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        writeFileSync(file, bytes);
        expect(readInputFile(file, 'annotations').equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

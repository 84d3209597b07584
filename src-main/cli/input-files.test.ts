// Checks the files the CLI is given: refused at once unless regular and within their limit, and `import` takes all of them or none.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';
import { describeBytes, FILE_LIMITS } from '../../src-shared/api/limits';

let dir: ReturnType<typeof temporaryDirectory>;
let project: string;
beforeEach(() => {
  dir = temporaryDirectory();
  project = join(dir.path, 'talks.marginalia');
});
afterEach(() => dir.remove());

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  const run = await runCliIn(dir.path, 'Ada', argv);
  return { ...run, ms: performance.now() - started };
}

const SAMPLE = join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt');
const posix = process.platform !== 'win32';

/** The commands that read a file the user names, each with that file's place in its arguments. */
function readingCommands(file: string): string[][] {
  return [
    ['import', project, file],
    ['import-annotations', project, file, '--format', 'w3c'],
    ['merge', project, file],
    ['merge', project, file, '--dry-run'],
    ['agreement', project, '--analysts', 'Ada,Ada', '--against', file],
    ['review', project, 'Diplomatic', '--analysts', 'Ada,Ada', '--against', file],
  ];
}

async function expectRefusedEverywhere(file: string, reason: string): Promise<void> {
  const before = readFileSync(project);
  for (const argv of readingCommands(file)) {
    const result = await cli(...argv);
    expect(result.code, argv.join(' ')).toBe(1);
    expect(result.stderr, argv.join(' ')).toBe(`marginalia: “${file}” ${reason}\n`);
    expect(result.ms, argv.join(' ')).toBeLessThan(2_000);
  }
  expect(readFileSync(project).equals(before)).toBe(true);
}

describe('files named on the command line', () => {
  beforeEach(async () => {
    await cli('new', project);
    await cli('import', project, SAMPLE);
  });

  it.runIf(posix && existsSync('/dev/zero'))('refuses /dev/zero at once in every command that reads a file', async () => {
    await expectRefusedEverywhere('/dev/zero', 'is a device, not a file: Marginalia reads only regular files.');
  });

  it.runIf(posix)('refuses a named pipe at once in every command that reads a file, with no writer at the other end', async () => {
    const fifo = join(dir.path, 'teammate.marginalia');
    execFileSync('mkfifo', [fifo]);
    await expectRefusedEverywhere(fifo, 'is a named pipe, not a file: Marginalia reads only regular files.');
  });

  it('refuses a folder as a folder in every command that reads a file', async () => {
    const folder = join(dir.path, 'folder.marginalia');
    mkdirSync(folder);
    await expectRefusedEverywhere(folder, 'is a folder, not a file: Marginalia reads only regular files.');
  });

  it('refuses an over-large file by its size, naming the limit for its kind', async () => {
    const big = join(dir.path, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 1.5 * 1024 ** 3);
    const annotations = await cli('import-annotations', project, big, '--format', 'w3c');
    expect(annotations.stderr).toBe(`marginalia: “${big}” is 1.5 GB; annotation files are at most 200 MB.\n`);
    const merge = await cli('merge', project, big);
    expect(merge.stderr).toBe(`marginalia: “${big}” is 1.5 GB; project files are at most ${describeBytes(FILE_LIMITS.project)}.\n`);
    const article = await cli('import', project, big);
    expect(article.stderr).toBe(`marginalia: “${big}” is 1.5 GB; articles are at most 10 MB.\n`);
  });
});

describe('import of several files', () => {
  it('imports nothing when one file is refused, and says which and why', async () => {
    await cli('new', project);
    const binary = join(dir.path, 'image.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const before = readFileSync(project);
    const result = await cli('import', project, SAMPLE, binary, join(SAMPLE_DIR, '001_53db5d5361afbcfc.txt'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^marginalia: image\.txt: .+ Nothing was imported\.\n$/);
    expect(readFileSync(project).equals(before)).toBe(true);
    expect(JSON.parse((await cli('list', project, '--json')).stdout)).toEqual([]);
    const missing = await cli('import', project, SAMPLE, join(dir.path, 'missing.txt'));
    expect(missing.stderr).toBe(`marginalia: There is no file at “${join(dir.path, 'missing.txt')}”. Nothing was imported.\n`);
    expect(readFileSync(project).equals(before)).toBe(true);
  });

  it('imports every file in one go, reporting duplicates of the project and of each other as duplicates', async () => {
    await cli('new', project);
    await cli('import', project, SAMPLE);
    const copy = join(dir.path, 'copy.txt');
    const other = join(dir.path, 'other.txt');
    writeFileSync(copy, readFileSync(SAMPLE));
    writeFileSync(other, 'Talks in Geneva\n\nThe delegations met on Monday.\n');
    const result = await cli('import', project, other, SAMPLE, copy, other, '--json');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { file: string; status: string; document: { id: string } }[];
    expect(rows.map((r) => [r.file, r.status])).toEqual([
      [other, 'imported'],
      [SAMPLE, 'duplicate'],
      [copy, 'duplicate'],
      [other, 'duplicate'],
    ]);
    expect(rows[3]?.document.id).toBe(rows[0]?.document.id);
    expect(JSON.parse((await cli('list', project, '--json')).stdout)).toHaveLength(2);
  });
});

// Checks `marginalia document` and `marginalia remove`: edits show in `list`, removal hides the document and its tags,
// `marginalia undo` takes back both, and a bad date or an unknown document is one line with the file left as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCli } from './main';

let dir: ReturnType<typeof temporaryDirectory>;
let project: string;

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { MARGINALIA_SETTINGS_DIR: join(dir.path, 's') } });
  return { code, stdout, stderr };
}

beforeEach(async () => {
  dir = temporaryDirectory();
  project = join(dir.path, 'talks.marginalia');
  await cli('new', project, '--analyst', 'Ada');
  await cli('import', project, join(SAMPLE_DIR, '000_734da4ab211b7c49.txt'), join(SAMPLE_DIR, '001_53db5d5361afbcfc.txt'), '--analyst', 'Ada');
  await cli('tag', project, 'Miami Negotiations', '--kind', 'actor', '--quote', 'Budanov', '--set', 'actor=Kyrylo Budanov', '--analyst', 'Ada');
  await cli('tag', project, 'Miami Negotiations', '--kind', 'figure', '--quote', '2026', '--analyst', 'Ada');
});
afterEach(() => dir.remove());

describe('marginalia document', () => {
  it('edits the title, date, author and source, shows them in list, and undo takes the edit back', async () => {
    const listedBefore = (await cli('list', project)).stdout;
    const edited = await cli('document', project, 'Miami Negotiations', '--title', 'Talks in Miami', '--date', '2026-01-17', '--author', 'A. Writer', '--source', 'Example News', '--analyst', 'Ada');
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/Talks in Miami — 2026-01-17 · A\. Writer · Example News/);
    const listed = (await cli('list', project)).stdout;
    expect(listed).toMatch(/2026-01-17.*Talks in Miami/);
    const undone = await cli('undo', project, '--analyst', 'Ada');
    expect(undone.stdout).toMatch(/^Undid: Edit the details of/);
    expect((await cli('list', project)).stdout).toBe(listedBefore);
  });

  it('refuses a date that is not YYYY-MM-DD, an unknown document and nothing to change, in one line, file unchanged', async () => {
    const before = readFileSync(project);
    for (const argv of [
      ['document', project, 'Miami Negotiations', '--date', '17/01/2026'],
      ['document', project, 'Miami Negotiations', '--date', '2026-02-30'],
      ['document', project, 'no such article', '--title', 'X'],
      ['document', project, 'Miami Negotiations'],
      ['remove', project, 'no such article'],
    ]) {
      const result = await cli(...argv, '--analyst', 'Ada');
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^marginalia: /);
    }
    expect((await cli('document', project, 'Miami Negotiations', '--date', '17/01/2026', '--analyst', 'Ada')).stderr).toMatch(/not a date: write it as YYYY-MM-DD/);
    expect(readFileSync(project).equals(before)).toBe(true);
  });
});

describe('marginalia remove', () => {
  it('removes a document with its tags from list, tags and search, and undo brings them all back', async () => {
    const tagsBefore = (await cli('tags', project)).stdout;
    const removed = await cli('remove', project, 'Miami Negotiations', '--analyst', 'Ada');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/^Removed “Miami.*” and its 2 tag\(s\)/);
    expect((await cli('list', project)).stdout).not.toMatch(/Miami Negotiations/);
    expect((await cli('tags', project)).stdout).not.toMatch(/Budanov/);
    expect((await cli('search', project, 'Driscoll')).stdout).not.toMatch(/Miami Negotiations/);
    expect((await cli('show', project, 'Miami Negotiations')).code).toBe(1);

    expect((await cli('undo', project, '--analyst', 'Ada')).stdout).toMatch(/^Undid: Remove “Miami/);
    expect((await cli('list', project)).stdout).toMatch(/Miami Negotiations/);
    expect((await cli('tags', project)).stdout).toBe(tagsBefore);
    expect((await cli('search', project, 'Driscoll')).stdout).toMatch(/Miami Negotiations/);
  });
});

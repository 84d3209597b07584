// A teammate's file opened for review through the contract: matched articles, separate identities, read-only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { newTestProject, temporaryDirectory, type TestProject } from '../test-support/project-fixture';
import { packProject } from './merge/index';
import { teammateFile } from './teammate-files';

const open: TestProject[] = [];
const dirs: ReturnType<typeof temporaryDirectory>[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
  for (const d of dirs.splice(0)) d.remove();
});

function project(name: string): TestProject {
  const p = newTestProject(name);
  open.push(p);
  return p;
}

function packed(p: TestProject): Buffer {
  const dir = temporaryDirectory();
  dirs.push(dir);
  const out = join(dir.path, 'shared.marginalia');
  packProject(p.session, out);
  return readFileSync(out);
}

it('matches articles by text, keeps the file’s identities apart, and never writes decisions for it', async () => {
  const mine = project('Anna');
  const theirs = project('Anna'); // the same name, another analyst in another file
  const shared = await mine.importSample('004_27bf8040a9b2cbc5.txt');
  await mine.importSample('000_734da4ab211b7c49.txt');
  const theirShared = await theirs.importSample('004_27bf8040a9b2cbc5.txt');
  await theirs.importSample('001_53db5d5361afbcfc.txt');
  await theirs.importSample('002_1d2e21283015eb8c.txt');
  const { text } = await mine.call('document.get', { id: shared.id });
  const start = text.indexOf('did not formally return to office');
  const target = { start, end: start + 'did not formally return to office'.length };
  await mine.call('annotation.create', { documentId: shared.id, kind: 'claim', target });
  const theirTag = await theirs.call('annotation.create', { documentId: theirShared.id, kind: 'claim', target });

  const opened = await mine.call('review.openFile', { fileName: 'anna-laptop.marginalia', content: packed(theirs) });
  expect(opened.documents).toEqual([{ documentId: shared.id, title: shared.title, tags: 1 }]);
  expect(opened.otherDocuments).toBe(2);
  const { analysts: ours } = await mine.call('project.info', {});
  const [fileAnna] = opened.analysts;
  expect(fileAnna?.name).toBe('Anna');
  expect(ours.some((a) => a.id === fileAnna?.id)).toBe(false);

  const pair = { documentId: shared.id, analystA: ours[0]?.id ?? '', analystB: fileAnna?.id ?? '', teammateFileId: opened.teammateFileId };
  const compared = await mine.call('review.compare', pair);
  expect(compared.differences.map((d) => d.type)).toEqual(['agreed']);
  const fromFile = compared.annotations.find((t) => t.analystId === fileAnna?.id);
  expect(fromFile?.documentId).toBe(shared.id);
  expect(fromFile?.id).not.toBe(theirTag.id);

  const decided = await mine.result('review.decide', { ...pair, key: compared.differences[0]?.key ?? '', decision: 'accept_both' });
  expect(decided).toMatchObject({ ok: false, error: { code: 'project_read_only' } });
  expect(await mine.result('review.acceptAgreed', pair)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/merge it into this project first/) } });
  const history = await mine.call('history.undo', {});
  expect(history.undone?.label).toMatch(/claim/i); // the last action is still the tag, no review step

  await mine.call('review.closeFile', { teammateFileId: opened.teammateFileId });
  expect(await mine.result('review.compare', pair)).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/no longer open/) } });
});

it('leaves out the articles the teammate removed, and their tags', async () => {
  const mine = project('Anna');
  const theirs = project('Ben');
  const shared = await mine.importSample('004_27bf8040a9b2cbc5.txt');
  await mine.importSample('000_734da4ab211b7c49.txt');
  const kept = await theirs.importSample('004_27bf8040a9b2cbc5.txt');
  const removed = await theirs.importSample('000_734da4ab211b7c49.txt');
  await theirs.importSample('002_1d2e21283015eb8c.txt');
  await theirs.call('annotation.create', { documentId: kept.id, kind: 'claim', target: { start: 0, end: 10 } });
  await theirs.call('annotation.create', { documentId: removed.id, kind: 'claim', target: { start: 0, end: 10 } });
  await theirs.call('document.remove', { id: removed.id });

  const opened = await mine.call('review.openFile', { fileName: 'ben.marginalia', content: packed(theirs) });
  expect(opened.documents).toEqual([{ documentId: shared.id, title: shared.title, tags: 1 }]);
  expect(opened.otherDocuments).toBe(1);
});

it('names the chosen file, not a private copy, when a file is refused — for review and for merge', async () => {
  const mine = project('Anna');
  const garbage = Buffer.from('not a project at all');
  for (const method of ['review.openFile', 'merge.preview'] as const) {
    const result = await mine.result(method, { fileName: 'notes.marginalia', content: garbage });
    expect(result).toMatchObject({ ok: false, error: { message: '“notes.marginalia”: This file is not a Marginalia project file.' } });
  }
});

it('forgets files opened for a project once that project is closed', async () => {
  const first = project('Anna');
  const second = project('Ben');
  await first.importSample('004_27bf8040a9b2cbc5.txt');
  const bytes = packed(second);
  const opened = await first.call('review.openFile', { fileName: 'ben.marginalia', content: bytes });
  expect(teammateFile(first.session, opened.teammateFileId).fileName).toBe('ben.marginalia');
  first.session.close();
  await second.call('review.openFile', { fileName: 'anna.marginalia', content: packed(second) });
  expect(() => teammateFile(first.session, opened.teammateFileId)).toThrow(/no longer open/);
});

// Editing a document's details and removing it: one undoable step each, a removed document and its tags hidden from
// the list, search, counts and exports, undo bringing back the same rows, bad requests leaving the project as it was.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newTestProject, type TestProject } from '../test-support/project-fixture';
import { createProjectApi } from './handlers';
import { openProject } from './session';

let project: TestProject;
let documentId: string;
let otherId: string;

beforeEach(async () => {
  project = newTestProject('Ada');
  documentId = (await project.importSample('000_734da4ab211b7c49.txt')).id;
  otherId = (await project.importSample('001_53db5d5361afbcfc.txt')).id;
});

afterEach(() => project.close());

/** Every row of the tables a removal or an edit may touch, as text: equal dumps mean an unchanged project. */
function dump(): string {
  const db = project.session.db;
  return JSON.stringify(['documents', 'annotation_rows', 'search_documents'].map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
}

const listed = async () => (await project.call('document.list', {})).documents.map((d) => d.id);

it('edits the title, date, author and source, and undo puts back the details as imported', async () => {
  const before = await project.call('document.get', { id: documentId });
  const edited = await project.call('document.update', { id: documentId, title: '  Talks in Miami ', publishedAt: '2026-01-20', author: 'A. Writer', outlet: 'Example News' });
  expect(edited).toMatchObject({ title: 'Talks in Miami', publishedAt: '2026-01-20', author: 'A. Writer', outlet: 'Example News' });
  expect((await project.call('document.list', {})).documents.find((d) => d.id === documentId)).toMatchObject({ title: 'Talks in Miami', publishedAt: '2026-01-20' });
  const { undone } = await project.call('history.undo', {});
  expect(undone?.label).toContain('Edit the details');
  const after = await project.call('document.get', { id: documentId });
  expect({ title: after.title, publishedAt: after.publishedAt, author: after.author, outlet: after.outlet }).toEqual({
    title: before.title,
    publishedAt: before.publishedAt,
    author: before.author,
    outlet: before.outlet,
  });
  await project.call('history.redo', {});
  expect((await project.call('document.get', { id: documentId })).title).toBe('Talks in Miami');
});

it('clears the author with null or blank text and keeps the fields a request leaves out', async () => {
  await project.call('document.update', { id: documentId, author: 'Someone', outlet: 'Somewhere' });
  const cleared = await project.call('document.update', { id: documentId, author: '  ' });
  expect(cleared.author).toBeNull();
  expect(cleared.outlet).toBe('Somewhere');
});

it('refuses a date that is not YYYY-MM-DD, an empty title and an unknown document, changing nothing', async () => {
  const before = dump();
  for (const request of [
    { id: documentId, publishedAt: '20/01/2026' },
    { id: documentId, publishedAt: '2026-02-30' },
    { id: documentId, title: '   ' },
    { id: '00000000-0000-4000-8000-000000000000', title: 'X' },
  ]) {
    const result = await project.result('document.update', request);
    expect(result.ok).toBe(false);
  }
  expect((await project.result('document.remove', { id: '00000000-0000-4000-8000-000000000000' })).ok).toBe(false);
  expect(dump()).toBe(before);
});

it('removes a document with its tags from the list, search, counts and exports, and undo brings back the same rows', async () => {
  await project.call('annotation.create', { documentId, kind: 'claim', target: { start: 0, end: 5 } });
  await project.call('annotation.create', { documentId, kind: 'figure', target: { start: 10, end: 14 } });
  await project.call('annotation.create', { documentId: otherId, kind: 'claim', target: { start: 0, end: 5 } });
  const word = (await project.call('document.get', { id: documentId })).text.match(/\p{L}{6,}/u)?.[0] ?? '';
  const searchBefore = await project.call('search.query', { query: word });
  expect(searchBefore.hits.some((h) => h.documentId === documentId)).toBe(true);
  const before = dump();

  const removed = await project.call('document.remove', { id: documentId });
  expect(removed.tagCount).toBe(2);
  expect(await listed()).toEqual([otherId]);
  expect((await project.result('document.get', { id: documentId })).ok).toBe(false);
  const searchAfter = await project.call('search.query', { query: word });
  expect(searchAfter.hits.some((h) => h.documentId === documentId)).toBe(false);
  expect(searchAfter.documentCount).toBe(searchBefore.documentCount - 1);
  expect((await project.call('project.info', {})).analysts[0]).toMatchObject({ name: 'Ada' });
  const analysts = await project.call('analyst.list', {});
  expect(analysts.analysts.find((a) => a.name === 'Ada')?.tagCount).toBe(1);
  const csv = Buffer.from((await project.call('export.project', { format: 'csv' })).files[0]?.contentBase64 ?? '', 'base64').toString('utf8');
  expect(csv).toContain(otherId);
  expect(csv).not.toContain(documentId);
  expect((await project.result('annotation.create', { documentId, kind: 'claim', target: { start: 20, end: 25 } })).ok).toBe(false);

  const { undone } = await project.call('history.undo', {});
  expect(undone?.label).toContain('Remove');
  expect((await listed()).sort()).toEqual([documentId, otherId].sort());
  expect((await project.call('annotation.listForDocument', { documentId })).annotations).toHaveLength(2);
  const restored = JSON.parse(dump()) as Record<string, unknown>[][];
  const original = JSON.parse(before) as Record<string, unknown>[][];
  // The tags and the search rows are byte-identical; the document differs only in who touched its details and when.
  expect(restored[1]).toEqual(original[1]);
  expect(restored[2]).toEqual(original[2]);
  const strip = (row: Record<string, unknown>) => ({ ...row, edited_by: null, edited_at: null, head_change_id: null });
  expect(restored[0]?.map(strip)).toEqual(original[0]?.map(strip));
});

it('brings a removed document back, with its tags, when its text is imported again', async () => {
  await project.call('annotation.create', { documentId, kind: 'claim', target: { start: 0, end: 5 } });
  await project.call('document.remove', { id: documentId });
  const again = await project.importSample('000_734da4ab211b7c49.txt');
  expect(again.id).toBe(documentId);
  expect(await listed()).toContain(documentId);
  expect((await project.call('annotation.listForDocument', { documentId })).annotations).toHaveLength(1);
});

it("refuses to undo an edit that another analyst's edit has changed since", async () => {
  await project.call('document.update', { id: documentId, title: 'Mine' });
  const ben = openProject(project.path, { analystName: 'Ben' });
  try {
    expect((await createProjectApi(ben).call('document.update', { id: documentId, title: 'Ben’s' })).ok).toBe(true);
  } finally {
    ben.close();
  }
  const result = await project.result('history.undo', {});
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe('conflict');
  expect((await project.call('document.get', { id: documentId })).title).toBe('Ben’s');
});

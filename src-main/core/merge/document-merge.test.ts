// Merging documents' details and removals: the teammate's edit or removal is taken when it is the newer version,
// both sides' edits become a conflict the newer wins, and a removed document's tags stay hidden here too.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { temporaryDirectory } from '../../test-support/project-fixture';
import { createProjectApi } from '../handlers';
import { createProject, openProject, type ProjectSession } from '../session';
import { mergeProjectFile } from './index';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

async function call<T>(session: ProjectSession, method: string, request: unknown): Promise<T> {
  const result = await createProjectApi(session).call(method, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** A base project with one tagged document, copied into Ada's and Ben's files. */
async function forked(): Promise<{ ada: string; ben: string; documentId: string }> {
  const base = join(dir.path, 'base.marginalia');
  const session = createProject(base, 'Shared', { analystName: 'Founder' });
  const { document } = await call<{ document: { id: string } }>(session, 'document.import', { source: { type: 'text', text: 'Talks in Miami\n\nEnvoys met on Saturday.', title: 'Talks' } });
  await call(session, 'annotation.create', { documentId: document.id, kind: 'claim', target: { start: 0, end: 5 } });
  session.close();
  const ada = join(dir.path, 'ada.marginalia');
  const ben = join(dir.path, 'ben.marginalia');
  copyFileSync(base, ada);
  copyFileSync(base, ben);
  return { ada, ben, documentId: document.id };
}

async function withSession<T>(path: string, analyst: string, work: (session: ProjectSession) => Promise<T>): Promise<T> {
  const session = openProject(path, { analystName: analyst });
  try {
    return await work(session);
  } finally {
    session.close();
  }
}

it("takes the teammate's edited details, and merging again changes nothing", async () => {
  const { ada, ben, documentId } = await forked();
  await withSession(ben, 'Ben', (s) => call(s, 'document.update', { id: documentId, title: 'Miami talks', publishedAt: '2026-01-17' }));
  await withSession(ada, 'Ada', async (s) => {
    expect(mergeProjectFile(s, ben).summary.updatedDocuments).toBe(1);
    expect(await call(s, 'document.get', { id: documentId })).toMatchObject({ title: 'Miami talks', publishedAt: '2026-01-17' });
    expect(mergeProjectFile(s, ben).summary.updatedDocuments).toBe(0);
  });
});

it("takes the teammate's removal: the document and its tags are hidden here, and their undo of it merges back", async () => {
  const { ada, ben, documentId } = await forked();
  await withSession(ben, 'Ben', (s) => call(s, 'document.remove', { id: documentId }));
  await withSession(ada, 'Ada', async (s) => {
    mergeProjectFile(s, ben);
    expect((await call<{ documents: unknown[] }>(s, 'document.list', {})).documents).toHaveLength(0);
    expect((await call<{ analysts: { tagCount: number }[] }>(s, 'analyst.list', {})).analysts.every((a) => a.tagCount === 0)).toBe(true);
  });
  await withSession(ben, 'Ben', (s) => call(s, 'history.undo', {}));
  await withSession(ada, 'Ada', async (s) => {
    mergeProjectFile(s, ben);
    expect((await call<{ documents: unknown[] }>(s, 'document.list', {})).documents).toHaveLength(1);
  });
});

it('records a conflict when both edited the details, and the later edit wins', async () => {
  const { ada, ben, documentId } = await forked();
  await withSession(ada, 'Ada', (s) => call(s, 'document.update', { id: documentId, title: 'Ada’s title' }));
  await new Promise((resolve) => setTimeout(resolve, 5));
  await withSession(ben, 'Ben', (s) => call(s, 'document.update', { id: documentId, title: 'Ben’s title' }));
  await withSession(ada, 'Ada', async (s) => {
    const plan = mergeProjectFile(s, ben);
    expect(plan.conflicts.map((c) => c.entityType)).toEqual(['document']);
    expect((await call<{ title: string }>(s, 'document.get', { id: documentId })).title).toBe('Ben’s title');
  });
});

it("keeps the SHA-256 of the teammate's source file with the merged document, so importing that file here again is recognised", async () => {
  const ada = join(dir.path, 'ada-source.marginalia');
  const ben = join(dir.path, 'ben-source.marginalia');
  createProject(ada, 'Shared', { analystName: 'Ada' }).close();
  copyFileSync(ada, ben);
  const bytes = new TextEncoder().encode('Talks in Geneva\n\nThe envoys met again on Monday.');
  const file = { type: 'file', fileName: 'geneva.txt', content: bytes };
  const imported = await withSession(ben, 'Ben', (s) => call<{ document: { id: string; sourceSha256: string } }>(s, 'document.import', { source: file }));
  expect(imported.document.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
  await withSession(ada, 'Ada', async (s) => {
    expect(mergeProjectFile(s, ben).summary.newDocuments).toBe(1);
    expect(await call(s, 'document.get', { id: imported.document.id })).toMatchObject({ sourceSha256: imported.document.sourceSha256 });
    const again = await call<{ document: { id: string } }>(s, 'document.import', { source: file });
    expect(again.document.id).toBe(imported.document.id);
  });
});

// Checks analyst identities: listing with counts and origin, renaming in place, combining (undoable, carried by a merge).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalystId } from '../../src-shared/model/ids';
import { allAnnotations } from '../store/annotations';
import { temporaryDirectory } from '../test-support/project-fixture';
import { createProjectApi } from './handlers';
import { mergeProjectFile } from './merge/index';
import { createProject, openProject, type ProjectSession } from './session';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const TEXT = 'Envoys met in Davos on Tuesday. The $800 billion plan was discussed. Zelensky and Witkoff spoke again.';

async function call<T>(session: ProjectSession, method: string, request: unknown): Promise<T> {
  const result = await createProjectApi(session).call(method, request);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

interface Entry {
  id: AnalystId;
  name: string;
  tagCount: number;
  origin: string;
  current: boolean;
}
const list = async (session: ProjectSession) => (await call<{ analysts: Entry[] }>(session, 'analyst.list', {})).analysts;

/** A project where Anna tags twice and Ben (a second identity) once, on one document. */
async function twoAnalysts(path: string): Promise<{ documentId: string; anna: Entry; ben: Entry }> {
  const anna = createProject(path, 'Shared', { analystName: 'Anna' });
  const { document } = await call<{ document: { id: string } }>(anna, 'document.import', { source: { type: 'text', text: TEXT, title: 'Davos' } });
  await call(anna, 'annotation.create', { documentId: document.id, kind: 'claim', target: { start: 0, end: 6 } });
  await call(anna, 'annotation.create', { documentId: document.id, kind: 'figure', target: { start: 36, end: 48 } });
  anna.close();
  const ben = openProject(path, { analystName: 'Ben' });
  await call(ben, 'annotation.create', { documentId: document.id, kind: 'actor', target: { start: 69, end: 77 } });
  const analysts = await list(ben);
  ben.close();
  const [a, b] = [analysts.find((x) => x.name === 'Anna'), analysts.find((x) => x.name === 'Ben')];
  if (!a || !b) throw new Error('analysts missing');
  return { documentId: document.id, anna: a, ben: b };
}

describe('analysts', () => {
  it('are listed with their live tag count, origin, and which one this session writes as', async () => {
    const path = join(dir.path, 'p.marginalia');
    const { anna } = await twoAnalysts(path);
    const session = openProject(path, { analystName: 'Anna' });
    const tag = allAnnotations(session.db).find((t) => t.analystId === anna.id);
    await call(session, 'annotation.delete', { id: tag?.id });
    expect(await list(session)).toEqual([
      { id: anna.id, name: 'Anna', tagCount: 1, origin: 'local', current: true },
      { id: expect.any(String), name: 'Ben', tagCount: 1, origin: 'local', current: false },
    ]);
    session.close();
  });

  it('are renamed in place: same id, every tag keeps it; a name another analyst has is refused', async () => {
    const path = join(dir.path, 'p.marginalia');
    const { anna, ben } = await twoAnalysts(path);
    const session = openProject(path, { analystName: 'Anna' });
    const renamed = await call<Entry>(session, 'analyst.rename', { id: ben.id, name: 'Ben Okafor' });
    expect(renamed).toMatchObject({ id: ben.id, name: 'Ben Okafor', tagCount: 1 });
    expect(allAnnotations(session.db).filter((t) => t.analystId === ben.id)).toHaveLength(1);
    const refused = await createProjectApi(session).call('analyst.rename', { id: ben.id, name: 'anna' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(anna.id.slice(0, 8)) } });
    expect((await list(session)).map((a) => a.name)).toEqual(['Anna', 'Ben Okafor']);
    session.close();
  });

  it('are combined in one undoable step: the tags move, the emptied identity leaves the list, undo brings it back', async () => {
    const path = join(dir.path, 'p.marginalia');
    const { anna, ben } = await twoAnalysts(path);
    const session = openProject(path, { analystName: 'Anna' });
    const preview = await call<{ moved: number }>(session, 'analyst.combine', { from: ben.id, into: anna.id, dryRun: true });
    expect(preview.moved).toBe(1);
    expect(allAnnotations(session.db).filter((t) => t.analystId === ben.id)).toHaveLength(1);
    const combined = await call<{ analyst: Entry; moved: number }>(session, 'analyst.combine', { from: ben.id, into: anna.id });
    expect(combined).toMatchObject({ moved: 1, analyst: { id: anna.id, tagCount: 3 } });
    expect((await list(session)).map((a) => a.name)).toEqual(['Anna']);
    await call(session, 'history.undo', {});
    expect((await list(session)).map((a) => [a.name, a.tagCount])).toEqual([
      ['Anna', 2],
      ['Ben', 1],
    ]);
    session.close();
  });

  it('combined in a teammate’s file are combined here too once the file is merged', async () => {
    const path = join(dir.path, 'mine.marginalia');
    const { anna, ben } = await twoAnalysts(path);
    const theirs = join(dir.path, 'theirs.marginalia');
    copyFileSync(path, theirs);
    const teammate = openProject(theirs, { analystName: 'Anna' });
    await call(teammate, 'analyst.combine', { from: ben.id, into: anna.id });
    teammate.setAnalystName('Carol');
    const [documentId] = allAnnotations(teammate.db).map((t) => t.documentId);
    await call(teammate, 'annotation.create', { documentId, kind: 'claim', target: { start: 49, end: 60 } });
    teammate.close();

    const session = openProject(path, { analystName: 'Anna' });
    expect((await list(session)).map((a) => a.name)).toEqual(['Anna', 'Ben']);
    mergeProjectFile(session, theirs);
    expect(await list(session)).toMatchObject([
      { id: anna.id, tagCount: 3, origin: 'local' },
      { name: 'Carol', tagCount: 1, origin: 'merged from “Shared”' },
    ]);
    expect(allAnnotations(session.db).filter((t) => t.analystId === anna.id)).toHaveLength(3);
    session.close();
  });

  it('refuse to combine an analyst with itself or one without tags', async () => {
    const path = join(dir.path, 'p.marginalia');
    const { anna, ben } = await twoAnalysts(path);
    const session = openProject(path, { analystName: 'Anna' });
    const api = createProjectApi(session);
    expect(await api.call('analyst.combine', { from: anna.id, into: anna.id })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await call(session, 'analyst.combine', { from: ben.id, into: anna.id });
    expect(await api.call('analyst.combine', { from: ben.id, into: anna.id })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    session.close();
  });
});

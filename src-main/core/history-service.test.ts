// Undo and redo as several people and windows meet them: each analyst takes back only their own actions, a window
// only its own, the CLI its analyst's latest, and never over a change made since.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newTestProject, temporaryDirectory, type TestProject } from '../test-support/project-fixture';
import { createProjectApi } from './handlers';
import { openProject } from './session';
import { Workbench } from './workbench';

let project: TestProject;
let settings: ReturnType<typeof temporaryDirectory>;
let workbench: Workbench;
let documentId: string;

beforeEach(async () => {
  project = newTestProject('Ada');
  documentId = (await project.importSample('000_734da4ab211b7c49.txt')).id;
  project.session.close();
  settings = temporaryDirectory();
  workbench = new Workbench(settings.path, { kind: 'browser' }, 'Ada');
  workbench.open(project.path);
});

afterEach(() => {
  workbench.close(false);
  settings.remove();
  project.close();
});

async function call(method: string, payload: unknown, origin: string | null): Promise<Record<string, unknown>> {
  const result = await workbench.call(method, payload, origin);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

const tag = (start: number, origin: string | null) => call('annotation.create', { documentId, kind: 'claim', target: { start, end: start + 5 } }, origin);
const liveTags = async () => ((await call('annotation.listForDocument', { documentId }, null)).annotations as { id: string }[]).map((a) => a.id);

it("undoes this window's last action, not the later one of another window", async () => {
  await tag(0, 'window-a');
  const theirs = await tag(20, 'window-b');
  const { undone } = await call('history.undo', {}, 'window-a');
  expect(undone).toMatchObject({ label: expect.stringContaining('claim') });
  expect(await liveTags()).toEqual([theirs.id]);
  // The other window's undo takes back its own tag; then nothing of either is left to undo there.
  await call('history.undo', {}, 'window-b');
  expect(await liveTags()).toEqual([]);
  expect((await call('history.undo', {}, 'window-b')).undone).toBeNull();
});

it("never undoes another analyst's action, and a new action discards only the analyst's own redo", async () => {
  await tag(0, 'window-a');
  await call('history.undo', {}, 'window-a');
  const ben = openProject(project.path, { analystName: 'Ben' });
  const benApi = createProjectApi(ben);
  try {
    const benTag = await benApi.call('annotation.create', { documentId, kind: 'figure', target: { start: 40, end: 44 } });
    expect(benTag.ok).toBe(true);
    expect(await benApi.call('history.undo', {})).toMatchObject({ ok: true, value: { undone: { label: expect.stringContaining('figure') } } });
    expect(await benApi.call('history.undo', {})).toEqual({ ok: true, value: { undone: null } });
    await benApi.call('history.redo', {});
  } finally {
    ben.close();
  }
  // Ada can still redo her own undone tag although Ben acted since.
  expect((await call('history.redo', {}, 'window-a')).redone).toMatchObject({ label: expect.stringContaining('claim') });
  expect(await liveTags()).toHaveLength(2);
});

it('refuses to undo an action whose tag was changed since, and changes nothing', async () => {
  const created = await tag(0, 'window-a');
  await call('annotation.update', { id: created.id, note: 'edited in the other window' }, 'window-b');
  const result = await workbench.call('history.undo', {}, 'window-a');
  expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('changed again since') } });
  expect(await liveTags()).toEqual([created.id]);
});

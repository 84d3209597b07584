// Change events of an open project: one per request that changed something, named by document and origin, and
// commits by another connection to the same file (the CLI) caught within the poll interval.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ResponseOf } from '../../src-shared/api/contract';
import type { ProjectDataEvent } from '../../src-shared/api/events';
import { newTestProject, temporaryDirectory, type TestProject } from '../test-support/project-fixture';
import { createProjectApi } from './handlers';
import { openProject } from './session';
import { Workbench } from './workbench';

let project: TestProject;
let settings: ReturnType<typeof temporaryDirectory>;
let workbench: Workbench;
let documentId: string;
const events: { event: ProjectDataEvent; origin: string | null }[] = [];

beforeEach(async () => {
  project = newTestProject('Ada');
  documentId = (await project.importSample('000_734da4ab211b7c49.txt')).id;
  project.session.close();
  settings = temporaryDirectory();
  workbench = new Workbench(settings.path, { kind: 'browser' }, 'Ada');
  workbench.open(project.path);
  events.length = 0;
  workbench.subscribe((event, origin) => events.push({ event, origin }));
});

afterEach(() => {
  workbench.close(false);
  settings.remove();
  project.close();
});

async function until(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
}

it('emits one event naming the document and the client for a request that tagged, none for a read', async () => {
  await workbench.call('document.list', {}, 'page-1');
  expect(events).toEqual([]);
  const created = await workbench.call('annotation.create', { documentId, kind: 'claim', target: { start: 0, end: 5 } }, 'page-1');
  expect(created.ok).toBe(true);
  expect(events).toEqual([
    { event: { type: 'project-data', everything: false, documentIds: [documentId], documents: false, actors: false, analysts: false }, origin: 'page-1' },
  ]);
});

it('names a new document and a new actor', async () => {
  await workbench.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' }, 'page-1');
  expect(events.at(-1)?.event).toMatchObject({ actors: true, documents: false });
  await workbench.call('document.import', { source: { type: 'text', text: 'A second article\n\nBudanov said so.' } }, 'page-2');
  expect(events.at(-1)).toMatchObject({ event: { documents: true }, origin: 'page-2' });
});

it('catches a tag written by another connection (a new analyst, Ben) within a second, with no origin', async () => {
  const other = openProject(project.path, { analystName: 'Ben' });
  try {
    const result = await createProjectApi(other).call('annotation.create', { documentId, kind: 'figure', target: { start: 10, end: 14 } });
    expect(result.ok).toBe(true);
  } finally {
    other.close();
  }
  await until(() => events.length > 0, 1000);
  expect(events).toEqual([
    { event: { type: 'project-data', everything: false, documentIds: [documentId], documents: false, actors: false, analysts: true }, origin: null },
  ]);
});

it('stops emitting once the project is closed', async () => {
  workbench.close(false);
  const other = openProject(project.path, { analystName: 'Ben' });
  await createProjectApi(other).call('annotation.create', { documentId, kind: 'figure', target: { start: 10, end: 14 } });
  other.close();
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(events).toEqual([]);
});

it("names a document whose details were edited or that was removed, and says the list changed", async () => {
  await workbench.call('document.update', { id: documentId, title: 'Talks in Miami' }, 'page-1');
  expect(events.at(-1)).toEqual({
    event: { type: 'project-data', everything: false, documentIds: [documentId], documents: true, actors: false, analysts: false },
    origin: 'page-1',
  });
  await workbench.call('document.remove', { id: documentId }, 'page-2');
  expect(events.at(-1)).toMatchObject({ event: { documentIds: [documentId], documents: true }, origin: 'page-2' });
  expect(events).toHaveLength(2);
});

it('names the document of a suggestion rejected through another connection (the CLI)', async () => {
  const other = openProject(project.path, { analystName: 'Ada' });
  try {
    const api = createProjectApi(other);
    const listed = await api.call('suggestion.list', { documentId, kind: 'figure' });
    if (!listed.ok) throw new Error(listed.error.message);
    const key = (listed.value as ResponseOf<'suggestion.list'>).suggestions[0]?.key;
    expect(key).toBeDefined();
    const rejected = await api.call('suggestion.reject', { keys: [key as string] });
    expect(rejected).toMatchObject({ ok: true, value: { rejected: 1 } });
  } finally {
    other.close();
  }
  await until(() => events.length > 0, 1000);
  expect(events).toEqual([
    { event: { type: 'project-data', everything: false, documentIds: [documentId], documents: false, actors: false, analysts: false }, origin: null },
  ]);
});

it('sends a change committed by another connection during a request to every client, the requester included', async () => {
  const other = openProject(project.path, { analystName: 'Ben' });
  try {
    // Ben's tag lands before the next request of page-1 ends and before the poller looks: it is not page-1's doing.
    const result = await createProjectApi(other).call('annotation.create', { documentId, kind: 'figure', target: { start: 10, end: 14 } });
    expect(result.ok).toBe(true);
    await workbench.call('document.list', {}, 'page-1');
  } finally {
    other.close();
  }
  expect(events[0]).toEqual({
    event: { type: 'project-data', everything: false, documentIds: [documentId], documents: false, actors: false, analysts: true },
    origin: null,
  });
});

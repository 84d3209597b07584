// Checks the app around a project: opening, settings, the analyst name (and renaming yourself), dialogs refused in the browser.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Method, RequestOf, ResponseOf } from '../../src-shared/api/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test-support/project-fixture';
import { createProject } from './session';
import { readSettings } from './settings';
import { Workbench } from './workbench';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

describe('the workbench around a project', () => {
  it('answers project methods only while a project is open', async () => {
    const workbench = new Workbench(join(dir.path, 'settings'), { kind: 'desktop' });
    expect(await workbench.call('document.list', {})).toMatchObject({ ok: false, error: { code: 'no_project' } });
    const path = join(dir.path, 'a.marginalia');
    createProject(path, 'A').close();
    workbench.open(path);
    expect(await workbench.call('document.list', {})).toEqual({ ok: true, value: { documents: [], total: 0 } });
    expect(await workbench.call('workbench.state', {})).toMatchObject({ ok: true, value: { host: 'desktop', projectName: 'a.marginalia', recent: ['a.marginalia'] } });
    workbench.close();
    expect(await workbench.call('project.info', {})).toMatchObject({ ok: false, error: { code: 'no_project' } });
  });

  it('marks recent projects whose file is gone, and takes one off the list without touching the others', async () => {
    const workbench = new Workbench(join(dir.path, 'settings'), { kind: 'desktop' });
    const [a, b] = [join(dir.path, 'a.marginalia'), join(dir.path, 'b.marginalia')];
    for (const path of [a, b]) {
      createProject(path, 'P').close();
      workbench.open(path);
    }
    workbench.close();
    rmSync(a);
    expect(await workbench.call('workbench.state', {})).toMatchObject({ ok: true, value: { recent: ['b.marginalia', 'a.marginalia'], recentMissing: [1] } });
    expect(await workbench.call('workbench.removeRecent', { index: 1 })).toMatchObject({ ok: true, value: { recent: ['b.marginalia'], recentMissing: [] } });
    expect(readSettings(join(dir.path, 'settings')).recentProjects).toEqual([b]);
    expect(await workbench.call('workbench.removeRecent', { index: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('stores the analyst name in the settings and stamps it on new tags', async () => {
    const settingsDir = join(dir.path, 'settings');
    const workbench = new Workbench(settingsDir, { kind: 'browser' });
    workbench.open(join(dir.path, 'b.marginalia'), { create: true });
    expect(await workbench.call('settings.get', {})).toEqual({ ok: true, value: { analystName: null } });
    const refused = await workbench.call('document.import', { source: { type: 'text', text: 'Title\n\nSome text here.' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no_analyst' } });
    await workbench.call('settings.update', { analystName: 'Bea Reviewer' });
    expect(readSettings(settingsDir).analystName).toBe('Bea Reviewer');
    const imported = await workbench.call('document.import', { source: { type: 'text', text: 'Title\n\nSome text here.' } });
    expect(imported.ok).toBe(true);
    const info = await workbench.call('project.info', {});
    expect(info).toMatchObject({ ok: true, value: { analyst: { name: 'Bea Reviewer' } } });
    workbench.close(false);
  });

  it('keeps the browser mode out of the recent projects and honours a per-run analyst name', async () => {
    const settingsDir = join(dir.path, 's2');
    const workbench = new Workbench(settingsDir, { kind: 'browser' }, 'Run Only');
    workbench.open(join(dir.path, 'd.marginalia'), { create: true });
    expect(await workbench.call('settings.get', {})).toEqual({ ok: true, value: { analystName: 'Run Only' } });
    expect(readSettings(settingsDir)).toEqual({});
    workbench.close(false);
  });

  it('refuses dialogs in the browser mode and remembers the last document', async () => {
    const workbench = new Workbench(join(dir.path, 's'), { kind: 'browser' });
    workbench.open(join(dir.path, 'c.marginalia'), { create: true });
    expect(await workbench.call('workbench.openProject', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    const id = '6f1c2a3e-8b7d-4c1e-9f2a-1b2c3d4e5f60';
    await workbench.call('workbench.rememberDocument', { documentId: id });
    expect(await workbench.call('workbench.state', {})).toMatchObject({ ok: true, value: { lastDocumentId: id } });
    workbench.close(false);
  });
});

/** A workbench call that must succeed, typed by its contract method. */
async function must<M extends Method>(workbench: Workbench, method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const result = await workbench.call(method, request);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as ResponseOf<M>;
}

describe('renaming yourself in the app', () => {
  it('renames your identity in the open project: same id, your tags carry the new name', async () => {
    const workbench = new Workbench(join(dir.path, 'settings'), { kind: 'browser' });
    workbench.open(join(dir.path, 'r.marginalia'), { create: true });
    await must(workbench, 'settings.update', { analystName: 'Bea' });
    const { document } = await must(workbench, 'document.import', { source: { type: 'text', text: 'Title\n\nSome text here.' } });
    await must(workbench, 'annotation.create', { documentId: document.id, kind: 'claim', target: { start: 7, end: 11 } });
    const before = await must(workbench, 'analyst.list', {});
    await must(workbench, 'settings.update', { analystName: 'Bea Reviewer' });
    const after = await must(workbench, 'analyst.list', {});
    expect(after.analysts).toEqual([{ ...before.analysts[0], name: 'Bea Reviewer' }]);
    expect(after.analysts[0]).toMatchObject({ tagCount: 1, current: true });
    workbench.close(false);
  });

  it('writes as the analyst who already has the new name, renaming no one', async () => {
    const path = join(dir.path, 'two.marginalia');
    const setup = createProject(path, 'Two', { analystName: 'Cara' });
    setup.db.prepare("INSERT INTO analysts (id, display_name, created_at) VALUES ('6f1c2a3e-8b7d-4c1e-9f2a-1b2c3d4e5f61', 'Dan', 't')").run();
    setup.close();
    const workbench = new Workbench(join(dir.path, 's3'), { kind: 'browser' }, 'Cara');
    workbench.open(path);
    await workbench.call('document.import', { source: { type: 'text', text: 'Title\n\nSome text here.' } });
    await workbench.call('settings.update', { analystName: 'Dan' });
    const listed = await must(workbench, 'analyst.list', {});
    expect(listed.analysts.map((a) => [a.name, a.current])).toEqual([
      ['Cara', false],
      ['Dan', true],
    ]);
    workbench.close(false);
  });
});

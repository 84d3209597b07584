// Merge previews through the contract, as the app and serve keep them: a few at once, for a while, none after close.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { newTestProject, temporaryDirectory, type TestProject } from '../../test-support/project-fixture';
import { packProject } from './index';
import { MAX_MERGE_PREVIEWS as MAX_PREVIEWS } from '../../../src-shared/api/limits';
import { MergePreviews, PREVIEW_LIFETIME_MS } from './merge-service';

const open: TestProject[] = [];
const dirs: ReturnType<typeof temporaryDirectory>[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const p of open.splice(0)) p.close();
  for (const d of dirs.splice(0)) d.remove();
});

function project(analyst: string): TestProject {
  const p = newTestProject(analyst);
  open.push(p);
  return p;
}

async function teammateBytes(): Promise<Buffer> {
  const ben = project('Ben');
  await ben.importSample('004_27bf8040a9b2cbc5.txt');
  const dir = temporaryDirectory();
  dirs.push(dir);
  const out = join(dir.path, 'ben.marginalia');
  packProject(ben.session, out);
  return readFileSync(out);
}

function copyOf(p: TestProject, previewId: string): string {
  const path = p.session.part(MergePreviews).get(previewId)?.path;
  if (!path) throw new Error('no such preview');
  return path;
}

it(`keeps at most ${MAX_PREVIEWS} previews: a new one forgets the oldest and removes its copy`, async () => {
  const anna = project('Anna');
  const content = await teammateBytes();
  const ids: string[] = [];
  const copies: string[] = [];
  for (let i = 0; i <= MAX_PREVIEWS; i++) {
    const { previewId } = await anna.call('merge.preview', { fileName: `ben-${i}.marginalia`, content });
    ids.push(previewId);
    if (i === 0) copies.push(copyOf(anna, previewId));
  }
  expect(anna.session.part(MergePreviews).ids()).toEqual(ids.slice(1));
  expect(existsSync(copies[0] ?? '')).toBe(false);
  expect(await anna.result('merge.apply', { previewId: ids[0] })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/expired/) } });
  expect(await anna.result('merge.apply', { previewId: ids[MAX_PREVIEWS] })).toMatchObject({ ok: true });
});

it('forgets a preview, and removes its copy, once it has waited too long', async () => {
  const anna = project('Anna');
  const content = await teammateBytes();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const { previewId } = await anna.call('merge.preview', { fileName: 'ben.marginalia', content });
  const copy = copyOf(anna, previewId);
  vi.advanceTimersByTime(PREVIEW_LIFETIME_MS - 1000);
  expect(existsSync(copy)).toBe(true);
  vi.advanceTimersByTime(2000);
  expect(existsSync(copy)).toBe(false);
  expect(await anna.result('merge.apply', { previewId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
});

it('removes the copies of unapplied previews when the project is closed, and after a cancel', async () => {
  const anna = project('Anna');
  const content = await teammateBytes();
  const kept = await anna.call('merge.preview', { fileName: 'ben.marginalia', content });
  const cancelled = await anna.call('merge.preview', { fileName: 'ben.marginalia', content });
  const [keptCopy, cancelledCopy] = [copyOf(anna, kept.previewId), copyOf(anna, cancelled.previewId)];
  await anna.call('merge.cancel', { previewId: cancelled.previewId });
  expect(existsSync(cancelledCopy)).toBe(false);
  expect(existsSync(keptCopy)).toBe(true);
  anna.session.close();
  expect(existsSync(keptCopy)).toBe(false);
});

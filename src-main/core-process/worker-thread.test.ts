// Checks the core in a real worker thread (core-worker.ts run through tsx): calls, answers sent as JSON text, forwarded events, and a killed thread restarted.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bytesIn } from '../../src-shared/api/byte-references';
import { createProject } from '../core/session';
import { temporaryDirectory } from '../test-support/project-fixture';
import { CoreClient, RESTARTED_MESSAGE, type CoreProcess } from './core-client';
import { JSON_TEXT_KEY, jsonTextOf } from './protocol';
import { coreWorkerEntry, spawnCoreWorker } from './worker-thread';

let dir: ReturnType<typeof temporaryDirectory>;
let projectPath: string;
let core: CoreClient | null = null;

beforeEach(() => {
  dir = temporaryDirectory();
  projectPath = join(dir.path, 'talks.marginalia');
  createProject(projectPath, 'Talks').close();
});

afterEach(async () => {
  await core?.stop();
  core = null;
  dir.remove();
});

it('runs the TypeScript entry through tsx from the sources, and the built JavaScript beside a built module', () => {
  expect(coreWorkerEntry('file:///app/src-main/core-process/worker-thread.ts')).toEqual({ url: new URL('file:///app/src-main/core-process/core-worker.ts'), execArgv: ['--import', 'tsx'] });
  expect(coreWorkerEntry('file:///app/out/cli/worker-thread.js')).toEqual({ url: new URL('file:///app/out/cli/core-worker.js'), execArgv: [] });
});

it('answers calls from the worker thread, forwards its change events, and restarts a killed thread with the project reopened', async () => {
  const spawned: CoreProcess[] = [];
  const events: (string | null)[] = [];
  core = new CoreClient({
    init: { settingsDir: join(dir.path, 'settings'), hostKind: 'browser', analystOverride: 'Ada Analyst' },
    spawn: () => {
      const made = spawnCoreWorker();
      spawned.push(made);
      return made;
    },
    onUnexpected: () => {},
  });
  await core.open(projectPath);
  core.subscribe((_event, origin) => events.push(origin));
  expect(await core.call('document.import', { source: { type: 'text', text: 'Geneva talks\n\nThe envoy spoke.' } }, 'page-1')).toMatchObject({ ok: true });
  await expect.poll(() => events).toEqual(['page-1']);

  // A long import (a few MB of pasted text) is still running in the thread when it is killed.
  const long = `A long article\n\n${'The envoy said the talks moved forward. '.repeat(100_000)}`;
  const pending = core.call('document.import', { source: { type: 'text', text: long } });
  await spawned[0]?.kill();
  expect(await pending).toEqual({ ok: false, error: { code: 'internal', message: RESTARTED_MESSAGE } });
  expect(spawned).toHaveLength(2);
  const listed = await core.call('document.list', {});
  // The killed import may or may not have committed; the first article is there either way.
  expect(listed).toMatchObject({ ok: true, value: { documents: expect.arrayContaining([expect.objectContaining({ title: 'Geneva talks' })]) } });
});

it('answers a JSON request as JSON text when its answer holds no bytes, and as a value when it does', async () => {
  core = new CoreClient({
    init: { settingsDir: join(dir.path, 'settings'), hostKind: 'browser', analystOverride: 'Ada Analyst' },
    spawn: spawnCoreWorker,
    onUnexpected: () => {},
  });
  await core.open(projectPath);
  const info = await core.call('project.info', {});
  expect(info.ok).toBe(true);
  const asText = await core.callJson('project.info', '{}');
  expect(asText).toEqual({ ok: true, value: { [JSON_TEXT_KEY]: JSON.stringify(info.ok ? info.value : null) } });
  const packed = await core.callJson('project.pack', '{}');
  const value = packed.ok ? packed.value : null;
  expect(jsonTextOf(value)).toBeNull();
  expect(bytesIn(value).length).toBe(1);
});

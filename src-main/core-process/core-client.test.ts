// Checks the transport between a host and its core with in-memory ports: request correlation, events, progress and cancel, dialogs, windows, crashes and restarts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../core/session';
import { temporaryDirectory } from '../test-support/project-fixture';
import { CoreClient, MAX_RESTARTS, RESTARTED_MESSAGE, type CoreProcess } from './core-client';
import { serveCore } from './core-service';
import type { HostDialog, MessageLink } from './protocol';

/** Two linked ends of an in-memory channel; messages arrive asynchronously, in order, as a MessagePort delivers them. */
function channel(): [MessageLink, MessageLink] {
  const listeners: [Set<(m: unknown, p: readonly unknown[]) => void>, Set<(m: unknown, p: readonly unknown[]) => void>] = [new Set(), new Set()];
  const end = (mine: 0 | 1): MessageLink => ({
    send: (message, transfer = []) => {
      const ports = transfer.filter((t) => !(t instanceof ArrayBuffer));
      setImmediate(() => {
        for (const listener of listeners[mine === 0 ? 1 : 0]) listener(structuredClone(message), ports);
      });
    },
    onMessage(listener) {
      listeners[mine].add(listener);
      return () => listeners[mine].delete(listener);
    },
  });
  return [end(0), end(1)];
}

/** A core served in this thread on an in-memory channel, which the test can "crash". */
function inMemoryCore(): CoreProcess & { crash(): void } {
  const [host, core] = channel();
  serveCore(core, (port) => port as MessageLink);
  const exits: ((how: string) => void)[] = [];
  const crash = () => {
    for (const exit of exits) exit('a test crash');
  };
  return { link: host, onExit: (listener) => void exits.push(listener), kill: async () => crash(), crash };
}

/** A core that never answers: the requests stay pending until it crashes. */
function silentCore(): CoreProcess & { crash(): void; received: unknown[] } {
  const exits: ((how: string) => void)[] = [];
  const received: unknown[] = [];
  return {
    link: { send: (message) => void received.push(message), onMessage: () => () => {} },
    onExit: (listener) => void exits.push(listener),
    kill: async () => {},
    crash: () => {
      for (const exit of exits) exit('a test crash');
    },
    received,
  };
}

/** `count` short articles to import at once, each its own text. */
function texts(count: number): { type: 'text'; text: string }[] {
  return Array.from({ length: count }, (_, i) => ({ type: 'text', text: `Article ${i}\n\nThe envoy spoke on day ${i}.` }));
}

/** Resolves once `done()` holds (checked every few milliseconds, for at most 10 s). */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 5) {
    if (waited > 10_000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let dir: ReturnType<typeof temporaryDirectory>;
let projectPath: string;
const unexpected: string[] = [];

beforeEach(() => {
  dir = temporaryDirectory();
  projectPath = join(dir.path, 'talks.marginalia');
  createProject(projectPath, 'Talks').close();
  unexpected.length = 0;
});

afterEach(() => dir.remove());

function client(spawn: () => CoreProcess, extra: Partial<ConstructorParameters<typeof CoreClient>[0]> = {}): CoreClient {
  return new CoreClient({
    init: { settingsDir: join(dir.path, 'settings'), hostKind: 'desktop', analystOverride: 'Ada Analyst' },
    spawn,
    onUnexpected: (what, error) => void unexpected.push(`${what}: ${error.message}`),
    ...extra,
  });
}

describe('CoreClient with a core over a port', () => {
  it('answers each request with its own reply, opens projects and throws their UserError', async () => {
    const core = client(inMemoryCore);
    await core.open(projectPath);
    expect(core.projectPath).toBe(projectPath);
    const [imported, info, unknown] = await Promise.all([
      core.call('document.import', { source: { type: 'text', text: 'Geneva talks\n\nThe envoy spoke.' } }),
      core.call('project.info', {}),
      core.call('no.such', {}),
    ]);
    expect(imported).toMatchObject({ ok: true, value: { status: 'imported' } });
    expect(info).toMatchObject({ ok: true, value: { name: 'Talks' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    await expect(core.open(join(dir.path, 'absent.marginalia'))).rejects.toMatchObject({ name: 'UserError', code: 'not_found' });
    expect(core.projectPath).toBe(projectPath);
    await core.stop();
  });

  it('forwards change events with the origin of the request that made them', async () => {
    const core = client(inMemoryCore);
    await core.open(projectPath);
    const events: { documents: boolean; origin: string | null }[] = [];
    core.subscribe((event, origin) => events.push({ documents: event.type === 'project-data' && event.documents, origin }));
    await core.call('document.import', { source: { type: 'text', text: 'A title\n\nText.' } }, 'page-1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([{ documents: true, origin: 'page-1' }]);
    await core.stop();
  });

  it('asks the host for the dialogs of a desktop core and opens what it chose', async () => {
    const created = join(dir.path, 'new.marginalia');
    const asked: HostDialog[] = [];
    const core = client(inMemoryCore, { dialog: async (dialog) => (asked.push(dialog), created) });
    const result = await core.call('workbench.newProject', {});
    expect(asked).toEqual(['new-project']);
    expect(result).toMatchObject({ ok: true, value: { projectName: 'new.marginalia' } });
    expect(core.projectPath).toBe(created);
    await core.stop();
  });

  it('saves an export where the host’s save dialog says, byte for byte what export.project gives; cancelled, it writes nothing', async () => {
    const saved = join(dir.path, 'chosen.csv');
    const answers: (string | null)[] = [saved, null];
    const asked: HostDialog[] = [];
    const core = client(inMemoryCore, { dialog: async (dialog) => (asked.push(dialog), answers.shift() ?? null) });
    await core.open(projectPath);
    await core.call('document.import', { source: { type: 'text', text: 'Talks in Geneva\n\nThe delegations met on Monday.' } });
    const result = await core.call('workbench.saveExport', { format: 'csv', name: 'Talks-csv' });
    expect(asked).toEqual([{ type: 'save-export', fileName: 'Talks-csv.csv' }]);
    const inMemory = await core.call('export.project', { format: 'csv' });
    const expected = inMemory.ok ? Buffer.from((inMemory.value as { files: { contentBase64: string }[] }).files[0]?.contentBase64 ?? '', 'base64') : null;
    expect(readFileSync(saved)).toEqual(expected);
    expect(result).toEqual({ ok: true, value: { fileName: 'chosen.csv', bytes: expected?.length } });
    const before = readdirSync(dir.path).sort();
    expect(await core.call('workbench.saveExport', { format: 'csv', name: 'Talks-csv' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(readdirSync(dir.path).sort()).toEqual(before);
    await core.stop();
  });

  it('serves an attached window on its own port: its calls carry its origin, and it gets the others’ events only', async () => {
    const core = client(inMemoryCore);
    await core.open(projectPath);
    const [windowEnd, coreEnd] = channel();
    core.attachClient('7', coreEnd);
    const received: unknown[] = [];
    windowEnd.onMessage((message) => received.push(message));
    windowEnd.send({ type: 'call', id: 1, method: 'document.import', payload: { source: { type: 'text', text: 'Mine\n\nText.' } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await core.call('document.import', { source: { type: 'text', text: 'Theirs\n\nText.' } }, 'page-2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([
      { type: 'reply', id: 1, result: expect.objectContaining({ ok: true }) },
      { type: 'event', event: expect.objectContaining({ type: 'project-data', documents: true }) },
    ]);
    await core.stop();
  });

  it('sends a window the progress of its long request on its port, then the reply', async () => {
    const core = client(inMemoryCore);
    await core.open(projectPath);
    const [windowEnd, coreEnd] = channel();
    core.attachClient('7', coreEnd);
    const received: { type: string; event?: { type: string; done?: number; total?: number } }[] = [];
    windowEnd.onMessage((message) => received.push(message as never));
    windowEnd.send({ type: 'call', id: 1, method: 'document.importMany', payload: { sources: texts(5) }, requestId: 'import-0001' });
    await until(() => received.some((m) => m.type === 'reply'));
    const progress = received.filter((m) => m.event?.type === 'progress').map((m) => m.event);
    expect(progress[0]).toEqual({ type: 'progress', requestId: 'import-0001', done: 0, total: 6 });
    expect(progress.at(-1)).toEqual({ type: 'progress', requestId: 'import-0001', done: 5, total: 6 });
    expect(received.at(-1)).toEqual({ type: 'reply', id: 1, result: expect.objectContaining({ ok: true }) });
    await core.stop();
  });

  it('cancels a window’s long request by its id: it ends cancelled and nothing was imported', async () => {
    const core = client(inMemoryCore);
    await core.open(projectPath);
    const [windowEnd, coreEnd] = channel();
    core.attachClient('7', coreEnd);
    const replies = new Map<number, unknown>();
    windowEnd.onMessage((message) => {
      const m = message as { type: string; id: number; result: unknown };
      if (m.type === 'reply') replies.set(m.id, m.result);
    });
    windowEnd.send({ type: 'call', id: 1, method: 'document.importMany', payload: { sources: texts(200) }, requestId: 'import-0002' });
    windowEnd.send({ type: 'call', id: 2, method: 'request.cancel', payload: { requestId: 'import-0002' } });
    await until(() => replies.has(1) && replies.has(2));
    expect(replies.get(2)).toEqual({ ok: true, value: { cancelled: true } });
    expect(replies.get(1)).toEqual({ ok: false, error: { code: 'cancelled', message: 'The import was cancelled; nothing was imported.' } });
    expect(await core.call('document.list', {})).toEqual({ ok: true, value: { documents: [], total: 0 } });
    await core.stop();
  });

  it('over the host’s port: progress reaches the listeners with the origin, and only that origin may cancel', async () => {
    const core = client(inMemoryCore);
    await core.open(projectPath);
    const progress: { origin: string | null; done: number }[] = [];
    core.subscribe((event, origin) => {
      if (event.type === 'progress') progress.push({ origin, done: event.done });
    });
    const running = core.call('document.importMany', { sources: texts(200) }, 'page-1', 'import-0003');
    expect(await core.call('request.cancel', { requestId: 'import-0003' }, 'page-2')).toEqual({ ok: true, value: { cancelled: false } });
    expect(await core.call('request.cancel', { requestId: 'import-0003' }, 'page-1')).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress.map((p) => p.origin))).toEqual(new Set(['page-1']));
    expect(await core.call('request.cancel', { requestId: 'import-0003' }, 'page-1')).toEqual({ ok: true, value: { cancelled: false } });
    expect(await core.call('document.list', {})).toEqual({ ok: true, value: { documents: [], total: 0 } });
    await core.stop();
  });

  it('rejects with the core’s message and stack when the core throws unexpectedly', async () => {
    // A path inside a file cannot be a folder: settings.update fails writing the settings, an unexpected error.
    const broken = client(inMemoryCore, { init: { settingsDir: join(projectPath, 'settings'), hostKind: 'browser', analystOverride: null } });
    await expect(broken.call('settings.update', { analystName: 'Ada' })).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/);
    await broken.stop();
  });

  it('answers the pending requests of a crashed core with an internal error, restarts it and reopens the project', async () => {
    let current: ReturnType<typeof inMemoryCore> | null = null;
    let restarts = 0;
    const core = client(() => (current = inMemoryCore()), { onRestarted: () => void restarts++ });
    await core.open(projectPath);
    const first = current as unknown as ReturnType<typeof inMemoryCore>;
    // The next call is sent, then the core stops before answering.
    const pending = core.call('document.list', {});
    first.crash();
    expect(await pending).toEqual({ ok: false, error: { code: 'internal', message: RESTARTED_MESSAGE } });
    expect(RESTARTED_MESSAGE).toMatch(/restarted/);
    expect(restarts).toBe(1);
    expect(unexpected).toEqual(['the core: The core stopped (a test crash).']);
    expect(await core.call('document.list', {})).toEqual({ ok: true, value: { documents: [], total: 0 } });
    expect(core.projectPath).toBe(projectPath);
    await core.stop();
  });

  it(`stops restarting after ${MAX_RESTARTS} crashes in a minute, and then answers every request with an internal error`, async () => {
    const spawned: ReturnType<typeof silentCore>[] = [];
    const core = client(() => {
      const made = silentCore();
      spawned.push(made);
      return made;
    });
    for (let crash = 0; crash <= MAX_RESTARTS; crash++) {
      const pending = core.call('document.list', {});
      spawned.at(-1)?.crash();
      expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
    }
    expect(spawned).toHaveLength(MAX_RESTARTS + 1);
    expect(await core.call('document.list', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/not restarted/) } });
    // Each core was sent init first, then the request.
    expect(spawned[0]?.received.map((m) => (m as { type: string }).type)).toEqual(['init', 'request']);
  });
});

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../src-shared/api/events';
import { ok, type Result } from '../../src-shared/model/result';
import { Workbench } from '../core/workbench';
import { temporaryDirectory } from '../test-support/project-fixture';
import { createSenderCheck, isRendererUrl, registerContractIpc, type ContractService, type RendererLocation } from './register';

const INDEX_HTML = resolve('/opt/Marginalia/resources/app/out/renderer/index.html');
const FILE_LOCATION: RendererLocation = { kind: 'file', indexHtmlPath: INDEX_HTML };
const DEV_LOCATION: RendererLocation = { kind: 'dev-server', url: 'http://localhost:5173/' };
const RENDERER_URL = pathToFileURL(INDEX_HTML).href;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  frameTreeNodeId: number;
  detached: boolean;
}

function frame(url: string, options: Partial<FakeFrame> = {}): FakeFrame {
  return { url, parent: null, frameTreeNodeId: 1, detached: false, ...options };
}

const WINDOW = { id: 7, mainFrame: { frameTreeNodeId: 1 } };

function event(senderFrame: FakeFrame | null, senderId = WINDOW.id): IpcMainInvokeEvent {
  return { sender: { id: senderId }, senderFrame } as unknown as IpcMainInvokeEvent;
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
}

function quietLog() {
  return { warn: vi.fn(), error: vi.fn() };
}

describe('which pages count as the renderer', () => {
  it('accepts the built index.html, with a query or fragment, and nothing else on disk', () => {
    expect(isRendererUrl(RENDERER_URL, FILE_LOCATION)).toBe(true);
    expect(isRendererUrl(`${RENDERER_URL}?x=1#tags`, FILE_LOCATION)).toBe(true);
    expect(isRendererUrl(pathToFileURL(join(INDEX_HTML, '..', 'other.html')).href, FILE_LOCATION)).toBe(false);
    expect(isRendererUrl(pathToFileURL(resolve('/home/someone/Downloads/article.html')).href, FILE_LOCATION)).toBe(false);
    expect(isRendererUrl('https://example.com/index.html', FILE_LOCATION)).toBe(false);
    expect(isRendererUrl('about:blank', FILE_LOCATION)).toBe(false);
    expect(isRendererUrl('not a url', FILE_LOCATION)).toBe(false);
  });

  it('accepts the dev server only by its exact origin', () => {
    expect(isRendererUrl('http://localhost:5173/', DEV_LOCATION)).toBe(true);
    expect(isRendererUrl('http://localhost:5173/index.html?x', DEV_LOCATION)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', DEV_LOCATION)).toBe(false);
    expect(isRendererUrl('http://localhost.evil.com:5173/', DEV_LOCATION)).toBe(false);
    expect(isRendererUrl('ws://localhost:5173/', DEV_LOCATION)).toBe(false);
    expect(isRendererUrl(RENDERER_URL, DEV_LOCATION)).toBe(false);
  });
});

describe('the sender check', () => {
  const check = createSenderCheck(() => WINDOW, FILE_LOCATION);

  it('trusts the main frame of our window showing the renderer', () => {
    expect(check(event(frame(RENDERER_URL)))).toBe(true);
  });

  it('refuses subframes, other windows, other pages, detached or missing frames', () => {
    const main = frame(RENDERER_URL);
    expect(check(event(frame(RENDERER_URL, { parent: main, frameTreeNodeId: 2 })))).toBe(false);
    expect(check(event(frame(RENDERER_URL, { frameTreeNodeId: 2 })))).toBe(false);
    expect(check(event(frame(RENDERER_URL), 8))).toBe(false);
    expect(check(event(frame('https://example.com/')))).toBe(false);
    expect(check(event(frame(RENDERER_URL, { detached: true })))).toBe(false);
    expect(check(event(null))).toBe(false);
  });

  it('refuses everything while there is no window', () => {
    expect(createSenderCheck(() => null, FILE_LOCATION)(event(frame(RENDERER_URL)))).toBe(false);
  });
});

describe('the contract handler', () => {
  function setUp(service: ContractService | null, trusted = true) {
    const ipcMain = fakeIpcMain();
    const log = quietLog();
    const unregister = registerContractIpc(ipcMain, () => service, () => trusted, log);
    const handler = ipcMain.handlers.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('no handler registered');
    return { ipcMain, log, unregister, invoke: (method: unknown, payload: unknown) => handler(event(frame(RENDERER_URL)), method, payload) };
  }

  it('registers one handler on the invoke channel and removes it again', () => {
    const { ipcMain, unregister } = setUp({ call: async () => ok(null) });
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle.mock.calls[0]?.[0]).toBe(IPC_INVOKE_CHANNEL);
    unregister();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes method, payload and the sending window of a trusted sender to the service and returns its Result', async () => {
    const call = vi.fn(async (method: unknown, payload: unknown) => ok({ method, payload }));
    const { invoke } = setUp({ call });
    expect(await invoke('document.list', {})).toEqual({ ok: true, value: { method: 'document.list', payload: {} } });
    expect(call).toHaveBeenCalledWith('document.list', {}, expect.stringMatching(/^\d+$/));
  });

  it('refuses an untrusted sender before the service sees anything, and logs it', async () => {
    const call = vi.fn(async () => ok(null));
    const { invoke, log } = setUp({ call }, false);
    const result = await invoke('annotation.delete', { id: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(call).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('annotation.delete'));
  });

  it('dispatches through the real contract validation (unknown methods and bad payloads are Results)', async () => {
    const dir = temporaryDirectory();
    try {
      const { invoke } = setUp(new Workbench(dir.path, { kind: 'desktop' }));
      expect(await invoke('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(await invoke('settings.update', { analystName: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      expect(await invoke('settings.update', { analystName: 'Ada' })).toEqual({ ok: true, value: { analystName: 'Ada' } });
      expect(await invoke('document.list', {})).toMatchObject({ ok: false, error: { code: 'no_project' } });
    } finally {
      dir.remove();
    }
  });

  it('turns an unexpected exception into an internal error without its details, and logs it', async () => {
    const { invoke, log } = setUp({
      call: async () => {
        throw new Error('SQLITE_IOERR at /home/someone/secret/path');
      },
    });
    const result = await invoke('document.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(log.error).toHaveBeenCalled();
  });

  it('answers while starting up without a workbench', async () => {
    const { invoke } = setUp(null);
    expect(await invoke('project.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

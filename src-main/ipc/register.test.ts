// The IPC boundary: which pages count as the renderer, and which senders are trusted.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_PORT_REQUEST_CHANNEL } from '../../src-shared/api/channels';
import { createSenderCheck, isRendererUrl, registerPortRequests, type RendererLocation } from './register';

const INDEX_HTML = resolve('/opt/Marginalia/resources/app/out/renderer/index.html');
const APP_LOCATION: RendererLocation = { kind: 'app' };
const DEV_LOCATION: RendererLocation = { kind: 'dev-server', url: 'http://localhost:5173/' };
const RENDERER_URL = 'app://marginalia/index.html';

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

function quietLog() {
  return { warn: vi.fn(), error: vi.fn() };
}

describe('which pages count as the renderer', () => {
  it('accepts the app:// page, with a query or fragment, and no other page, host or file on disk', () => {
    expect(isRendererUrl(RENDERER_URL, APP_LOCATION)).toBe(true);
    expect(isRendererUrl('app://marginalia/', APP_LOCATION)).toBe(true);
    expect(isRendererUrl(`${RENDERER_URL}?x=1#tags`, APP_LOCATION)).toBe(true);
    expect(isRendererUrl('app://marginalia/assets/other.html', APP_LOCATION)).toBe(false);
    expect(isRendererUrl('app://marginalia.evil/index.html', APP_LOCATION)).toBe(false);
    expect(isRendererUrl(pathToFileURL(INDEX_HTML).href, APP_LOCATION)).toBe(false);
    expect(isRendererUrl(pathToFileURL(resolve('/home/someone/Downloads/article.html')).href, APP_LOCATION)).toBe(false);
    expect(isRendererUrl('https://example.com/index.html', APP_LOCATION)).toBe(false);
    expect(isRendererUrl('about:blank', APP_LOCATION)).toBe(false);
    expect(isRendererUrl('not a url', APP_LOCATION)).toBe(false);
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
  const check = createSenderCheck(() => WINDOW, APP_LOCATION);

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
    expect(createSenderCheck(() => null, APP_LOCATION)(event(frame(RENDERER_URL)))).toBe(false);
  });
});

describe('the port request listener', () => {
  function setUp(trusted: boolean) {
    const listeners = new Map<string, (event: IpcMainEvent) => void>();
    const ipcMain = {
      on: vi.fn((channel: string, listener: (event: IpcMainEvent) => void) => void listeners.set(channel, listener)),
      removeListener: vi.fn((channel: string) => void listeners.delete(channel)),
    };
    const attach = vi.fn();
    const log = quietLog();
    const unregister = registerPortRequests(ipcMain as never, () => trusted, attach, log);
    const request = () => listeners.get(IPC_PORT_REQUEST_CHANNEL)?.(event(frame(RENDERER_URL)) as unknown as IpcMainEvent);
    return { listeners, attach, log, unregister, request };
  }

  it('hands a trusted window to attach, and stops listening when unregistered', () => {
    const { listeners, attach, log, unregister, request } = setUp(true);
    request();
    expect(attach).toHaveBeenCalledTimes(1);
    expect(log.warn).not.toHaveBeenCalled();
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('gives an untrusted sender no port, and logs it', () => {
    const { attach, log, request } = setUp(false);
    request();
    expect(attach).not.toHaveBeenCalled();
    expect(log.warn.mock.calls[0]?.[0]).toMatch(/^Refused a port to the core for main frame "app:\/\/marginalia\/index.html"/);
  });

  it('logs a window that could not be connected instead of throwing into Electron', () => {
    const { attach, log, request } = setUp(true);
    attach.mockImplementation(() => {
      throw new Error('the window closed');
    });
    expect(() => request()).not.toThrow();
    expect(log.error).toHaveBeenCalledWith('A window could not be connected to the core', expect.any(Error));
  });
});

// Which requests the app may make (app:// only; the dev server only in development, on loopback).
import { EventEmitter } from 'node:events';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { RendererLocation } from '../ipc/register';
import { devServerCsp, devServerUrl, hardenSession, hardenWebContents, isAllowedRequest } from './hardening';

const RENDERER_DIR = resolve('/opt/Marginalia/resources/app/out/renderer');
const APP: RendererLocation = { kind: 'app' };
const DEV: RendererLocation = { kind: 'dev-server', url: 'http://localhost:5173/' };
const fileUrl = (path: string) => pathToFileURL(path).href;

vi.spyOn(console, 'warn').mockImplementation(() => {});

describe('which requests the app may make', () => {
  it('allows the app:// renderer and no file on disk', () => {
    expect(isAllowedRequest('app://marginalia/index.html', APP)).toBe(true);
    expect(isAllowedRequest('app://marginalia/assets/index-abc.js', APP)).toBe(true);
    expect(isAllowedRequest('app://elsewhere/index.html', APP)).toBe(false);
    expect(isAllowedRequest(fileUrl(join(RENDERER_DIR, 'index.html')), APP)).toBe(false);
    expect(isAllowedRequest(fileUrl(resolve('/etc/passwd')), APP)).toBe(false);
  });

  it('refuses the network in the built app, and allows only the dev server in development', () => {
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'ws://localhost:5173/', 'chrome://gpu', 'ftp://x/']) {
      expect(isAllowedRequest(url, APP), url).toBe(false);
    }
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', DEV)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', DEV)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', DEV)).toBe(false);
    expect(isAllowedRequest('https://cdn.example.com/react.js', DEV)).toBe(false);
    expect(isAllowedRequest('app://marginalia/index.html', DEV)).toBe(false);
  });

  it('allows inline data and DevTools pages, and nothing unparsable', () => {
    expect(isAllowedRequest('data:image/png;base64,AAAA', APP)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', APP)).toBe(true);
    expect(isAllowedRequest('::not a url', APP)).toBe(false);
  });
});

describe('the dev server address', () => {
  it('is used only unpackaged and only on loopback', () => {
    expect(devServerUrl('http://localhost:5173', false)).toBe('http://localhost:5173/');
    expect(devServerUrl('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl('http://localhost:5173/', true)).toBeNull();
    expect(devServerUrl('http://192.168.1.5:5173/', false)).toBeNull();
    expect(devServerUrl('file:///tmp/index.html', false)).toBeNull();
    expect(devServerUrl(undefined, false)).toBeNull();
  });

  it('gets a policy that admits its HMR socket and nothing remote', () => {
    const csp = devServerCsp('http://localhost:5173/');
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/https?:\/\/(?!localhost)/);
  });
});

function fakeSession() {
  const handlers: Record<string, (...args: never[]) => void> = {};
  const ses = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: {
      onBeforeRequest: vi.fn((listener) => void (handlers.beforeRequest = listener)),
      onHeadersReceived: vi.fn((listener) => void (handlers.headersReceived = listener)),
    },
  };
  return { ses, handlers };
}

describe('the session', () => {
  it('denies every permission request and check', () => {
    const { ses } = fakeSession();
    hardenSession(ses as never, APP);
    const requestHandler = ses.setPermissionRequestHandler.mock.calls[0]?.[0];
    const callback = vi.fn();
    requestHandler({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(ses.setPermissionCheckHandler.mock.calls[0]?.[0]({}, 'clipboard-read', 'file://', {})).toBe(false);
  });

  it('cancels requests outside the app, and adds a CSP header only for the dev server', () => {
    const built = fakeSession();
    hardenSession(built.ses as never, APP);
    const answer = vi.fn();
    (built.handlers.beforeRequest as (d: { url: string }, cb: typeof answer) => void)({ url: 'https://example.com/' }, answer);
    expect(answer).toHaveBeenCalledWith({ cancel: true });
    expect(built.ses.webRequest.onHeadersReceived).not.toHaveBeenCalled();

    const dev = fakeSession();
    hardenSession(dev.ses as never, DEV);
    const headers = vi.fn();
    const details = { url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } };
    (dev.handlers.headersReceived as (d: typeof details, cb: typeof headers) => void)(details, headers);
    expect(headers).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [devServerCsp(DEV.url)] },
    });
  });
});

describe('every web contents', () => {
  function hardened() {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    hardenWebContents(contents as unknown as WebContents, APP);
    const navigate = (event: string, url: string) => {
      const preventDefault = vi.fn();
      contents.emit(event, { url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    };
    return { contents, navigate };
  }

  it('opens no windows', () => {
    const { contents } = hardened();
    expect(contents.setWindowOpenHandler.mock.calls[0]?.[0]({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('navigates and redirects only to the renderer page, and attaches no webview', () => {
    const { contents, navigate } = hardened();
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-navigate', fileUrl(resolve('/home/someone/article.html')))).toBe(true);
    expect(navigate('will-navigate', 'app://marginalia/index.html#doc')).toBe(false);
    expect(navigate('will-redirect', 'https://example.com/')).toBe(true);
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });
});

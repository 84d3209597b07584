// Checks the app:// protocol handler with Fetch API Requests: the renderer's files with serve's security headers, and everything outside refused.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../serve/static-files';
import { temporaryDirectory } from '../test-support/project-fixture';
import { APP_INDEX_URL, createAppProtocolHandler } from './app-protocol';

let dir: ReturnType<typeof temporaryDirectory>;
let handle: (request: Request) => Promise<Response>;

beforeEach(() => {
  dir = temporaryDirectory();
  const renderer = join(dir.path, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Marginalia</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(renderer, '.secret'), 'dotfile');
  writeFileSync(join(dir.path, 'outside.txt'), 'SECRET');
  symlinkSync(join(dir.path, 'outside.txt'), join(renderer, 'assets', 'link.txt'));
  handle = createAppProtocolHandler(renderer);
});

afterEach(() => dir.remove());

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('serves the page and its assets with the CSP and the other security headers serve sends', async () => {
    for (const url of [APP_INDEX_URL, 'app://marginalia/', 'app://marginalia/assets/app.js']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    }
    const page = await get(APP_INDEX_URL);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Marginalia</title>');
    const script = await get('app://marginalia/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1);');
  });

  it('refuses paths out of the renderer folder, dotfiles, symlinks out, other hosts and other methods', async () => {
    // The URL parser resolves `..` and `%2e%2e` as whole segments (to a file the folder lacks); other encodings reach the handler.
    expect((await get('app://marginalia/../outside.txt')).status).toBe(404);
    expect((await get('app://marginalia/%2e%2e/outside.txt')).status).toBe(404);
    expect((await get('app://marginalia/assets/%2e%2e%2f%2e%2e%2foutside.txt')).status).toBe(400);
    expect((await get('app://marginalia/..%5coutside.txt')).status).toBe(400);
    expect((await get('app://marginalia/.secret')).status).toBe(400);
    expect((await get('app://marginalia/assets/link.txt')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://marginalia/%zz')).status).toBe(400);
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
    for (const url of ['app://marginalia/../outside.txt', 'app://marginalia/%2e%2e/outside.txt', 'app://marginalia/assets/link.txt']) {
      const response = await get(url);
      expect(await response.text()).not.toContain('SECRET');
      expect(response.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    }
  });
});

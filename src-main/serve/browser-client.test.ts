// Tests of the renderer's browser-mode transport (src-renderer/api/client.ts) against a real `serve`: bytes in a request go up as an upload, bytes in an answer come back as a download.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, httpTransport } from '../../src-renderer/api/client';
import { createProject } from '../core/session';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { startServer, type RunningServer } from './server';

let dir: ReturnType<typeof temporaryDirectory>;
let server: RunningServer;
const requests: string[] = [];
const UPLOAD_LIMIT = 256 * 1024;

beforeEach(async () => {
  dir = temporaryDirectory();
  const projectPath = join(dir.path, 'talks.marginalia');
  mkdirSync(join(dir.path, 'static'));
  writeFileSync(join(dir.path, 'static', 'index.html'), '<!doctype html>');
  createProject(projectPath, 'Talks').close();
  server = await startServer({ projectPath, settingsDir: join(dir.path, 'settings'), staticDir: join(dir.path, 'static'), env: {}, analystName: 'Bea', maxUploadBytes: UPLOAD_LIMIT });
  const realFetch = globalThis.fetch;
  // The page's fetch: same-origin paths, the token in the cookie the page got with it.
  vi.stubGlobal('fetch', (path: string, init: RequestInit = {}) => {
    requests.push(`${init.method ?? 'GET'} ${path}`);
    return realFetch(`http://127.0.0.1:${server.port}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), Cookie: `marginalia_token_${server.port}=${server.token}` } });
  });
  requests.length = 0;
  // A worker thread started through tsx takes a while on a busy machine.
}, 60_000);

afterEach(async () => {
  vi.unstubAllGlobals();
  await server.close();
  dir.remove();
});

describe('the browser transport', () => {
  it('uploads a file’s bytes apart from the JSON and imports them', async () => {
    const client = createClient(httpTransport());
    const bytes = new Uint8Array(readFileSync(join(SAMPLE_DIR, '000_734da4ab211b7c49.txt')));
    const { status, document } = await client.call('document.import', { source: { type: 'file', fileName: 'talks.txt', content: bytes } });
    expect(status).toBe('imported');
    expect(requests).toEqual(['POST /api/upload', 'POST /api/document.import']);
    expect((await client.call('document.get', { id: document.id })).length).toBeGreaterThan(100);
  });

  it('fetches the bytes of an answer as a Uint8Array (the packed project)', async () => {
    const client = createClient(httpTransport());
    const packed = await client.call('project.pack', {});
    expect(packed.content).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(packed.content.subarray(0, 15)).toString('latin1')).toBe('SQLite format 3');
    expect(requests).toEqual(['POST /api/project.pack', expect.stringMatching(/^GET \/api\/download\//)]);
  });

  it('sends a request without bytes before the call returns to its caller (nothing awaited first)', async () => {
    const client = createClient(httpTransport());
    const answer = client.call('project.info', {});
    // Still in the caller's turn: the request is already with fetch.
    expect(requests).toEqual(['POST /api/project.info']);
    expect((await answer).name).toBe('Talks');
  });

  it('answers with the server’s refusal of an over-large upload as a Result, sending no request', async () => {
    const result = await httpTransport().invoke('merge.preview', { fileName: 'big.marginalia', content: new Uint8Array(UPLOAD_LIMIT + 1) });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_request', message: 'A file is at most 256 KB.' } });
    expect(requests).toEqual(['POST /api/upload']);
  });
});

// Tests of serve's uploads, downloads and exports over real HTTP: a file uploaded and named by a request, the checks the endpoints keep, handles used once, by their page, in time, and exports sent as one file as they are read.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSFER_TTL_MS } from '../../src-shared/api/limits';
import { createProject } from '../core/session';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { startServer, type RunningServer } from './server';

const UPLOAD_LIMIT = 64 * 1024;
const PAGE = 'page-aaaaaaaa';
const OTHER_PAGE = 'page-bbbbbbbb';

let dir: ReturnType<typeof temporaryDirectory>;
let projectPath: string;
let settingsDir: string;
let staticDir: string;
let server: RunningServer;
let clock: number;

beforeEach(async () => {
  dir = temporaryDirectory();
  projectPath = join(dir.path, 'talks.marginalia');
  settingsDir = join(dir.path, 'settings');
  staticDir = join(dir.path, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Fake</title>');
  createProject(projectPath, 'Talks').close();
  clock = 1_000_000;
  server = await startServer({ projectPath, settingsDir, staticDir, env: { MARGINALIA_LOG_DIR: join(dir.path, 'logs') }, maxUploadBytes: UPLOAD_LIMIT, now: () => clock, analystName: 'Bea' });
  // A worker thread started through tsx takes a while on a busy machine.
}, 60_000);

afterEach(async () => {
  await server.close();
  dir.remove();
});

const base = (on = server) => `http://127.0.0.1:${on.port}`;
const auth = (on = server) => ({ Authorization: `Bearer ${on.token}` });

function upload(bytes: Uint8Array, headers: Record<string, string> = {}, on = server): Promise<Response> {
  return fetch(`${base(on)}/api/upload`, {
    method: 'POST',
    headers: { ...auth(on), 'X-Marginalia': '1', 'X-Marginalia-Client': PAGE, 'Content-Type': 'application/octet-stream', ...headers },
    body: bytes as BlobPart,
  });
}

async function uploadId(bytes: Uint8Array, on = server): Promise<string> {
  const response = await upload(bytes, {}, on);
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { ok: true; value: { uploadId: string; size: number } };
  expect(answer.value.size).toBe(bytes.byteLength);
  return answer.value.uploadId;
}

async function call(method: string, payload: unknown, client = PAGE, on = server): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const response = await fetch(`${base(on)}/api/${method}`, {
    method: 'POST',
    headers: { ...auth(on), 'Content-Type': 'application/json', 'X-Marginalia': '1', 'X-Marginalia-Client': client },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as never };
}

const importing = (id: string) => ({ source: { type: 'file', fileName: 'talks.txt', content: { $upload: id } } });
const article = () => readFileSync(join(SAMPLE_DIR, readdirSync(SAMPLE_DIR).filter((n) => n.endsWith('.txt')).sort()[0] ?? ''));

/** The files waiting in the uploads folders of this process's private folders (the temporary folder holds them). */
function waitingFiles(): string[] {
  const temporary = join(dir.path, '..');
  return readdirSync(temporary)
    .filter((name) => name.startsWith(`marginalia-${process.pid}-`))
    .flatMap((parent) => readdirSync(join(temporary, parent)).filter((name) => name.startsWith('uploads-')).map((name) => join(temporary, parent, name)))
    .flatMap((folder) => readdirSync(folder));
}

describe('serve uploads', () => {
  it('imports an article uploaded as raw bytes and named by the request', async () => {
    const bytes = article();
    const id = await uploadId(bytes);
    const imported = await call('document.import', importing(id));
    expect(imported.body).toMatchObject({ ok: true, value: { status: 'imported' } });
    const documentId = (imported.body.value as { document: { id: string } }).document.id;
    const stored = await call('document.get', { id: documentId });
    expect((stored.body.value as { text: string }).text).toContain(bytes.toString('utf8').split('\n')[0]?.trim().slice(0, 40));
    expect(waitingFiles()).toEqual([]);
  });

  it('refuses a file over the limit with 413, by Content-Length and when sent in chunks, keeping nothing', async () => {
    const byLength = await upload(new Uint8Array(UPLOAD_LIMIT + 1));
    expect(byLength.status).toBe(413);
    expect(await byLength.text()).toBe('Payload Too Large: a file is at most 64 KB.\n');
    const chunked = await new Promise<string>((resolveChunked, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolveChunked(text));
      socket.on('error', (error) => (text ? resolveChunked(text) : reject(error)));
      const head = ['POST /api/upload HTTP/1.1', `Host: 127.0.0.1:${server.port}`, `Authorization: Bearer ${server.token}`, 'X-Marginalia: 1', `X-Marginalia-Client: ${PAGE}`];
      socket.write([...head, 'Content-Type: application/octet-stream', 'Transfer-Encoding: chunked', '', ''].join('\r\n'));
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 6; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    });
    expect(chunked).toMatch(/^HTTP\/1\.1 413/);
    expect(waitingFiles()).toEqual([]);
  });

  it('keeps the checks of the API: the token, X-Marginalia, the Origin, the page id and the content type', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect((await upload(bytes, { Authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(401);
    expect((await upload(bytes, { 'X-Marginalia': '0' })).status).toBe(403);
    expect((await upload(bytes, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload(bytes, { 'X-Marginalia-Client': 'x' })).status).toBe(400);
    expect((await upload(bytes, { 'Content-Type': 'multipart/form-data; boundary=x' })).status).toBe(415);
    expect((await fetch(`${base()}/api/upload`, { headers: auth() })).status).toBe(405);
    expect(waitingFiles()).toEqual([]);
  });

  it('uses an upload once, only for the page that sent it', async () => {
    const id = await uploadId(article());
    const otherPage = await call('document.import', importing(id), OTHER_PAGE);
    expect(otherPage.status).toBe(400);
    expect(otherPage.body.error?.message).toMatch(/no longer waiting on the server/);
    expect((await call('document.import', importing(id))).body).toMatchObject({ ok: true });
    const again = await call('document.import', importing(id));
    expect(again.status).toBe(400);
    expect(again.body.error?.code).toBe('invalid_request');
  });

  it('forgets an upload after its time, and another server never knows it', async () => {
    const expiring = await uploadId(article());
    clock += TRANSFER_TTL_MS + 1;
    expect((await call('document.import', importing(expiring))).status).toBe(400);
    expect(waitingFiles()).toEqual([]);

    createProject(join(dir.path, 'other.marginalia'), 'Other').close();
    const other = await startServer({ projectPath: join(dir.path, 'other.marginalia'), settingsDir, staticDir, env: {}, analystName: 'Bea' });
    try {
      const elsewhere = await uploadId(article(), other);
      expect((await call('document.import', importing(elsewhere))).status).toBe(400);
      expect((await call('document.import', importing(elsewhere), PAGE, other)).body).toMatchObject({ ok: true });
    } finally {
      await other.close();
    }
  });

  it('answers a request naming no upload the contract way: bytes are required where a file goes', async () => {
    const named = await call('document.import', { source: { type: 'file', fileName: 'a.txt', content: 'aGVsbG8=' } });
    expect(named.body).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(named.body.error?.message).toContain('source.content');
  });
});

describe('serve downloads', () => {
  it('sends the packed project as a download its page fetches once', async () => {
    const packed = await call('project.pack', {});
    const reference = (packed.body.value as { content: { $download: string } }).content;
    const id = reference.$download;
    const download = (client: string) => fetch(`${base()}/api/download/${id}`, { headers: { ...auth(), 'X-Marginalia': '1', 'X-Marginalia-Client': client } });
    expect((await download(OTHER_PAGE)).status).toBe(404);
    const fetched = await download(PAGE);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await fetched.arrayBuffer()).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect((await download(PAGE)).status).toBe(404);
  });
});

describe('serve exports', () => {
  /** Imports the sample article and tags its first word, so that every export holds something. */
  async function someProject(): Promise<void> {
    const imported = await call('document.import', importing(await uploadId(article())));
    const documentId = (imported.body.value as { document: { id: string } }).document.id;
    expect((await call('annotation.create', { documentId, kind: 'claim', target: { start: 0, end: 4 } })).body).toMatchObject({ ok: true });
  }
  /** What export.project answers, file by file, as bytes. */
  async function inMemory(format: string): Promise<Record<string, Uint8Array>> {
    const { body } = await call('export.project', { format });
    return Object.fromEntries((body.value as { files: { path: string; contentBase64: string }[] }).files.map((f) => [f.path, new Uint8Array(Buffer.from(f.contentBase64, 'base64'))]));
  }
  async function written(format: string): Promise<{ folder: string; download: string }> {
    const { body } = await call('export.write', { format });
    expect(body).toMatchObject({ ok: true, value: { download: expect.any(String) } });
    return body.value as { folder: string; download: string };
  }
  const downloadExport = (id: string, client = PAGE, headers: Record<string, string> = {}) => fetch(`${base()}/api/export/${id}?client=${client}`, { headers: { ...auth(), ...headers } });

  it('sends a one-file export once, to its page, as an attachment byte for byte export.project’s, and removes its folder', async () => {
    await someProject();
    const { folder, download } = await written('csv');
    expect(existsSync(folder)).toBe(true);
    expect((await downloadExport(download, OTHER_PAGE)).status).toBe(404);
    expect((await downloadExport(download, PAGE, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const fetched = await downloadExport(download);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-disposition')).toBe('attachment');
    expect(fetched.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(Object.values(await inMemory('csv'))[0]);
    expect(existsSync(folder)).toBe(false);
    expect((await downloadExport(download)).status).toBe(404);
  });

  it('zips an export of several files as it sends it, each file as export.project writes it', async () => {
    await someProject();
    const { download } = await written('brat');
    const fetched = await downloadExport(download);
    expect(fetched.headers.get('content-type')).toBe('application/zip');
    expect(unzipSync(new Uint8Array(await fetched.arrayBuffer()))).toEqual(await inMemory('brat'));
  });

  it('forgets an export nobody downloaded after its time, with its folder', async () => {
    await someProject();
    const { folder, download } = await written('json');
    clock += TRANSFER_TTL_MS + 1;
    expect((await downloadExport(download)).status).toBe(404);
    expect(existsSync(folder)).toBe(false);
  });
});

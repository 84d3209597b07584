// Tests of the `marginalia serve` HTTP transport with real requests on 127.0.0.1, and of the real CLI process.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BODY_LIMITS, DEFAULT_BODY_LIMIT, FILE_LIMITS } from '../../src-shared/api/limits';
import type { Method } from '../../src-shared/api/contract';
import { createProjectApi } from '../core/handlers';
import { createProject, openProject } from '../core/session';
import { readSettings } from '../core/settings';
import { temporaryDirectory } from '../test-support/project-fixture';
import { INTERNAL_ERROR_MESSAGE } from '../../src-shared/model/result';
import { SEPARATE_READS, startServer, type RunningServer } from './server';
import { staticFilePath } from './static-files';

const REPO = join(import.meta.dirname, '..', '..');
const INDEX_HTML = '<!doctype html><title>Fake Marginalia</title><script type="module" src="./assets/app.js"></script>';
const APP_JS = 'console.log("fake app");';
const SECRET = 'SECRET-OUTSIDE-THE-STATIC-DIR';

let dir: ReturnType<typeof temporaryDirectory>;
let projectPath: string;
let settingsDir: string;
let staticDir: string;
let server: RunningServer;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = temporaryDirectory();
  projectPath = join(dir.path, 'talks.marginalia');
  settingsDir = join(dir.path, 'settings');
  staticDir = join(dir.path, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(dir.path, 'package.json'), SECRET);
  createProject(projectPath, 'Talks').close();
  env = { MARGINALIA_LOG_DIR: join(dir.path, 'logs') };
  server = await startServer({ projectPath, settingsDir, staticDir, env });
  // Two worker threads started through tsx take a while on a busy machine.
}, 60_000);

afterEach(async () => {
  await server.close();
  dir.remove();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the exact path and Host given (fetch would normalise `..` and forbid changing Host). */
function raw(path: string, headers: OutgoingHttpHeaders = {}, method = 'GET', body?: string): Promise<RawResponse> {
  return new Promise((resolveRaw, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolveRaw({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const base = () => `http://127.0.0.1:${server.port}`;
const bearer = () => ({ Authorization: `Bearer ${server.token}` });
const API_HEADERS = { 'Content-Type': 'application/json', 'X-Marginalia': '1' };

function api(method: string, payload: unknown, headers: Record<string, string> = bearer()): Promise<Response> {
  return fetch(`${base()}/api/${method}`, { method: 'POST', headers: { ...API_HEADERS, ...headers }, body: JSON.stringify(payload) });
}

async function apiResult(method: string, payload: unknown): Promise<unknown> {
  const response = await api(method, payload);
  expect(response.status).toBe(200);
  return response.json();
}

describe('marginalia serve over HTTP', () => {
  it('listens on 127.0.0.1 only, at the address it reports, with a 64-hex-digit token', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(server.url)).status).toBe(200);
    await expect(fetch(`http://[::1]:${server.port}/`)).rejects.toThrow();
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) await expect(fetch(`http://${external.address}:${server.port}/`)).rejects.toThrow();
  });

  it('answers 401 without the token, for the API, the assets and the page', async () => {
    const unauthenticated = [
      await api('project.info', {}, {}),
      await fetch(`${base()}/assets/app.js`),
      await fetch(`${base()}/`),
      await fetch(`${base()}/?token=${'0'.repeat(64)}`),
      await api('project.info', {}, { Authorization: `Bearer ${'0'.repeat(64)}` }),
      await api('project.info', {}, { Cookie: `marginalia_token_${server.port}=${server.token.slice(0, 63)}` }),
    ];
    for (const response of unauthenticated) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toMatch(/token/);
    }
  });

  it('serves the page for /?token= and sets an HttpOnly, SameSite=Strict cookie that opens the assets and the API', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(INDEX_HTML);
    const setCookie = page.headers.get('set-cookie') ?? '';
    expect(setCookie).toBe(`marginalia_token_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
    const cookie = { Cookie: setCookie.split(';')[0] as string };

    const script = await fetch(`${base()}/assets/app.js`, { headers: cookie });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe(APP_JS);

    const info = await api('project.info', {}, cookie);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true, value: { name: 'Talks', documentCount: 0 } });
    expect((await fetch(`${base()}/`, { headers: cookie })).status).toBe(200);
  });

  it('answers the API with a bearer token, also through the localhost name', async () => {
    expect(await apiResult('project.info', {})).toMatchObject({ ok: true, value: { name: 'Talks' } });
    const viaLocalhost = await raw('/api/project.info', { ...API_HEADERS, ...bearer(), Host: `localhost:${server.port}` }, 'POST', '{}');
    expect(viaLocalhost.status).toBe(200);
    expect(JSON.parse(viaLocalhost.body)).toMatchObject({ ok: true, value: { name: 'Talks' } });
  });

  it('sends the strict CSP and the other security headers on the page and on errors', async () => {
    const csp =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
      "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    for (const response of [await fetch(server.url), await fetch(`${base()}/nothing-here`), await api('project.info', {})]) {
      expect(response.headers.get('content-security-policy')).toBe(csp);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await fetch(`${base()}/nothing-here`, { headers: bearer() })).status).toBe(404);
  });

  it('refuses API calls without X-Marginalia (403), with another content type (415), from another origin (403), or by GET (405)', async () => {
    const missingHeader = await fetch(`${base()}/api/project.info`, { method: 'POST', headers: { ...bearer(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(missingHeader.status).toBe(403);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']) {
      const response = await api('project.info', {}, { ...bearer(), 'Content-Type': contentType });
      expect(response.status).toBe(415);
    }
    expect((await api('project.info', {}, { ...bearer(), Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('project.info', {}, { ...bearer(), Origin: base() })).status).toBe(200);
    expect((await fetch(`${base()}/api/project.info`, { headers: bearer() })).status).toBe(405);
  });

  it('refuses a Host header that is not 127.0.0.1 or localhost on its port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `localhost.evil.example:${server.port}`]) {
      const response = await raw(`/?token=${server.token}`, { Host: host });
      expect(response.status).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect((await raw('/api/project.info', { ...API_HEADERS, ...bearer(), Host: host }, 'POST', '{}')).status).toBe(403);
    }
    expect((await raw(`/?token=${server.token}`, { Host: `LOCALHOST:${server.port}` })).status).toBe(200);
  });

  it('never serves a file outside the static folder', async () => {
    const attempts = [
      '/../package.json', '/%2e%2e/%2e%2e/package.json', '/%2e%2e/package.json', '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json', '/..%5cpackage.json', '/%2fetc%2fpasswd', '//etc/passwd',
      `/${encodeURIComponent(join(dir.path, 'package.json'))}`, '/assets/app.js%00.html', '/.%2e/package.json',
    ];
    for (const path of attempts) {
      const response = await raw(path, bearer());
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.body, path).not.toContain(SECRET);
      expect(response.body, path).not.toContain('"name": "marginalia"');
    }
    expect((await raw('/%E0%A4%A', bearer())).status).toBe(400);
    expect((await raw('/assets/./app.js', bearer())).body).toBe(APP_JS);
    expect(staticFilePath('/srv/static', '/../x')).toBeNull();
    expect(staticFilePath('/srv/static', '/a/b.js')).toBe(join('/srv/static', 'a', 'b.js'));
  });

  it('turns a request the contract refuses into an invalid_request Result, and bad JSON into a 400 Result', async () => {
    expect(await apiResult('document.get', { id: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await apiResult('project.info', { unexpected: true })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await apiResult('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const badJson = await fetch(`${base()}/api/project.info`, { method: 'POST', headers: { ...API_HEADERS, ...bearer() }, body: '{"oops' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ ok: false, error: { code: 'invalid_request', message: 'The request body is not valid JSON.' } });
  });

  it('imports a text and lists it back', async () => {
    expect(await apiResult('settings.update', { analystName: 'Bea Reviewer' })).toEqual({ ok: true, value: { analystName: 'Bea Reviewer' } });
    const imported = await apiResult('document.import', { source: { type: 'text', title: 'Talks in Geneva', text: 'Talks in Geneva\n\nThe delegations met on Monday.' } });
    expect(imported).toMatchObject({ ok: true, value: { status: 'imported', document: { title: 'Talks in Geneva' } } });
    const listed = (await apiResult('document.list', {})) as { ok: true; value: { documents: { id: string; title: string }[] } };
    expect(listed.value.documents.map((d) => d.title)).toEqual(['Talks in Geneva']);
    expect(listed.value.documents[0]?.id).toBe((imported as { value: { document: { id: string } } }).value.document.id);
  });

  it('sends an answer written as JSON text by the core exactly as the same answer in process reads', async () => {
    await apiResult('settings.update', { analystName: 'Bea Reviewer' });
    const imported = (await apiResult('document.import', { source: { type: 'text', title: 'Talks in Geneva', text: 'Talks in Geneva\n\nThe delegations met on Monday.' } })) as {
      value: { document: { id: string } };
    };
    const id = imported.value.document.id;
    await apiResult('annotation.create', { documentId: id, kind: 'claim', target: { start: 20, end: 30 } });
    const reader = openProject(projectPath, { readOnly: true });
    try {
      const inProcess = createProjectApi(reader);
      for (const [method, request] of [['document.get', { id }], ['annotation.spans', { documentId: id }], ['annotation.listForDocument', { documentId: id }]] as const) {
        const body = await (await api(method, request)).text();
        expect(body).toBe(JSON.stringify(await inProcess.call(method, request)));
      }
    } finally {
      reader.close();
    }
  });

  it('answers reads from a second core that sees each committed write, even while the first core is busy', async () => {
    await apiResult('settings.update', { analystName: 'Bea Reviewer' });
    await apiResult('document.import', { source: { type: 'text', text: 'Talks in Geneva\n\nThe delegations met on Monday.' } });
    const listed = (await apiResult('document.list', {})) as { value: { documents: { title: string }[] } };
    expect(listed.value.documents.map((d) => d.title)).toEqual(['Talks in Geneva']);
    // The first core now answers nothing: a read does not wait for it.
    const busy = vi.spyOn(server.core, 'callJson').mockReturnValue(new Promise(() => {}));
    expect(SEPARATE_READS.has('document.list')).toBe(true);
    expect(await apiResult('document.list', {})).toMatchObject({ ok: true, value: { documents: [{ title: 'Talks in Geneva' }] } });
    // A page of rows, filtered (case ignored), as the document list asks for them.
    expect(await apiResult('document.list', { filter: 'GENEVA', offset: 0, limit: 50, fields: 'row' })).toMatchObject({
      ok: true,
      value: { total: 1, documents: [{ title: 'Talks in Geneva', tagCounts: { claim: 0 } }] },
    });
    expect(await apiResult('document.list', { filter: 'Miami', limit: 50, fields: 'row' })).toEqual({ ok: true, value: { total: 0, documents: [] } });
    expect(busy).not.toHaveBeenCalled();
    busy.mockRestore();
  });

  it('compares two analysts in the second core while the first is busy, and a teammate file’s analyst in the first', async () => {
    const pairPath = join(dir.path, 'pair.marginalia');
    const session = createProject(pairPath, 'Pair', { analystName: 'Anna' });
    const call = async (method: Method, request: unknown) => {
      const result = await createProjectApi(session).call(method, request as never);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { document: { id: string } };
    };
    const documentId = (await call('document.import', { source: { type: 'text', text: 'Talks in Geneva\n\nThe delegations met on Monday.' } })).document.id;
    await call('annotation.create', { documentId, kind: 'claim', target: { start: 0, end: 5 } });
    session.setAnalystName('Ben');
    await call('annotation.create', { documentId, kind: 'claim', target: { start: 0, end: 5 } });
    session.close();
    await server.close();
    server = await startServer({ projectPath: pairPath, settingsDir, staticDir, env });
    const { value } = (await apiResult('analyst.list', {})) as { value: { analysts: { id: string }[] } };
    const [analystA, analystB] = value.analysts.map((a) => a.id);
    const busy = vi.spyOn(server.core, 'callJson').mockReturnValue(new Promise(() => {}));
    expect(await apiResult('review.compare', { documentId, analystA, analystB })).toMatchObject({ ok: true, value: { differences: [{ type: 'agreed' }] } });
    expect(busy).not.toHaveBeenCalled();
    busy.mockRestore();
    // Only the first core holds the teammate files opened for review.
    const first = vi.spyOn(server.core, 'callJson');
    const teammateFileId = '00000000-0000-4000-8000-000000000000';
    expect(await apiResult('review.compare', { documentId, analystA, analystB, teammateFileId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(first.mock.calls.map(([method]) => method)).toEqual(['review.compare']);
    first.mockRestore();
  }, 60_000);

  it('is the browser host: one project, no dialogs', async () => {
    expect(await apiResult('workbench.state', {})).toMatchObject({ ok: true, value: { host: 'browser', projectName: 'talks.marginalia' } });
    expect(await apiResult('workbench.openProject', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await apiResult('workbench.closeProject', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('answers 413 past the body limit, and 500 with an internal Result when the core throws, its details in the log', async () => {
    const small = await startServer({ projectPath, settingsDir, staticDir, maxBodyBytes: 1024 * 1024, env });
    const huge = JSON.stringify({ source: { type: 'text', text: 'x'.repeat(2 * 1024 * 1024) } });
    const tooLarge = await fetch(`http://127.0.0.1:${small.port}/api/document.import`, { method: 'POST', headers: { ...API_HEADERS, Authorization: `Bearer ${small.token}` }, body: huge });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toBe('Payload Too Large: a request to document.import is at most 1 MB.\n');
    await small.close();

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(server.core, 'callJson').mockRejectedValueOnce(new Error('the disk caught fire'));
    const broken = await api('project.info', {});
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } });
    const logFile = join(dir.path, 'logs', 'marginalia.log');
    expect(logged.mock.calls).toEqual([[`marginalia serve: project.info failed unexpectedly: the disk caught fire; details are in ${logFile}.`]]);
    const entry = JSON.parse(readFileSync(logFile, 'utf8').trim().split('\n').at(-1) ?? '') as { serve: string; err: { message: string; stack: string } };
    expect(entry).toMatchObject({ serve: 'project.info', err: { message: 'the disk caught fire' } });
    expect(entry.err.stack).toMatch(/server\.test\.ts/);
    vi.restoreAllMocks();
  });

  it('says to build the UI first when the static folder has no index.html', async () => {
    const unbuilt = await startServer({ projectPath: join(dir.path, 'talks.marginalia'), settingsDir, staticDir: join(dir.path, 'missing'), token: 'a'.repeat(64) });
    try {
      const response = await fetch(unbuilt.url);
      expect(response.status).toBe(503);
      expect(await response.text()).toMatch(/npm run build/);
    } finally {
      await unbuilt.close();
    }
  });

  it('tags as a name given for the run (--analyst) without saving it to the settings', async () => {
    await server.close();
    server = await startServer({ projectPath, settingsDir, staticDir, analystName: 'Rita Reviewer' });
    expect(await apiResult('settings.get', {})).toEqual({ ok: true, value: { analystName: 'Rita Reviewer' } });
    await apiResult('document.import', { source: { type: 'text', text: 'A title\n\nSome text.' } });
    expect(await apiResult('project.info', {})).toMatchObject({ ok: true, value: { analyst: { name: 'Rita Reviewer' } } });
    expect(readSettings(settingsDir).analystName).toBeUndefined();
  });

  it('throws the core UserError when the file is not a project', async () => {
    writeFileSync(join(dir.path, 'notes.txt'), 'not a database');
    await expect(startServer({ projectPath: join(dir.path, 'notes.txt'), settingsDir, staticDir })).rejects.toMatchObject({ name: 'UserError', code: 'not_a_project' });
    await expect(startServer({ projectPath: join(dir.path, 'absent.marginalia'), settingsDir, staticDir })).rejects.toMatchObject({ code: 'not_found' });
  });
});

/** Sends `head` (and then `body`, if any, in chunks until the server answers) on a raw socket; resolves with the status line and body. */
function rawSocket(head: string, body?: { chunk: string; upTo: number }): Promise<{ status: number; text: string; sent: number }> {
  return new Promise((resolveRaw, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let text = '';
    let sent = 0;
    let answered = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answered = true;
      text += chunk;
    });
    const done = () => resolveRaw({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text, sent });
    socket.on('close', done);
    socket.on('error', (error: NodeJS.ErrnoException) => (answered ? done() : reject(error)));
    socket.write(head);
    if (!body) return;
    const pump = () => {
      while (!answered && sent < body.upTo) {
        sent += body.chunk.length;
        if (!socket.write(`${body.chunk.length.toString(16)}\r\n${body.chunk}\r\n`)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}

function apiHead(method: string, headers: string[]): string {
  return [`POST /api/${method} HTTP/1.1`, `Authorization: Bearer ${server.token}`, 'Content-Type: application/json', 'X-Marginalia: 1', ...headers, '', ''].join('\r\n');
}

describe('marginalia serve against hostile requests', () => {
  it('refuses a request with two Host headers with 400, even when the first is this server', async () => {
    const own = `Host: 127.0.0.1:${server.port}`;
    const twice = await rawSocket(apiHead('project.info', [own, 'Host: evil.example', 'Content-Length: 2', 'Connection: close']) + '{}');
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('a request has one Host header');
    const once = await rawSocket(apiHead('project.info', [own, 'Content-Length: 2', 'Connection: close']) + '{}');
    expect(once.status).toBe(200);
  });

  it('answers a request with a million unknown keys with a short error', async () => {
    const payload = Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`k${i}`, 1]));
    const response = await api('project.info', payload);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(text.length).toBeLessThan(1_000);
  });

  it('refuses by Content-Length, before reading, a body over the limit of its operation', async () => {
    const own = `Host: 127.0.0.1:${server.port}`;
    const small = await rawSocket(apiHead('project.info', [own, `Content-Length: ${DEFAULT_BODY_LIMIT + 1}`]));
    expect(small.status).toBe(413);
    expect(small.text).toContain('a request to project.info is at most 16 MB');
    const text = await rawSocket(apiHead('document.import', [own, `Content-Length: ${(BODY_LIMITS['document.import'] ?? 0) + 1}`]));
    expect(text.status).toBe(413);
    expect(text.text).toContain('a request to document.import is at most 60.1 MB');
    const file = await rawSocket(apiHead('merge.preview', [own, `Content-Length: ${DEFAULT_BODY_LIMIT + 1}`]));
    expect(file.status).toBe(413);
    expect(file.text).toContain('a request to merge.preview is at most 16 MB');
  });

  it('stops reading a body sent without Content-Length once it passes the limit', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const upTo = 4 * DEFAULT_BODY_LIMIT;
    const result = await rawSocket(apiHead('project.info', [`Host: 127.0.0.1:${server.port}`, 'Transfer-Encoding: chunked']), { chunk, upTo });
    expect(result.status).toBe(413);
    expect(result.sent).toBeLessThan(upTo);
  });

  it('keeps every JSON body below the longest string JavaScript holds, and far below the largest file', async () => {
    const { constants } = await import('node:buffer');
    for (const limit of Object.values(BODY_LIMITS)) expect(limit).toBeLessThan(constants.MAX_STRING_LENGTH);
    expect(Math.max(DEFAULT_BODY_LIMIT, ...Object.values(BODY_LIMITS))).toBeLessThan(FILE_LIMITS.project / 10);
  });
});

describe('the marginalia serve command', () => {
  it('prints the address on one line, answers with the token, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'marginalia.mjs'), 'serve', projectPath, '--port', '0'], {
      env: { ...process.env, MARGINALIA_SETTINGS_DIR: settingsDir, MARGINALIA_ANALYST: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    const lines = createInterface({ input: child.stdout });
    const stdoutLines: string[] = [];
    const firstLine = new Promise<string>((resolveLine, reject) => {
      lines.on('line', (line) => {
        stdoutLines.push(line);
        if (stdoutLines.length === 1) resolveLine(line);
      });
      void exited.then((code) => reject(new Error(`marginalia serve exited with ${code}: ${stderr}`)));
    });
    try {
      const url = await firstLine;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
      const { origin, searchParams } = new URL(url);
      const info = await fetch(`${origin}/api/project.info`, {
        method: 'POST',
        headers: { ...API_HEADERS, Authorization: `Bearer ${searchParams.get('token')}` },
        body: '{}',
      });
      expect(await info.json()).toMatchObject({ ok: true, value: { name: 'Talks' } });
      expect((await fetch(`${origin}/api/project.info`, { method: 'POST', headers: API_HEADERS, body: '{}' })).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdoutLines).toHaveLength(1);
  });
});

describe('the event stream', () => {
  it('streams what a request changed to other pages, not back to the page that made it', async () => {
    await apiResult('settings.update', { analystName: 'Ada' });
    const imported = (await apiResult('document.import', { source: { type: 'text', text: 'Talks\n\nBudanov said so.' } })) as { value: { document: { id: string } } };
    const document = imported.value.document;
    const controller = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${server.port}/api/events?client=page-one`, { headers: bearer(), signal: controller.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const received: string[] = [];
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received.push(new TextDecoder().decode(value));
      }
    })().catch(() => {});
    const tag = (client: string, start: number) =>
      api('annotation.create', { documentId: document.id, kind: 'actor', target: { start, end: start + 7 } }, { ...bearer(), 'X-Marginalia-Client': client });
    await tag('page-one', 7);
    await tag('page-two', 15);
    const end = Date.now() + 2000;
    while (!received.join('').includes('data:') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await reading;
    const events = received.join('').split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as unknown);
    expect(events).toEqual([{ type: 'project-data', everything: false, documentIds: [document.id], documents: false, actors: false, analysts: false }]);
  });

  it('streams a page the progress of its long request only, and cancels the request by the id the page gave it', async () => {
    await apiResult('settings.update', { analystName: 'Ada' });
    const watch = async (client: string) => {
      const controller = new AbortController();
      const stream = await fetch(`http://127.0.0.1:${server.port}/api/events?client=${client}`, { headers: bearer(), signal: controller.signal });
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      const received: string[] = [];
      const reading = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received.push(new TextDecoder().decode(value));
        }
      })().catch(() => {});
      const events = () => received.join('').split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as { type: string; requestId?: string });
      return { events, stop: async () => (controller.abort(), await reading) };
    };
    const mine = await watch('page-one');
    const theirs = await watch('page-two');
    const sources = Array.from({ length: 1000 }, (_, i) => ({ type: 'text', text: `Article ${i}\n\nThe envoy spoke on day ${i}.` }));
    const page = { ...bearer(), 'X-Marginalia-Client': 'page-one' };
    const running = api('document.importMany', { sources }, { ...page, 'X-Marginalia-Request': 'import-0001' });
    const end = Date.now() + 20_000;
    while (!mine.events().some((e) => e.type === 'progress') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await (await api('request.cancel', { requestId: 'import-0001' }, page)).json()).toEqual({ ok: true, value: { cancelled: true } });
    expect(await (await running).json()).toEqual({ ok: false, error: { code: 'cancelled', message: 'The import was cancelled; nothing was imported.' } });
    await Promise.all([mine.stop(), theirs.stop()]);
    expect(mine.events().filter((e) => e.type === 'progress').every((e) => e.requestId === 'import-0001')).toBe(true);
    expect(theirs.events().filter((e) => e.type === 'progress')).toEqual([]);
    expect(await apiResult('document.list', {})).toEqual({ ok: true, value: { documents: [], total: 0 } });
  });
});

// The HTTP transport of `marginalia serve` (Node CLI process): one project's Workbench behind the contract and the built renderer, on 127.0.0.1 behind a token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extname, join, resolve } from 'node:path';
import { contract, RequestIdSchema, type ResponseOf } from '../../src-shared/api/contract';
import { isSentTo } from '../../src-shared/api/events';
import { DOWNLOAD_KEY, rewrite, TRANSFER_ID, uploadIdsIn } from '../../src-shared/api/byte-references';
import { bodyLimitFor, describeBytes, TRANSFER_TTL_MS } from '../../src-shared/api/limits';
import { err, INTERNAL_ERROR_MESSAGE, UserError, type Result } from '../../src-shared/model/result';
import { logUnexpectedError } from '../core/log';
import { newPrivateFolder } from '../core/private-files';
import { oneFileChunks, oneFileMediaType, oneFileSize } from '../core/export/one-file';
import { CONTENT_TYPES, SECURITY_HEADERS, servableFile, staticFilePath } from './static-files';
import type { CoreClient } from '../core-process/core-client';
import { INVALID_JSON_MESSAGE, jsonTextOf } from '../core-process/protocol';
import { startCoreInWorker } from '../core-process/worker-thread';
import { Transfers } from './transfers';

export interface ServeOptions {
  /** A lower cap on every request body than the per-operation limits of src-shared/api/limits.ts; tests lower it. */
  maxBodyBytes?: number;
  /** A lower cap on one upload than UPLOAD_LIMIT; tests lower it. */
  maxUploadBytes?: number;
  /** The clock uploads and downloads expire by; tests move it. */
  now?: () => number;
  /** False: every request waits for the one core (the benchmark's comparison). Default true: reads have their own. */
  separateReads?: boolean;
  /** Where unexpected errors are logged (MARGINALIA_LOG_DIR); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The project file to open; its errors (not found, not a project, newer version) are thrown as UserError. */
  projectPath: string;
  /** 0 or undefined: any free port. */
  port?: number;
  /** The app settings folder (analyst name, recent projects). */
  settingsDir: string;
  /** The built renderer (index.html + assets/). */
  staticDir: string;
  /** The access token; 32 random bytes as hex by default. */
  token?: string;
  /** Tag as this name while the server runs (`--analyst`); never written to the settings. Without it the settings' name is used. */
  analystName?: string;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>/?token=<token>`: the address to open. */
  url: string;
  port: number;
  token: string;
  /** Stops listening, drops open connections, closes the project and ends the core's thread. */
  close(): Promise<void>;
  /** The core, in its worker thread: the HTTP thread only reads requests and writes answers. */
  core: CoreClient;
}

/** The cookie carrying the token; named per port, since browsers share cookies across ports of one host. */
export function tokenCookieName(port: number): string {
  return `marginalia_token_${port}`;
}

/**
 * The reads a page makes most, answered by a second, read-only core in its own thread, so that they never wait
 * behind a long operation of the first (a merge preview of a large file). They depend on the project file only,
 * never on what a core holds in memory; SQLite's write-ahead log lets the reader see every committed write.
 */
export const SEPARATE_READS: ReadonlySet<string> = new Set(['document.list', 'document.get', 'annotation.listForDocument', 'annotation.spans', 'actor.list', 'actor.mentions']);

/**
 * Reads the reader answers too unless they name a teammate's file opened for review, which only the first core
 * holds: the side-by-side review's comparison then never waits behind a long operation either (the suggestions of
 * a large article computed on their first use after start).
 */
const SEPARATE_UNLESS_TEAMMATE_FILE: ReadonlySet<string> = new Set(['review.compare']);

/** Whether the reader answers `method` with this request body (JSON it cannot read goes to the first core, which says so). */
export function answeredByReader(method: string, json: string): boolean {
  if (SEPARATE_READS.has(method)) return true;
  if (!SEPARATE_UNLESS_TEAMMATE_FILE.has(method)) return false;
  try {
    const request: unknown = JSON.parse(json);
    return typeof request === 'object' && request !== null && !('teammateFileId' in request);
  } catch {
    return false;
  }
}

interface Context {
  readonly core: Pick<CoreClient, 'callJson' | 'subscribe'>;
  /** The read-only core that answers SEPARATE_READS (and answeredByReader's), or null when the one core answers everything. */
  readonly reader: Pick<CoreClient, 'callJson'> | null;
  readonly staticDir: string;
  readonly maxBodyBytes: number;
  readonly env: NodeJS.ProcessEnv;
  readonly tokenDigest: Buffer;
  readonly transfers: Transfers;
  port: number;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time: both sides are hashed first, so neither the content nor the length of the token leaks. */
function tokenMatches(context: Context, candidate: string | null | undefined): boolean {
  return typeof candidate === 'string' && timingSafeEqual(sha256(candidate), context.tokenDigest);
}

function isAuthorized(context: Context, request: IncomingMessage): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (bearer && tokenMatches(context, bearer[1])) return true;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === tokenCookieName(context.port) && tokenMatches(context, value.join('='))) return true;
  }
  return false;
}

function hostIsAllowed(context: Context, request: IncomingMessage): boolean {
  const host = (request.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${context.port}` || host === `localhost:${context.port}`;
}

/** Browsers send Origin on cross-site POSTs; when present it must be this server. */
function originIsAllowed(context: Context, request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${context.port}` || origin === `http://localhost:${context.port}`;
}

/** One line on stderr for an unexpected failure; its details (stack) go to the log file that line names. */
function reportUnexpected(env: NodeJS.ProcessEnv, error: unknown, method: string | null): void {
  const what = method === null ? 'a request' : method.slice(0, 100);
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);
  let where: string;
  try {
    where = `details are in ${logUnexpectedError(error, { serve: what }, env)}`;
  } catch {
    where = `the log could not be written: ${(error instanceof Error ? error.stack : undefined) ?? message}`;
  }
  console.error(`marginalia serve: ${what} failed unexpectedly: ${message}; ${where}.`);
}

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(`${text}\n`);
}

function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(response, JSON.stringify(value), status, headers);
}

function sendJsonText(response: ServerResponse, body: string, status = 200, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(body);
}

function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  return type === 'application/json' && parameters.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8');
}

/** The body, or null as soon as it passes `limit` bytes: reading then stops, and the rest is never buffered. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off('data', onData);
      request.pause();
      resolveBody(null);
    };
    request.on('data', onData);
    request.on('end', () => resolveBody(size <= limit ? Buffer.concat(chunks) : null));
    request.on('error', reject);
  });
}

function decodeUtf8(body: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

/** The checks every API request passes first: the X-Marginalia header (which a cross-site form cannot send) and the Origin. */
function refusedAsForeign(context: Context, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.headers['x-marginalia'] !== '1') sendText(response, 403, 'Forbidden: API requests need the header X-Marginalia: 1.');
  else if (!originIsAllowed(context, request)) sendText(response, 403, 'Forbidden: this request comes from another site.');
  else return false;
  return true;
}

/** Answers 413 and closes the connection once the answer is sent, so the rest of the body is never read. */
function refuseTooLarge(request: IncomingMessage, response: ServerResponse, what: string, limit: number): void {
  response.once('finish', () => request.destroy());
  sendText(response, 413, `Payload Too Large: ${what} is at most ${describeBytes(limit)}.`, { Connection: 'close' });
}

const UPLOAD_UNAVAILABLE = `A file this request names is no longer waiting on the server (an upload is used by one request of the page that sent it, within ${TRANSFER_TTL_MS / 60_000} minutes); choose the file again.`;

/**
 * POST /api/upload: the raw bytes of one file (Content-Type: application/octet-stream), streamed to a private file
 * and answered with `{ uploadId }`, which one later request of the same page (X-Marginalia-Client) names as
 * `{ "$upload": uploadId }` where the contract takes bytes.
 */
async function receiveUpload(context: Context, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST') return sendText(response, 405, 'Method Not Allowed: an upload is a POST.', { Allow: 'POST' });
  if (refusedAsForeign(context, request, response)) return;
  const client = clientIdOf(request.headers['x-marginalia-client']);
  if (client === null) return sendText(response, 400, 'Bad Request: an upload needs the page’s X-Marginalia-Client header.');
  if ((request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/octet-stream') {
    return sendText(response, 415, 'Unsupported Media Type: send the file as Content-Type: application/octet-stream.');
  }
  const limit = context.transfers.uploadLimit;
  if (Number(request.headers['content-length'] ?? 0) > limit) return refuseTooLarge(request, response, 'a file', limit);
  const received = await context.transfers.receive(request, client);
  if (received === 'too-large') return refuseTooLarge(request, response, 'a file', limit);
  if (received === 'too-many') {
    response.once('finish', () => request.destroy());
    return sendText(response, 429, 'Too Many Requests: this page has too many files waiting; send the request that uses them first.', { Connection: 'close' });
  }
  sendJson(response, 200, { ok: true, value: { uploadId: received.id, size: received.size } });
}

/** GET /api/download/<id>: the bytes of an answer, once, to the page whose request it answered. */
function sendDownload(context: Context, request: IncomingMessage, response: ServerResponse, id: string): void {
  if (request.method !== 'GET') return sendText(response, 405, 'Method Not Allowed: a download is a GET.', { Allow: 'GET' });
  if (refusedAsForeign(context, request, response)) return;
  const bytes = TRANSFER_ID.test(id) ? context.transfers.fetch(id, clientIdOf(request.headers['x-marginalia-client'])) : null;
  if (bytes === null) return sendText(response, 404, 'Not Found: this download was fetched already, has expired, or belongs to another page.');
  response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength), 'Cache-Control': 'no-store' });
  response.end(bytes);
}

/**
 * GET /api/export/<id>?client=<page>: an export `export.write` wrote, sent once as one file (an attachment) to the
 * page that asked for it, a chunk at a time as it is read (several files zipped on the way); its folder is removed
 * after. A plain link opens it, so the browser saves it to disk as it comes: no X-Marginalia header, but the id
 * (24 random bytes, used once), the page's id, the cookie and, where the browser says, a request from this site.
 */
async function sendExport(context: Context, request: IncomingMessage, response: ServerResponse, id: string, query: URLSearchParams): Promise<void> {
  if (request.method !== 'GET') return sendText(response, 405, 'Method Not Allowed: a download is a GET.', { Allow: 'GET' });
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return sendText(response, 403, 'Forbidden: this request comes from another site.');
  const written = TRANSFER_ID.test(id) ? context.transfers.takeExport(id, clientIdOf(query.get('client'))) : null;
  if (written === null) return sendText(response, 404, 'Not Found: this export was downloaded already, has expired, or belongs to another page.');
  try {
    const size = oneFileSize(written);
    response.writeHead(200, {
      'Content-Type': oneFileMediaType(written),
      'Content-Disposition': 'attachment',
      'Cache-Control': 'no-store',
      ...(size === null ? {} : { 'Content-Length': String(size) }),
    });
    await pipeline(Readable.from(oneFileChunks(written)), response);
  } catch (error) {
    // The page went away (closed, cancelled the download): nothing to answer, only the folder to remove.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  } finally {
    rmSync(written.folder, { recursive: true, force: true });
  }
}

/** An answer of `export.write` for a page: its folder kept for GET /api/export/<download>, which the page follows. */
function withExportDownload(context: Context, method: string, result: Result<unknown>, client: string | null): Result<unknown> {
  if (method !== 'export.write' || !result.ok) return result;
  const written = result.value as ResponseOf<'export.write'>;
  return { ok: true, value: { ...written, download: context.transfers.offerExport(written, client) } };
}

/** `result` with the bytes it carries replaced by downloads for `client` (`{ "$download": id }`). */
function withDownloads(context: Context, result: Result<unknown>, client: string | null): Result<unknown> {
  if (!result.ok) return result;
  return { ok: true, value: rewrite(result.value, (item) => (item instanceof Uint8Array ? { [DOWNLOAD_KEY]: context.transfers.offer(item, client) } : item)) };
}

async function handleApi(context: Context, request: IncomingMessage, response: ServerResponse, rawMethod: string): Promise<void> {
  if (request.method !== 'POST') return sendText(response, 405, 'Method Not Allowed: the API takes POST.', { Allow: 'POST' });
  if (refusedAsForeign(context, request, response)) return;
  if (!isJsonContentType(request.headers['content-type'])) {
    return sendText(response, 415, 'Unsupported Media Type: send the request as Content-Type: application/json.');
  }
  let method: string;
  try {
    method = decodeURIComponent(rawMethod);
  } catch {
    return sendJson(response, 400, err('invalid_request', 'The operation name in the address is not valid.'));
  }
  const limit = Math.min(bodyLimitFor(method), context.maxBodyBytes);
  const tooLarge = () => refuseTooLarge(request, response, `a request to ${method.slice(0, 100)}`, limit);
  if (Number(request.headers['content-length'] ?? 0) > limit) return tooLarge();
  const body = await readBody(request, limit);
  if (body === null) return tooLarge();
  const json = decodeUtf8(body);
  if (json === null) return sendJson(response, 400, err('invalid_request', INVALID_JSON_MESSAGE));
  const client = clientIdOf(request.headers['x-marginalia-client']);
  const uploads = context.transfers.take(uploadIdsIn(json), client);
  if (uploads === null) return sendJson(response, 400, err('invalid_request', UPLOAD_UNAVAILABLE));
  let result: Result<unknown>;
  try {
    const answering = context.reader !== null && answeredByReader(method, json) ? context.reader : context.core;
    result = await answering.callJson(method, json, client, uploads, requestIdOf(request.headers['x-marginalia-request']));
    // The core parses the body: JSON it cannot read is a 400, as before.
    if (!result.ok && result.error.code === 'invalid_request' && result.error.message === INVALID_JSON_MESSAGE) return sendJson(response, 400, result);
  } catch (error) {
    reportUnexpected(context.env, error, method);
    return sendJson(response, 500, err('internal', INTERNAL_ERROR_MESSAGE));
  } finally {
    context.transfers.discard(uploads);
  }
  const text = result.ok ? jsonTextOf(result.value) : null;
  if (text !== null) return sendJsonText(response, `{"ok":true,"value":${text}}`);
  sendJson(response, 200, withDownloads(context, withExportDownload(context, method, result, client), client));
}

/** A page's client id (sent with its requests and its event stream), or null when absent or malformed. */
function clientIdOf(value: string | string[] | null | undefined): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(value) ? value : null;
}

/** The id a page gives a request it may cancel (`request.cancel`) and follow on its event stream, or undefined. */
function requestIdOf(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && RequestIdSchema.safeParse(value).success ? value : undefined;
}

/** How often an idle event stream sends a comment, so that proxies and the browser keep it open. */
const EVENT_STREAM_KEEPALIVE_MS = 25_000;

/**
 * GET /api/events: a server-sent-events stream of what changes in the project, for one page (`?client=<id>`),
 * leaving out the changes that page's own requests made, and the progress of that page's long requests.
 */
function streamEvents(context: Context, request: IncomingMessage, response: ServerResponse, query: URLSearchParams): void {
  if (request.method !== 'GET') return sendText(response, 405, 'Method Not Allowed: the event stream takes GET.', { Allow: 'GET' });
  const client = clientIdOf(query.get('client'));
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write(': connected\n\n');
  const unsubscribe = context.core.subscribe((event, origin) => {
    if (isSentTo(event, origin, client)) response.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const keepalive = setInterval(() => response.write(': keepalive\n\n'), EVENT_STREAM_KEEPALIVE_MS);
  keepalive.unref();
  request.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
  });
}

async function sendFile(request: IncomingMessage, response: ServerResponse, file: string, noStore: boolean): Promise<void> {
  const body = await readFile(file);
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    'Cache-Control': noStore ? 'no-store' : 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

async function sendIndex(context: Context, request: IncomingMessage, response: ServerResponse, headers: Record<string, string> = {}): Promise<void> {
  const index = await servableFile(context.staticDir, join(context.staticDir, 'index.html'));
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  if (index === null) {
    return sendText(response, 503, 'Service Unavailable: the Marginalia web UI is not built. Run `npm run build` first, then reload this page.');
  }
  await sendFile(request, response, index, true);
}

async function serveStatic(context: Context, request: IncomingMessage, response: ServerResponse, rawPath: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method Not Allowed.', { Allow: 'GET, HEAD' });
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return sendText(response, 400, 'Bad Request: the address is not valid.');
  }
  if (decoded === '/' || decoded === '/index.html') return sendIndex(context, request, response);
  const file = staticFilePath(context.staticDir, decoded);
  if (file === null) return sendText(response, 400, 'Bad Request: the address is not valid.');
  const servable = await servableFile(context.staticDir, file);
  if (servable === null) return sendText(response, 404, 'Not Found.');
  await sendFile(request, response, servable, false);
}

async function handleRequest(context: Context, request: IncomingMessage, response: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  // Node keeps only the first of several Host headers; a request that sends more is ambiguous, so refused.
  if ((request.headersDistinct.host?.length ?? 0) > 1) return sendText(response, 400, 'Bad Request: a request has one Host header.');
  // DNS rebinding: a hostile name resolving to 127.0.0.1 still carries its own name in Host.
  if (!hostIsAllowed(context, request)) return sendText(response, 403, 'Forbidden: Marginalia answers only to 127.0.0.1 and localhost.');
  const rawUrl = request.url ?? '';
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  if (!rawPath.startsWith('/')) return sendText(response, 400, 'Bad Request: the address is not valid.');
  const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
  if (rawPath === '/' && query.has('token') && (request.method === 'GET' || request.method === 'HEAD')) {
    if (!tokenMatches(context, query.get('token'))) return sendText(response, 401, 'Unauthorized: this token is wrong; open the exact address `marginalia serve` printed.');
    const cookie = `${tokenCookieName(context.port)}=${query.get('token')}; HttpOnly; SameSite=Strict; Path=/`;
    return sendIndex(context, request, response, { 'Set-Cookie': cookie });
  }
  if (!isAuthorized(context, request)) return sendText(response, 401, 'Unauthorized: open the exact address `marginalia serve` printed (it carries the access token).');
  if (rawPath === '/api/events') return streamEvents(context, request, response, query);
  if (rawPath === '/api/upload') return receiveUpload(context, request, response);
  if (rawPath.startsWith('/api/download/')) return sendDownload(context, request, response, rawPath.slice('/api/download/'.length));
  if (rawPath.startsWith('/api/export/')) return sendExport(context, request, response, rawPath.slice('/api/export/'.length), query);
  if (rawPath.startsWith('/api/')) return handleApi(context, request, response, rawPath.slice('/api/'.length));
  return serveStatic(context, request, response, rawPath);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}

function listenError(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new UserError('invalid_request', `Port ${port} on 127.0.0.1 is already in use: choose another with --port, or leave it out for any free port.`);
  if (code === 'EACCES') return new UserError('invalid_request', `Marginalia may not listen on port ${port}: choose a port above 1023, or leave --port out.`);
  return error;
}

function validAnalystName(name: string | undefined): string | null {
  if (name === undefined || name.trim() === '') return null;
  const parsed = contract['settings.update'].request.safeParse({ analystName: name });
  if (!parsed.success) throw new UserError('invalid_request', 'An analyst name is at most 100 characters.');
  return parsed.data.analystName;
}

/** Opens the project and serves it on 127.0.0.1; resolves once the server is listening. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  // The token goes into a URL and a cookie unescaped, so it is kept to URL- and cookie-safe characters.
  if (!/^[A-Za-z0-9_-]{16,256}$/.test(token)) throw new Error('startServer: a token is 16 to 256 letters, digits, "-" or "_".');
  const env = options.env ?? process.env;
  const core = startCoreInWorker({
    init: { settingsDir: options.settingsDir, hostKind: 'browser', analystOverride: validAnalystName(options.analystName) },
    onUnexpected: (what, error) => reportUnexpected(env, error, what),
  });
  // Both threads start at once; the reader opens the file once the first core has migrated it, if it needed that.
  const reader =
    options.separateReads === false
      ? null
      : startCoreInWorker({ init: { settingsDir: options.settingsDir, hostKind: 'browser', analystOverride: null, readOnly: true }, onUnexpected: (what, error) => reportUnexpected(env, error, what) });
  try {
    await core.open(options.projectPath);
    await reader?.open(options.projectPath);
  } catch (error) {
    await Promise.all([core.stop(), reader?.stop()]);
    throw error;
  }
  const context: Context = {
    core,
    reader,
    staticDir: resolve(options.staticDir),
    maxBodyBytes: options.maxBodyBytes ?? Number.POSITIVE_INFINITY,
    env,
    tokenDigest: sha256(token),
    transfers: new Transfers({ folder: newPrivateFolder('uploads'), ...(options.now ? { now: options.now } : {}), ...(options.maxUploadBytes !== undefined ? { uploadLimit: options.maxUploadBytes } : {}) }),
    port: 0,
  };
  const server = createServer((request, response) => {
    handleRequest(context, request, response).catch((error: unknown) => {
      reportUnexpected(context.env, error, null);
      if (!response.headersSent) sendText(response, 500, 'Internal Server Error: something went wrong inside Marginalia.');
      else response.destroy();
    });
  });
  try {
    context.port = await listen(server, options.port ?? 0);
  } catch (error) {
    context.transfers.close();
    await Promise.all([core.stop(), reader?.stop()]);
    throw listenError(error, options.port ?? 0);
  }
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= new Promise<void>((resolveClose) => {
      server.close(() => resolveClose());
      server.closeAllConnections();
    }).finally(() => {
      context.transfers.close();
      return Promise.all([core.stop(), reader?.stop()]).then(() => undefined);
    }));
  return { url: `http://127.0.0.1:${context.port}/?token=${token}`, port: context.port, token, close, core };
}

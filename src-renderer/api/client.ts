// The renderer's typed client of the contract, over the desktop bridge (IPC) or HTTP (`marginalia serve`).
import { bytesIn, DOWNLOAD_KEY, referenceId, referencesIn, rewrite, UPLOAD_KEY } from '../../src-shared/api/byte-references';
import type { Method, RequestOf, ResponseOf } from '../../src-shared/api/contract';
import type { UncheckedCall } from '../../src-shared/api/dispatch';
import { WorkbenchEventSchema, type WorkbenchEvent } from '../../src-shared/api/events';
import type { ErrorCode, Result } from '../../src-shared/model/result';

/** A failure the core reported, with its stable code and a sentence for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Transport {
  invoke: UncheckedCall;
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
  /** The browser mode: the address that downloads the export `export.write` answered with `download`. */
  exportUrl?(download: string): string;
}

/**
 * The browser mode's event stream (GET /api/events, server-sent events), opened with the first listener. The page's
 * client id tells the server which changes the page made itself.
 */
function eventStream(clientId: string): Transport['onEvent'] {
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  let source: EventSource | null = null;
  return (listener) => {
    listeners.add(listener);
    if (!source) {
      source = new EventSource(`/api/events?client=${encodeURIComponent(clientId)}`, { withCredentials: true });
      source.onmessage = (message: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = WorkbenchEventSchema.safeParse(data);
        if (parsed.success) for (const each of listeners) each(parsed.data);
      };
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        source?.close();
        source = null;
      }
    };
  };
}

/** Browsers send at most 64 KiB of keepalive request bodies at once. */
const KEEPALIVE_LIMIT = 16 * 1024;

const UNREACHABLE: Result<never> = { ok: false, error: { code: 'internal', message: 'Marginalia cannot reach its server: is `marginalia serve` still running?' } };
const WRONG_TOKEN: Result<never> = { ok: false, error: { code: 'invalid_request', message: 'This page’s access token is missing or wrong: open the exact address `marginalia serve` printed.' } };

/** A failure of an upload or download, as the Result the call answers with. */
class TransferFailed extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? '' : result.error.message);
  }
}

async function refusal(response: Response): Promise<Result<never>> {
  if (response.status === 401) return WRONG_TOKEN;
  // The server's sentence without its status words ("Payload Too Large: a file is at most 1 GB.").
  const sentence = (await response.text()).trim().replace(/^[A-Za-z ]+: /, '');
  const message = sentence === '' ? `The server refused the file (status ${response.status}).` : `${sentence[0]?.toUpperCase() ?? ''}${sentence.slice(1)}`;
  return { ok: false, error: { code: 'invalid_request', message } };
}

/**
 * `payload` with each Uint8Array uploaded first (POST /api/upload, the raw bytes) and named `{ "$upload": id }`,
 * as JSON text.
 */
async function withUploads(payload: unknown, files: readonly Uint8Array[], headers: Record<string, string>): Promise<string> {
  const ids = new Map<Uint8Array, string>();
  for (const bytes of files) {
    if (ids.has(bytes)) continue;
    const response = await fetch('/api/upload', { method: 'POST', credentials: 'same-origin', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body: bytes as BlobPart });
    if (!response.ok) throw new TransferFailed(await refusal(response));
    const answer = (await response.json()) as { value: { uploadId: string } };
    ids.set(bytes, answer.value.uploadId);
  }
  return JSON.stringify(rewrite(payload ?? {}, (item) => (item instanceof Uint8Array ? { [UPLOAD_KEY]: ids.get(item) } : item)));
}

/** `value` with each `{ "$download": id }` fetched (GET /api/download/<id>) as the bytes it stands for. */
async function withDownloads(value: unknown, headers: Record<string, string>): Promise<unknown> {
  const bytes = new Map<string, Uint8Array>();
  for (const id of referencesIn(value, DOWNLOAD_KEY)) {
    const response = await fetch(`/api/download/${encodeURIComponent(id)}`, { credentials: 'same-origin', headers });
    if (!response.ok) throw new TransferFailed(await refusal(response));
    bytes.set(id, new Uint8Array(await response.arrayBuffer()));
  }
  return bytes.size === 0 ? value : rewrite(value, (item) => bytes.get(referenceId(item, DOWNLOAD_KEY) ?? '') ?? item);
}

/**
 * The browser mode: POST /api/<method>, authenticated by the cookie the server set for the page's token. Bytes
 * travel apart from the JSON, as uploads and downloads of their own.
 */
export function httpTransport(): Transport {
  const clientId = crypto.randomUUID();
  const headers = { 'X-Marginalia': '1', 'X-Marginalia-Client': clientId };
  return {
    async invoke(method, payload, requestId) {
      let response: Response;
      let body: string;
      // Without bytes to upload, nothing is awaited before the request is sent: a tag's annotation.create leaves
      // while the key's handler is still drawing the pending highlight, not after it.
      const files = bytesIn(payload);
      if (files.length === 0) body = JSON.stringify(payload ?? {});
      else {
        try {
          body = await withUploads(payload, files, headers);
        } catch (error) {
          return error instanceof TransferFailed ? error.result : UNREACHABLE;
        }
      }
      try {
        response = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { ...headers, 'Content-Type': 'application/json', ...(requestId === undefined ? {} : { 'X-Marginalia-Request': requestId }) },
          body,
          // A small request (an edit saved as the page is left or reloaded) still reaches the server.
          keepalive: body.length < KEEPALIVE_LIMIT,
        });
      } catch {
        return UNREACHABLE;
      }
      if (response.status === 401) return WRONG_TOKEN;
      const text = await response.text();
      const result = JSON.parse(text) as Result<unknown>;
      // Most answers carry no bytes: they are not walked through (5,000 tags are 2.5 MB of JSON).
      if (!result.ok || !text.includes(`"${DOWNLOAD_KEY}"`)) return result;
      try {
        return { ok: true, value: await withDownloads(result.value, headers) };
      } catch (error) {
        return error instanceof TransferFailed ? error.result : UNREACHABLE;
      }
    },
    onEvent: eventStream(clientId),
    exportUrl: (download) => `/api/export/${encodeURIComponent(download)}?client=${encodeURIComponent(clientId)}`,
  };
}

export function chooseTransport(): Transport {
  const bridge = window.marginalia;
  if (bridge) {
    // The preload only forwards: what an event is, is checked here, as for the browser mode's stream.
    const onEvent: Transport['onEvent'] = (listener) =>
      bridge.onEvent((event) => {
        const parsed = WorkbenchEventSchema.safeParse(event);
        if (parsed.success) listener(parsed.data);
      });
    return { invoke: (m, p, r) => bridge.invoke(m, p, r), onEvent };
  }
  return httpTransport();
}

export interface Client {
  /** With `requestId`, the call may be cancelled (`request.cancel`) and its `progress` events come to `onEvent`. */
  call<M extends Method>(method: M, request: RequestOf<M>, options?: { requestId?: string }): Promise<ResponseOf<M>>;
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
  /** Where the browser downloads an export (`export.write`'s `download`); absent in the desktop app, which saves it itself. */
  readonly exportUrl?: (download: string) => string;
}

export function createClient(transport: Transport): Client {
  return {
    ...(transport.exportUrl ? { exportUrl: transport.exportUrl } : {}),
    async call(method, request, options) {
      const result = await transport.invoke(method, request, options?.requestId);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      return result.value as ResponseOf<typeof method>;
    },
    onEvent: (listener) => transport.onEvent(listener),
  };
}

// The renderer's typed client of the contract, over the desktop bridge (IPC) or HTTP (`marginalia serve`).
import type { Method, RequestOf, ResponseOf } from '../../src-shared/api/contract';
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
  invoke(method: string, payload: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
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

/** The browser mode: POST /api/<method>, authenticated by the cookie the server set for the page's token. */
export function httpTransport(): Transport {
  const clientId = crypto.randomUUID();
  return {
    async invoke(method, payload) {
      let response: Response;
      const body = JSON.stringify(payload ?? {});
      try {
        response = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Marginalia': '1', 'X-Marginalia-Client': clientId },
          body,
          // A small request (an edit saved as the page is left or reloaded) still reaches the server.
          keepalive: body.length < KEEPALIVE_LIMIT,
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Marginalia cannot reach its server: is `marginalia serve` still running?' } };
      }
      if (response.status === 401) {
        return { ok: false, error: { code: 'invalid_request', message: 'This page’s access token is missing or wrong: open the exact address `marginalia serve` printed.' } };
      }
      return (await response.json()) as Result<unknown>;
    },
    onEvent: eventStream(clientId),
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
    return { invoke: (m, p) => bridge.invoke(m, p), onEvent };
  }
  return httpTransport();
}

export interface Client {
  call<M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
}

export function createClient(transport: Transport): Client {
  return {
    async call(method, request) {
      const result = await transport.invoke(method, request);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      return result.value as ResponseOf<typeof method>;
    },
    onEvent: (listener) => transport.onEvent(listener),
  };
}

// The messages between the core (a worker thread in `serve`, a utility process in the app) and the process hosting it; any process.
// Plain data only: every message crosses a MessagePort by structured clone, so it holds no functions or classes.
import { bytesIn } from '../../src-shared/api/byte-references';
import type { ProgressEvent, ProjectDataEvent, WorkbenchEvent } from '../../src-shared/api/events';
import type { Result } from '../../src-shared/model/result';

/** The `invalid_request` sentence for a `call-json` whose text is not JSON (serve answers it with status 400). */
export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.';

/**
 * The key of a `call-json` answer the core sent as JSON text: `{ ok: true, value: { [JSON_TEXT_KEY]: text } }`, where
 * `text` is the answer's value as JSON. An answer holding no bytes crosses this way (one string instead of a cloned
 * tree) and serve writes the text out as it is; `export.write` and answers with bytes come as values.
 */
export const JSON_TEXT_KEY = '$json';

/** The JSON text of a `call-json` answer sent as text, or null when it came as a value. */
export function jsonTextOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const text = (value as Record<string, unknown>)[JSON_TEXT_KEY];
  return typeof text === 'string' && Object.keys(value).length === 1 ? text : null;
}

/** How the core is set up, sent once as the first message. */
export interface CoreInit {
  /** The app settings folder (analyst name, recent projects). */
  readonly settingsDir: string;
  /** `browser` (serve: one project, no dialogs) or `desktop` (the app: dialogs through the host). */
  readonly hostKind: 'desktop' | 'browser';
  /** A name to tag as for this run only (`serve --analyst`). */
  readonly analystOverride: string | null;
  /** Opens projects read-only, unwatched: serve's second core, which answers reads while the first is busy. */
  readonly readOnly?: boolean;
}

/** What the host asks the core to do; each is answered with a `reply` of the same id. */
export type CoreOperation =
  | { readonly kind: 'call'; readonly method: unknown; readonly payload: unknown; readonly origin: string | null; readonly requestId?: string }
  /** A request whose payload is JSON text (serve's bodies): parsed in the core, so the host's thread never holds the tree. */
  /**
   * Its `uploads` are the files (by upload id) that `{ "$upload": id }` in the JSON names: read as bytes where they
   * stand; a name not among them stays as it is, and the contract refuses it.
   */
  | { readonly kind: 'call-json'; readonly method: unknown; readonly json: string; readonly origin: string | null; readonly uploads: Readonly<Record<string, string>>; readonly requestId?: string }
  | { readonly kind: 'open'; readonly path: string; readonly create: boolean }
  | { readonly kind: 'close' };

/** The native dialogs a desktop core asks its host for; answered with a path, or null when cancelled. */
export type HostDialog = 'new-project' | 'open-project' | { readonly type: 'save-export'; readonly fileName: string };

/** An exception the core did not expect (a programming error): its message and stack, for the host's log. */
export interface CoreFailure {
  readonly message: string;
  readonly stack: string | undefined;
}

/** Host → core, on the control port. `attach-client` carries one MessagePort (a window's) in its transfer list. */
export type ToCoreMessage =
  | { readonly type: 'init'; readonly init: CoreInit }
  | { readonly type: 'request'; readonly id: number; readonly operation: CoreOperation }
  | { readonly type: 'dialog-reply'; readonly id: number; readonly path: string | null }
  | { readonly type: 'attach-client'; readonly origin: string };

/** Core → host, on the control port. */
export type FromCoreMessage =
  | { readonly type: 'reply'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'failure'; readonly id: number; readonly failure: CoreFailure }
  | { readonly type: 'event'; readonly event: ProjectDataEvent; readonly origin: string | null }
  /** How far a request of `origin` is (serve sends it on that page's event stream). */
  | { readonly type: 'progress'; readonly event: ProgressEvent; readonly origin: string | null }
  | { readonly type: 'project-changed'; readonly path: string | null }
  | { readonly type: 'dialog'; readonly id: number; readonly dialog: HostDialog }
  /** An exception while answering a window's port (the window itself is answered with an `internal` Result). */
  | { readonly type: 'unexpected'; readonly what: string; readonly failure: CoreFailure };

/** A window → the core, on the window's own port. The origin is the one the host attached the port with. */
export interface ClientCallMessage {
  readonly type: 'call';
  readonly id: number;
  readonly method: unknown;
  readonly payload: unknown;
  /** The id the window may cancel the request by (`request.cancel`); its progress comes as `progress` events. */
  readonly requestId?: unknown;
}

/** The core → a window, on the window's own port. */
export type ToClientMessage = { readonly type: 'reply'; readonly id: number; readonly result: Result<unknown> } | { readonly type: 'event'; readonly event: WorkbenchEvent };

/**
 * One end of a message channel, whatever carries it: a worker thread's port, Electron's MessagePortMain or
 * parentPort, a DOM MessagePort. `transfer` lists what moves rather than being copied (ArrayBuffers, ports) where
 * the carrier supports it.
 */
export interface MessageLink {
  send(message: unknown, transfer?: readonly unknown[]): void;
  /** Listens to every message, with the ports it carried; returns the function that stops listening. */
  onMessage(listener: (message: unknown, ports: readonly unknown[]) => void): () => void;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True when `value` has the shape of a message of one of the `types` (its fields are checked where it is read). */
export function hasType<T extends { type: string }>(value: unknown, ...types: T['type'][]): value is T {
  return isObject(value) && typeof value.type === 'string' && types.includes(value.type);
}

/** The buffers of the Uint8Arrays in `value` (where `bytesIn` looks), to transfer rather than copy. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  for (const item of bytesIn(value)) {
    // A view of part of a buffer (a Node Buffer from the pool) would take the rest of that buffer with it.
    if (item.buffer instanceof ArrayBuffer && item.byteOffset === 0 && item.byteLength === item.buffer.byteLength) found.add(item.buffer);
  }
  return [...found];
}

// The sandboxed preload (renderer process): exposes `window.marginalia` — contract calls over the window's port to the core, and events — and nothing else.
// It only forwards: the core validates every request, the renderer every event; so it bundles no schema library.
// Bundled to one CommonJS file: a sandboxed preload may require only `electron` (and a few polyfilled modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MarginaliaBridge } from '../../src-shared/api/bridge';
import { IPC_EVENT_CHANNEL, IPC_PORT_CHANNEL, IPC_PORT_REQUEST_CHANNEL } from '../../src-shared/api/channels';
import type { WorkbenchEvent } from '../../src-shared/api/events';
import type { Result } from '../../src-shared/model/result';
import { hasType, transferablesOf, type ClientCallMessage, type ToClientMessage } from '../core-process/protocol';

const listeners = new Set<(event: WorkbenchEvent) => void>();
const pending = new Map<number, (result: Result<unknown>) => void>();
/** Calls made before the first port arrived, sent once it does. */
const queued: ClientCallMessage[] = [];
let port: MessagePort | null = null;
let nextId = 1;

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'internal', message } };
}

function emit(event: unknown): void {
  // What the event is, the renderer checks; the preload only hands it on.
  for (const listener of listeners) listener(event as WorkbenchEvent);
}

function send(message: ClientCallMessage): void {
  if (!port) return void queued.push(message);
  try {
    port.postMessage(message, transferablesOf(message.payload));
  } catch {
    // A payload that cannot be cloned: still a Result, never a rejection.
    pending.get(message.id)?.(failure('The request could not be delivered to Marginalia.'));
    pending.delete(message.id);
  }
}

// The main process sends a port when asked, and a new one after the core restarted: calls still waiting on the
// old one are answered, since the core that had them is gone.
ipcRenderer.on(IPC_PORT_CHANNEL, (event: IpcRendererEvent) => {
  const next = event.ports[0];
  if (!next) return;
  port?.close();
  for (const resolve of pending.values()) resolve(failure('Marginalia’s core was restarted before it answered; try that again.'));
  pending.clear();
  port = next;
  port.onmessage = (message: MessageEvent<unknown>) => {
    const data = message.data;
    if (!hasType<ToClientMessage>(data, 'reply', 'event')) return;
    if (data.type === 'event') return emit(data.event);
    const resolve = pending.get(data.id);
    pending.delete(data.id);
    resolve?.(data.result);
  };
  for (const message of queued.splice(0)) send(message);
});
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, data: unknown) => emit(data));
ipcRenderer.send(IPC_PORT_REQUEST_CHANNEL);

const bridge: MarginaliaBridge = {
  invoke(method: string, payload: unknown, requestId?: string): Promise<Result<unknown>> {
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      // The core checks the request id as it checks the payload.
      send({ type: 'call', id, method, payload, ...(requestId === undefined ? {} : { requestId }) });
    });
  },

  onEvent(listener: (event: WorkbenchEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('marginalia', bridge);

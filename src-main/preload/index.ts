// The sandboxed preload (renderer process): exposes `window.marginalia` — contract calls and menu events — and nothing else.
// Bundled to one CommonJS file: a sandboxed preload may require only `electron` (and a few polyfilled modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MarginaliaBridge } from '../../src-shared/api/bridge';
import { isMethod } from '../../src-shared/api/contract';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, WorkbenchEventSchema, type WorkbenchEvent } from '../../src-shared/api/events';
import { err, type Result } from '../../src-shared/model/result';

const bridge: MarginaliaBridge = {
  async invoke(method: string, payload: unknown): Promise<Result<unknown>> {
    if (!isMethod(method)) return err('unknown_method', `There is no operation called "${String(method).slice(0, 100)}".`);
    try {
      return (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, payload)) as Result<unknown>;
    } catch {
      // A payload that cannot be cloned, or the main process not listening yet: still a Result, never a rejection.
      return err('internal', `The request to ${method} could not be delivered to Marginalia.`);
    }
  },

  onEvent(listener: (event: WorkbenchEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
    // The IpcRendererEvent stays here: it carries `sender` (ipcRenderer itself), which must never reach the page.
    const relay = (_event: IpcRendererEvent, data: unknown) => {
      const parsed = WorkbenchEventSchema.safeParse(data);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('marginalia', bridge);

// The desktop app's one IPC handler (main process): sender frame check → the workbench's contract dispatch → Result.
// Electron is imported for its types only, so the checks run under plain Node in the unit tests.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../src-shared/api/events';
import { err, type Result } from '../../src-shared/model/result';

/**
 * What answers the contract: the Workbench in the app, a fake in tests. Validates `method` and `payload` itself;
 * `origin` names the window that asked (its WebContents id), so that it is not sent its own change events.
 */
export interface ContractService {
  call(method: unknown, payload: unknown, origin?: string | null): Promise<Result<unknown>>;
}

/** Where the renderer page comes from: the built index.html, or the electron-vite dev server in development. */
export type RendererLocation = { kind: 'file'; indexHtmlPath: string } | { kind: 'dev-server'; url: string };

/** The parts of a window's WebContents the sender check reads. */
export interface TrustedContents {
  readonly id: number;
  readonly mainFrame: { readonly frameTreeNodeId: number };
}

export interface IpcLog {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function samePath(a: string, b: string): boolean {
  // Windows and macOS file systems are case-insensitive by default; file URLs may spell the drive letter either way.
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/**
 * True when `url` is our renderer page: the built index.html itself (query and fragment allowed), or any page
 * of the dev server's origin. Everything else — other local files, remote pages, about:blank — is false.
 */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (location.kind === 'dev-server') {
    const devServer = parseUrl(location.url);
    return devServer !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === devServer.origin;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  try {
    return samePath(resolve(fileURLToPath(parsed)), resolve(location.indexHtmlPath));
  } catch {
    return false;
  }
}

/**
 * The sender check: the call must come from the main frame (not an iframe) of our window's WebContents, and that
 * frame must currently show our renderer page. `getContents` returns null while no window exists.
 */
export function createSenderCheck(
  getContents: () => TrustedContents | null,
  location: RendererLocation,
): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    const contents = getContents();
    if (!frame || !contents || frame.detached) return false;
    if (event.sender.id !== contents.id) return false;
    if (frame.parent !== null || frame.frameTreeNodeId !== contents.mainFrame.frameTreeNodeId) return false;
    return isRendererUrl(frame.url, location);
  };
}

function describeSender(event: IpcMainInvokeEvent): string {
  const frame = event.senderFrame;
  if (!frame) return 'a frame that no longer exists';
  return `${frame.parent === null ? 'main frame' : 'subframe'} ${JSON.stringify(frame.url.slice(0, 200))}`;
}

/**
 * Registers the one handler on IPC_INVOKE_CHANNEL. Each call `(method, payload)` is answered with a Result:
 * refused with `invalid_request` when the sender check fails, otherwise whatever the contract dispatch returns.
 * An unexpected exception is logged here and answered with `internal`, so no stack trace reaches the page.
 * Returns a function that removes the handler.
 */
export function registerContractIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  getWorkbench: () => ContractService | null,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  log: IpcLog = console,
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, payload: unknown): Promise<Result<unknown>> => {
    const name = typeof method === 'string' ? method.slice(0, 100) : typeof method;
    if (!isTrustedSender(event)) {
      log.warn(`Refused IPC call "${name}" from ${describeSender(event)}: not the Marginalia window.`);
      return err('invalid_request', 'This request did not come from the Marginalia window and was refused.');
    }
    const workbench = getWorkbench();
    if (!workbench) return err('internal', 'Marginalia is still starting; try again in a moment.');
    try {
      return await workbench.call(method, payload, String(event.sender.id));
    } catch (error) {
      log.error(`IPC call "${name}" failed unexpectedly`, error);
      return err('internal', 'Something went wrong inside Marginalia; the details are in the app log.');
    }
  });
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

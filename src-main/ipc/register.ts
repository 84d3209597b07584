// The desktop app's one IPC listener (main process): a window's request for its port to the core, after the sender frame check.
// Electron is imported for its types only, so the checks run under plain Node in the unit tests.
import type { IpcMain, IpcMainEvent } from 'electron';
import { IPC_PORT_REQUEST_CHANNEL } from '../../src-shared/api/channels';

/** Where the renderer page comes from: the app:// protocol serving the built renderer, or the electron-vite dev server in development. */
export type RendererLocation = { kind: 'app' } | { kind: 'dev-server'; url: string };

/** The app:// protocol's scheme and host (src-main/app/app-protocol.ts serves it). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'marginalia';

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

/**
 * True when `url` is our renderer page: app://marginalia/ or its index.html (query and fragment allowed), or any
 * page of the dev server's origin. Everything else — local files, remote pages, about:blank — is false.
 */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (location.kind === 'dev-server') {
    const devServer = parseUrl(location.url);
    return devServer !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === devServer.origin;
  }
  // A custom scheme's URL has the opaque origin "null" in WHATWG terms, so scheme and host are compared.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && (parsed.pathname === '/' || parsed.pathname === '/index.html');
}

/** The parts of an IPC event the sender check reads (an `ipcMain.on` or `ipcMain.handle` event). */
export type SenderEvent = Pick<IpcMainEvent, 'sender' | 'senderFrame'>;

/**
 * The sender check: the message must come from the main frame (not an iframe) of our window's WebContents, and
 * that frame must currently show our renderer page. `getContents` returns null while no window exists.
 */
export function createSenderCheck(getContents: () => TrustedContents | null, location: RendererLocation): (event: SenderEvent) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    const contents = getContents();
    if (!frame || !contents || frame.detached) return false;
    if (event.sender.id !== contents.id) return false;
    if (frame.parent !== null || frame.frameTreeNodeId !== contents.mainFrame.frameTreeNodeId) return false;
    return isRendererUrl(frame.url, location);
  };
}

function describeSender(event: SenderEvent): string {
  const frame = event.senderFrame;
  if (!frame) return 'a frame that no longer exists';
  return `${frame.parent === null ? 'main frame' : 'subframe'} ${JSON.stringify(frame.url.slice(0, 200))}`;
}

/**
 * Listens for windows asking for their port to the core (IPC_PORT_REQUEST_CHANNEL). A trusted sender is handed to
 * `attach`, which makes the channel and posts one end to that frame; anything else is refused and logged, and
 * gets no port, so it can call nothing. Returns a function that stops listening.
 */
export function registerPortRequests(
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>,
  isTrustedSender: (event: SenderEvent) => boolean,
  attach: (event: IpcMainEvent) => void,
  log: IpcLog = console,
): () => void {
  const listener = (event: IpcMainEvent) => {
    if (!isTrustedSender(event)) {
      log.warn(`Refused a port to the core for ${describeSender(event)}: not the Marginalia window.`);
      return;
    }
    try {
      attach(event);
    } catch (error) {
      log.error('A window could not be connected to the core', error);
    }
  };
  ipcMain.on(IPC_PORT_REQUEST_CHANNEL, listener);
  return () => ipcMain.removeListener(IPC_PORT_REQUEST_CHANNEL, listener);
}

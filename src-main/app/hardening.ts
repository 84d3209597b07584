// Locking down the desktop app's web side (main process): no permissions, no network, no new windows or navigation.
// Electron is imported for its types only, so these rules are unit-tested under plain Node.
import type { Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME, isRendererUrl, type RendererLocation } from '../ipc/register';

/** The dev server's policy: it needs inline scripts and styles (React Fast Refresh, Vite's CSS injection) and its HMR socket. */
export function devServerCsp(devUrl: string): string {
  const { host, protocol } = new URL(devUrl);
  const socket = `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`;
  return `default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self' ${socket}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** The electron-vite dev server (ELECTRON_RENDERER_URL), honoured only in an unpackaged run and only on a loopback address. */
export function devServerUrl(url: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !url) return null;
  try {
    const parsed = new URL(url);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    return loopback && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The only requests the app makes: the built renderer on app://marginalia (whose handler keeps them inside its
 * folder), or the dev server in development (plus DevTools' own pages and inline data). Everything else — the
 * network, local files — is refused.
 */
export function isAllowedRequest(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return true;
    case `${APP_SCHEME}:`:
      return location.kind === 'app' && parsed.host === APP_HOST;
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:':
      return location.kind === 'dev-server' && parsed.host === new URL(location.url).host;
    default:
      return false;
  }
}

type HardenedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
};

/** No permissions, no requests beyond the app itself, and in development a CSP header on the dev server's pages. */
export function hardenSession(ses: HardenedSession, location: RendererLocation): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, location);
    if (!allowed) console.warn(`Blocked a request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  // The built app's pages come with serve's policy from the app:// handler (and index.html's meta tag).
  if (location.kind !== 'dev-server') return;
  const csp = devServerCsp(location.url);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    // Electronegativity cannot evaluate a computed policy; the shipped one is index.html's meta tag, which it checks.
    headers['Content-Security-Policy'] = [csp]; // eng-disable CSP_GLOBAL_CHECK
    callback({ responseHeaders: headers });
  });
}

/** Every WebContents (our window, DevTools) may open no windows, attach no webviews and navigate nowhere but the renderer. */
export function hardenWebContents(contents: Pick<WebContents, 'setWindowOpenHandler' | 'on'>, location: RendererLocation): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnRenderer = (event: { preventDefault(): void }, url: string) => {
    if (isRendererUrl(url, location)) return;
    event.preventDefault();
    console.warn(`Blocked navigation to ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event) => stayOnRenderer(event, event.url));
  contents.on('will-redirect', (event) => stayOnRenderer(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

// The app:// protocol (main process): serves the built renderer from app://marginalia with the same CSP and security headers as `serve`.
// Electron is imported for its types only, so the handler is unit-tested under plain Node with the Fetch API's Request.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from '../ipc/register';
import { CONTENT_TYPES, SECURITY_HEADERS, servableFile, staticFilePath } from '../serve/static-files';

/** The renderer's page. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before the app is ready: standard (real origins, relative URLs), secure (like https), fetch allowed
 * for the page's own assets; no service workers, no CORS exceptions.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

function refusal(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * The handler for `protocol.handle(APP_SCHEME, …)`: GET or HEAD of a file inside `rendererDir` at app://marginalia;
 * `/` is index.html. Paths that leave the folder (`..`, encoded or not, symlinks out), dotfiles, other hosts and
 * other methods are refused.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method Not Allowed.');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refusal(400, 'Bad Request.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, 'Not Found.');
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return refusal(400, 'Bad Request.');
    }
    const file = decoded === '/' ? join(rendererDir, 'index.html') : staticFilePath(rendererDir, decoded);
    if (file === null) return refusal(400, 'Bad Request.');
    const servable = await servableFile(rendererDir, file);
    if (servable === null) return refusal(404, 'Not Found.');
    const body = await readFile(servable);
    const isPage = extname(servable).toLowerCase() === '.html';
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[extname(servable).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': String(body.length),
        'Cache-Control': isPage ? 'no-store' : 'no-cache',
      },
    });
  };
}

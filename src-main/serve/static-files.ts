// The built renderer as a web server serves it (serve's HTTP server, the app's app:// protocol; main or CLI process): its security headers, content types, and files safely inside its folder.
import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/** The headers of every response: the strict CSP (the renderer needs nothing else) and the usual hardening. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

/**
 * The file under `root` that a decoded URL path names, or null when the path tries to leave it
 * (`..`, backslashes, NUL) or names a dotfile.
 */
export function staticFilePath(root: string, decodedPath: string): string | null {
  if (!decodedPath.startsWith('/') || decodedPath.includes('\\') || decodedPath.includes('\0')) return null;
  const segments = decodedPath.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return file.startsWith(base + sep) ? file : null;
}

/** The real path of `file` if it is a regular file inside `root` after following symlinks, else null. */
export async function servableFile(root: string, file: string): Promise<string | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!realFile.startsWith(realRoot + sep)) return null;
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}


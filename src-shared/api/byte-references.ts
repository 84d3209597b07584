// How bytes travel through JSON in `serve`: a file is uploaded on its own and the request names it `{ "$upload": id }`;
// bytes in an answer become `{ "$download": id }`, fetched on their own. Any process.

/** The field naming an upload, where a request carries bytes: `{ "$upload": "<id>" }`. */
export const UPLOAD_KEY = '$upload';
/** The field naming a download, where an answer carries bytes: `{ "$download": "<id>" }`. */
export const DOWNLOAD_KEY = '$download';

/** What an upload or download id looks like (random, URL-safe). */
export const TRANSFER_ID = /^[A-Za-z0-9_-]{22,64}$/;

/** The id of `value` when it is exactly `{ [key]: id }`, else null. */
export function referenceId(value: unknown, key: typeof UPLOAD_KEY | typeof DOWNLOAD_KEY): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  const id = (value as Record<string, unknown>)[key];
  return keys.length === 1 && typeof id === 'string' && TRANSFER_ID.test(id) ? id : null;
}

/** The ids of the uploads a JSON text names, found without parsing it (a `"$upload"` inside a string is escaped, so never matches). */
export function uploadIdsIn(json: string): string[] {
  const found = new Set<string>();
  for (const match of json.matchAll(/"\$upload"\s*:\s*"([A-Za-z0-9_-]{22,64})"/g)) if (match[1] !== undefined) found.add(match[1]);
  return [...found];
}

/**
 * A copy of `value` (plain objects and arrays, a few levels deep) in which each item is what `replace` makes of it;
 * an item `replace` returns unchanged is kept and, when it is an object or array, looked into. Bytes are never
 * looked into.
 */
export function rewrite(value: unknown, replace: (item: unknown) => unknown, depth = 6): unknown {
  const replaced = replace(value);
  if (replaced !== value || depth === 0 || typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return replaced;
  if (Array.isArray(value)) return value.map((item) => rewrite(item, replace, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item, replace, depth - 1)]));
}

/** The Uint8Arrays `value` carries (where `rewrite` looks). */
export function bytesIn(value: unknown): Uint8Array[] {
  const found: Uint8Array[] = [];
  rewrite(value, (item) => (item instanceof Uint8Array && found.push(item), item));
  return found;
}

/** The ids of the `{ [key]: id }` references `value` carries (where `rewrite` looks). */
export function referencesIn(value: unknown, key: typeof UPLOAD_KEY | typeof DOWNLOAD_KEY): string[] {
  const found: string[] = [];
  rewrite(value, (item) => {
    const id = referenceId(item, key);
    if (id !== null) found.push(id);
    return item;
  });
  return found;
}

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

/** The depth `rewrite`, `bytesIn` and `referencesIn` look to (an answer's bytes sit a few levels down). */
const DEPTH = 6;

/**
 * `value` in which each item is what `replace` makes of it; an item `replace` returns unchanged is kept and, when it
 * is an object or array, looked into, a few levels deep. Bytes are never looked into. Only the objects and arrays
 * on the way to a replaced item are copied: an answer without bytes (thousands of tags) comes back as it was, at
 * no cost but the walk.
 */
export function rewrite(value: unknown, replace: (item: unknown) => unknown, depth = DEPTH): unknown {
  const replaced = replace(value);
  if (replaced !== value || depth === 0 || typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return replaced;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = rewrite(item, replace, depth - 1);
      if (next !== item) (copy ??= value.slice())[i] = next;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const next = rewrite(item, replace, depth - 1);
    if (next !== item) (copy ??= { ...value })[key] = next;
  }
  return copy ?? value;
}

/** Calls `see` on `value` and on every item inside it, where `rewrite` looks, copying nothing. */
function visit(value: unknown, see: (item: unknown) => void, depth = DEPTH): void {
  see(value);
  if (depth === 0 || typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return;
  if (Array.isArray(value)) for (const item of value) visit(item, see, depth - 1);
  else for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], see, depth - 1);
}

/** The Uint8Arrays `value` carries (where `rewrite` looks). */
export function bytesIn(value: unknown): Uint8Array[] {
  const found: Uint8Array[] = [];
  visit(value, (item) => item instanceof Uint8Array && found.push(item));
  return found;
}

/** The ids of the `{ [key]: id }` references `value` carries (where `rewrite` looks). */
export function referencesIn(value: unknown, key: typeof UPLOAD_KEY | typeof DOWNLOAD_KEY): string[] {
  const found: string[] = [];
  visit(value, (item) => {
    const id = referenceId(item, key);
    if (id !== null) found.push(id);
  });
  return found;
}

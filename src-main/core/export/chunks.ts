// Writing an export in chunks (main process): files filled piece by piece through a small buffer, and pretty JSON
// whose long arrays are written one item at a time, byte for byte what JSON.stringify(value, null, 2) gives.
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/** Where an exporter writes a file's content, one chunk at a time (text as UTF-8). */
export interface ChunkSink {
  write(chunk: string | Uint8Array): void;
}

/** What a streaming exporter writes into: one call per file, named relative to the export's folder. */
export interface ExportTarget {
  file(path: string, mediaType: string, fill: (sink: ChunkSink) => void): void;
}

/** How much is held before it is written: the memory an export needs does not grow with the project. */
const BUFFER_BYTES = 1 << 16;

/** Fills a new file at `path` through a 64 KiB buffer and returns its size; when `fill` throws, no file is left. */
export function writeFileInChunks(path: string, fill: (sink: ChunkSink) => void): number {
  const fd = openSync(path, 'wx');
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let size = 0;
  const writeAll = (bytes: Uint8Array): void => {
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    size += bytes.length;
  };
  const flush = (): void => {
    if (used > 0) writeAll(buffer.subarray(0, used));
    used = 0;
  };
  const sink: ChunkSink = {
    write(chunk) {
      // A string needs at most 3 bytes per UTF-16 unit; what cannot fit the buffer goes out on its own.
      const most = typeof chunk === 'string' ? chunk.length * 3 : chunk.length;
      if (most > BUFFER_BYTES - used) flush();
      if (most > BUFFER_BYTES) writeAll(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      else if (typeof chunk === 'string') used += buffer.write(chunk, used, 'utf8');
      else {
        buffer.set(chunk, used);
        used += chunk.length;
      }
    },
  };
  try {
    fill(sink);
    flush();
  } catch (error) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw error;
  }
  closeSync(fd);
  return size;
}

/** A file the export wrote: its path relative to the folder, media type and size. */
export interface WrittenFile {
  path: string;
  mediaType: string;
  bytes: number;
}

/** A target that writes every file into `folder` (made if missing), never outside it. */
export function folderTarget(folder: string): ExportTarget & { readonly written: readonly WrittenFile[] } {
  const root = resolve(folder);
  const written: WrittenFile[] = [];
  return {
    written,
    file(path, mediaType, fill) {
      const target = resolve(root, ...path.split('/'));
      if (!target.startsWith(root + sep)) throw new Error(`Export file “${path}” lies outside its folder.`);
      mkdirSync(dirname(target), { recursive: true });
      written.push({ path, mediaType, bytes: writeFileInChunks(target, fill) });
    },
  };
}

/** An array written item by item inside `writePrettyJson`; the items are produced only as they are written. */
export class StreamedArray {
  constructor(readonly items: Iterable<unknown>) {}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof StreamedArray);
}

function holdsStreamed(value: unknown): boolean {
  return value instanceof StreamedArray || (isPlainObject(value) && Object.values(value).some(holdsStreamed));
}

/** JSON.stringify(value, null, 2) placed at `depth`: its inner lines shifted right (JSON strings hold no raw newline). */
function indented(json: string, depth: number): string {
  return depth === 0 ? json : json.replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

/**
 * Writes `value` as JSON.stringify(value, null, 2) would, where a StreamedArray stands for an array whose items are
 * stringified one at a time, so the whole text is never held. Undefined members are left out, as JSON.stringify does.
 */
export function writePrettyJson(sink: ChunkSink, value: unknown, depth = 0): void {
  const pad = '  '.repeat(depth + 1);
  if (value instanceof StreamedArray) {
    let first = true;
    for (const item of value.items) {
      sink.write(`${first ? '[\n' : ',\n'}${pad}`);
      first = false;
      writePrettyJson(sink, item, depth + 1);
    }
    sink.write(first ? '[]' : `\n${'  '.repeat(depth)}]`);
    return;
  }
  if (isPlainObject(value) && holdsStreamed(value)) {
    const members = Object.entries(value).filter(([, member]) => member !== undefined && typeof member !== 'function');
    members.forEach(([key, member], i) => {
      sink.write(`${i === 0 ? '{\n' : ',\n'}${pad}${JSON.stringify(key)}: `);
      writePrettyJson(sink, member, depth + 1);
    });
    sink.write(`\n${'  '.repeat(depth)}}`);
    return;
  }
  sink.write(indented(JSON.stringify(value, null, 2), depth));
}

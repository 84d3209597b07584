// An export written in its folder (`export.write`) as the bytes of one file to save (Node): its only file as it is,
// several zipped as they are read; either way a chunk at a time, never the whole file in memory.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import type { WrittenFile } from './chunks';

/** What `export.write` answers: the folder and the files in it. */
export interface WrittenExport {
  readonly folder: string;
  readonly files: readonly WrittenFile[];
}

/** The media type of the one file: the only file's own, or a zip's. */
export function oneFileMediaType(written: WrittenExport): string {
  return written.files.length === 1 && written.files[0] ? written.files[0].mediaType : 'application/zip';
}

/** The one file's extension: the only file's own (".csv", none for a name without one), or ".zip". */
export function oneFileExtension(written: WrittenExport): string {
  const [only] = written.files;
  if (!only || written.files.length > 1) return '.zip';
  const name = only.path.split('/').pop() ?? '';
  return name.lastIndexOf('.') > 0 ? name.slice(name.lastIndexOf('.')) : '';
}

/** The one file's size when known before it is made (an only file's), else null (a zip's). */
export function oneFileSize(written: WrittenExport): number | null {
  return written.files.length === 1 && written.files[0] ? written.files[0].bytes : null;
}

function pathOf(written: WrittenExport, file: WrittenFile): string {
  return join(written.folder, ...file.path.split('/'));
}

/** The one file's bytes, in chunks of at most 64 KiB read (a zip's compressed chunks as they come). */
export async function* oneFileChunks(written: WrittenExport): AsyncGenerator<Uint8Array> {
  const [only] = written.files;
  if (only && written.files.length === 1) {
    yield* createReadStream(pathOf(written, only), { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>;
    return;
  }
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  const drain = function* () {
    if (failure) throw failure;
    yield* ready.splice(0);
  };
  for (const file of written.files) {
    const entry = new ZipDeflate(file.path, { level: 6 });
    zip.add(entry);
    for await (const chunk of createReadStream(pathOf(written, file), { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      entry.push(chunk);
      yield* drain();
    }
    entry.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

/**
 * Saves the one file at `path` (the desktop app's save dialog chose it): written beside it under a temporary name,
 * a chunk at a time, flushed to disk, then renamed over it, so that a failed or interrupted save leaves whatever
 * was at `path` as it was and no partial file. Returns the bytes written.
 */
export async function saveOneFile(written: WrittenExport, path: string): Promise<number> {
  const partial = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const handle = await open(partial, 'wx', 0o644);
  let bytes = 0;
  try {
    for await (const chunk of oneFileChunks(written)) {
      for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
      bytes += chunk.length;
    }
    await handle.sync();
    await handle.close();
    await rename(partial, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  return bytes;
}

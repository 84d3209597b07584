// The files `serve` holds between requests (Node CLI process, HTTP thread): uploads streamed to a private folder until
// one request of the page that sent them uses them, bytes of answers kept until that page fetches them, and exports
// the core wrote in its folders until that page downloads them.
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { WrittenExport } from '../core/export/one-file';
import { MAX_PENDING_TRANSFERS, MAX_PENDING_UPLOAD_BYTES, TRANSFER_TTL_MS, UPLOAD_LIMIT } from '../../src-shared/api/limits';

interface Upload {
  readonly path: string;
  readonly client: string;
  readonly size: number;
  readonly expires: number;
}

interface Download {
  readonly bytes: Uint8Array;
  readonly client: string | null;
  readonly expires: number;
}

interface ExportDownload {
  readonly written: WrittenExport;
  readonly client: string | null;
  readonly expires: number;
}

export interface TransfersOptions {
  /** The private folder the uploads are written to (removed by `close`). */
  readonly folder: string;
  /** The clock; tests move it. */
  readonly now?: () => number;
  /** The largest upload; tests lower it. */
  readonly uploadLimit?: number;
}

/** Why an upload was not kept. */
export type UploadRefusal = 'too-large' | 'too-many';

class TooLarge extends Error {}

/** Counts the bytes going through and fails once they pass `limit`. */
function limiter(limit: number): Transform & { readonly size: number } {
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? new TooLarge() : null, chunk);
    },
  });
  return Object.defineProperty(transform, 'size', { get: () => size }) as Transform & { readonly size: number };
}

/** An id nobody can guess: 24 random bytes, URL-safe. */
function newId(): string {
  return randomBytes(24).toString('base64url');
}

/** The uploads and downloads of one `serve`, each bound to the page (client id) that made it, used once, forgotten after TRANSFER_TTL_MS. */
export class Transfers {
  private readonly uploads = new Map<string, Upload>();
  private readonly downloads = new Map<string, Download>();
  private readonly exports = new Map<string, ExportDownload>();
  private readonly now: () => number;
  readonly uploadLimit: number;

  constructor(private readonly options: TransfersOptions) {
    this.now = options.now ?? Date.now;
    this.uploadLimit = options.uploadLimit ?? UPLOAD_LIMIT;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, upload] of this.uploads) {
      if (upload.expires > now) continue;
      this.uploads.delete(id);
      rmSync(upload.path, { force: true });
    }
    for (const [id, download] of this.downloads) if (download.expires <= now) this.downloads.delete(id);
    for (const [id, offered] of this.exports) {
      if (offered.expires > now) continue;
      this.exports.delete(id);
      rmSync(offered.written.folder, { recursive: true, force: true });
    }
  }

  /** Streams `request`'s body to a new private file for `client`; resolves with its id, or why it was refused (the file then removed). */
  async receive(request: IncomingMessage, client: string): Promise<{ id: string; size: number } | UploadRefusal> {
    this.sweep();
    const mine = [...this.uploads.values()].filter((upload) => upload.client === client);
    if (mine.length >= MAX_PENDING_TRANSFERS) return 'too-many';
    const room = Math.min(this.uploadLimit, MAX_PENDING_UPLOAD_BYTES - mine.reduce((sum, upload) => sum + upload.size, 0));
    if (room <= 0) return 'too-many';
    const id = newId();
    const path = join(this.options.folder, id);
    const counted = limiter(room);
    // The request is piped by hand rather than into the pipeline, which would destroy it (and with it the
    // connection) on a refusal that should still be answered.
    const written = pipeline(counted, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    const aborted = () => {
      if (!request.complete) counted.destroy(new Error('The upload was interrupted.'));
    };
    request.once('close', aborted);
    request.pipe(counted);
    try {
      await written;
    } catch (error) {
      request.unpipe(counted);
      request.pause();
      rmSync(path, { force: true });
      if (error instanceof TooLarge) return room < this.uploadLimit ? 'too-many' : 'too-large';
      throw error;
    } finally {
      request.off('close', aborted);
    }
    this.uploads.set(id, { path, client, size: counted.size, expires: this.now() + TRANSFER_TTL_MS });
    return { id, size: counted.size };
  }

  /**
   * The files of the uploads `ids`, taken out (so never used again) — or null, taking nothing, when one of them is
   * unknown, expired or another page's.
   */
  take(ids: readonly string[], client: string | null): Record<string, string> | null {
    this.sweep();
    const found = ids.map((id) => [id, this.uploads.get(id)] as const);
    if (found.some(([, upload]) => upload === undefined || upload.client !== client)) return null;
    const paths: Record<string, string> = {};
    for (const [id, upload] of found) {
      this.uploads.delete(id);
      if (upload) paths[id] = upload.path;
    }
    return paths;
  }

  /** Removes the files `take` handed out, once the request that used them is answered. */
  discard(paths: Readonly<Record<string, string>>): void {
    for (const path of Object.values(paths)) rmSync(path, { force: true });
  }

  /** Keeps `bytes` for `client` to fetch once; returns the download's id. */
  offer(bytes: Uint8Array, client: string | null): string {
    this.sweep();
    const id = newId();
    this.downloads.set(id, { bytes, client, expires: this.now() + TRANSFER_TTL_MS });
    return id;
  }

  /** The bytes of download `id`, taken out — or null when unknown, expired or another page's. */
  fetch(id: string, client: string | null): Uint8Array | null {
    this.sweep();
    const download = this.downloads.get(id);
    if (download === undefined || download.client !== client) return null;
    this.downloads.delete(id);
    return download.bytes;
  }

  /** Keeps the export `written` (its folder the server's from now on) for `client` to download once; returns its id. */
  offerExport(written: WrittenExport, client: string | null): string {
    this.sweep();
    const id = newId();
    this.exports.set(id, { written, client, expires: this.now() + TRANSFER_TTL_MS });
    return id;
  }

  /**
   * The export `id`, taken out — or null when unknown, expired or another page's. The caller sends it, then
   * removes its folder.
   */
  takeExport(id: string, client: string | null): WrittenExport | null {
    this.sweep();
    const offered = this.exports.get(id);
    if (offered === undefined || offered.client !== client) return null;
    this.exports.delete(id);
    return offered.written;
  }

  /** Forgets everything and removes the folders. */
  close(): void {
    for (const offered of this.exports.values()) rmSync(offered.written.folder, { recursive: true, force: true });
    this.exports.clear();
    this.uploads.clear();
    this.downloads.clear();
    rmSync(this.options.folder, { recursive: true, force: true });
  }
}

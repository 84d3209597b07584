// The zip of a .qdpx (main process, untrusted input): entries inflated in a stream, bounded, each exactly its declared size.
import { Unzip, UnzipInflate } from 'fflate';
import { UserError } from '../../../src-shared/model/result';
import type { QdpxImportLimits } from './qdpx-model';

/** Compressed bytes handed to the inflater at a time: bounds what one step can produce (deflate expands ~1000×). */
const CHUNK_BYTES = 4096;

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Zip entries we can use (.qde and .txt), by their '/'-separated path. Refuses an archive beyond the limits
 * (entries; uncompressed bytes, declared or inflated: zip bombs) and one whose entry inflates to another size
 * than it declares (a file that understates its sizes would otherwise be cut short without a word).
 */
export function readZip(bytes: Uint8Array, limits: QdpxImportLimits): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const tooLarge = () => new UserError('import_too_large', `The archive unpacks to more than ${Math.round(limits.uncompressedBytes / 2 ** 20)} MB of text.`);
  let failure: UserError | undefined;
  const fail = (error: UserError): never => {
    failure ??= error;
    throw failure;
  };
  let entries = 0;
  let declared = 0;
  let inflated = 0;
  const unzip = new Unzip((file) => {
    entries += 1;
    if (entries > limits.entries) fail(new UserError('import_too_large', `The archive holds more than ${limits.entries.toLocaleString('en')} files.`));
    if (!/\.(qde|txt)$/i.test(file.name)) return;
    const size = file.originalSize;
    if (size !== undefined && (declared += size) > limits.uncompressedBytes) fail(tooLarge());
    const chunks: Uint8Array[] = [];
    let length = 0;
    const mismatch = () =>
      new UserError('import_unsupported_format', `The archive is damaged: ${file.name} does not unpack to the ${size ?? 0} bytes it declares.`);
    file.ondata = (error, chunk, final) => {
      if (error) fail(failure ?? new UserError('import_unsupported_format', `The archive cannot be unpacked (${error.message}).`));
      length += chunk.length;
      inflated += chunk.length;
      if (inflated > limits.uncompressedBytes) fail(tooLarge());
      if (size !== undefined && length > size) fail(mismatch());
      chunks.push(chunk);
      if (!final) return;
      if (size !== undefined && length !== size) fail(mismatch());
      files.set(file.name.replaceAll('\\', '/'), concat(chunks, length));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) unzip.push(bytes.subarray(at, at + CHUNK_BYTES), at + CHUNK_BYTES >= bytes.length);
  } catch (error) {
    if (failure) throw failure;
    throw new UserError('import_unsupported_format', `The file is not a zip archive that can be read (${(error as Error).message}).`);
  }
  return files;
}

/** The project.qde of an archive: project.qde at the root, else the only .qde at the root, else the only .qde. */
export function findQde(files: ReadonlyMap<string, Uint8Array>): { path: string; data: Uint8Array } {
  const qdes = [...files.keys()].filter((k) => /\.qde$/i.test(k) && !k.split('/').some((part) => part === '__MACOSX'));
  const atRoot = qdes.filter((k) => !k.includes('/'));
  const path = atRoot.find((k) => k.toLowerCase() === 'project.qde') ?? (atRoot.length === 1 ? atRoot[0] : undefined) ?? (qdes.length === 1 ? qdes[0] : undefined);
  if (path === undefined) {
    throw new UserError(
      'import_unsupported_format',
      qdes.length === 0 ? 'The archive holds no .qde project file: it is not a REFI-QDA project.' : `The archive holds ${qdes.length} .qde files and none is project.qde.`,
    );
  }
  return { path, data: files.get(path)! };
}

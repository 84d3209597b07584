// Reading a file the user named (an article, another tool's tags, a teammate's project): regular files only, size checked before reading.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { describeOverLimit, FILE_LIMITS, type FileKind } from '../../src-shared/api/limits';
import { UserError } from '../../src-shared/model/result';
import { notAFile } from '../store/file-kind';

function refuseKind(path: string, what: string): never {
  throw new UserError('invalid_request', `“${path}” is ${what}, not a file: Marginalia reads only regular files.`);
}

function cannotOpen(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError('not_found', `There is no file at “${path}”.`);
  if (code === 'EISDIR') refuseKind(path, 'a folder');
  if (code === 'EACCES' || code === 'EPERM') throw new UserError('invalid_request', `Marginalia may not read “${path}” (permission denied).`);
  if (code === 'ENAMETOOLONG') throw new UserError('invalid_request', `The path “${path.slice(0, 200)}…” is too long.`);
  throw new UserError('invalid_request', `Cannot read “${path}” (${code ?? String(error)}).`);
}

// O_NONBLOCK: should the path become a named pipe between the check and the open, opening it still returns at once.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Opens `path` for reading after checking, by its path and then on the open descriptor, that it is a regular file
 * no larger than the limit for `kind`. Returns the descriptor and the size; the caller closes it.
 */
export function openInputFile(path: string, kind: FileKind): { fd: number; size: number } {
  let before: Stats;
  try {
    before = statSync(path);
  } catch (error) {
    cannotOpen(path, error);
  }
  // Checked before opening too: opening some devices has effects of its own.
  const what = notAFile(before);
  if (what !== null) refuseKind(path, what);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    cannotOpen(path, error);
  }
  try {
    const stats = fstatSync(fd);
    const opened = notAFile(stats);
    if (opened !== null) refuseKind(path, opened);
    if (stats.size > FILE_LIMITS[kind]) throw new UserError('invalid_request', `“${path}” ${describeOverLimit(kind, stats.size)}.`);
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * The bytes of the regular file at `path`, refused at once (a sentence saying why) when it is a folder, device,
 * named pipe or socket, or larger than the limit for `kind`. Exactly the size seen when it was opened is read:
 * bytes appended meanwhile are not, and a file that shrank meanwhile is refused.
 */
export function readInputFile(path: string, kind: FileKind): Buffer {
  const { fd, size } = openInputFile(path, kind);
  try {
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) throw new UserError('invalid_request', `“${path}” became shorter while it was read; try again once it is no longer being written.`);
      read += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Checks that `path` could be read as `kind` (regular file, within the limit) without reading it. */
export function checkInputFile(path: string, kind: FileKind): void {
  closeSync(openInputFile(path, kind).fd);
}

// Putting an export the core wrote in its private folder where the user asked: standard output, one file, or a folder.
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ResponseOf } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import type { CliIo } from './project';

type WrittenExport = ResponseOf<'export.write'>;

function isText(mediaType: string): boolean {
  return /^text\/|json|xml|csv/.test(mediaType);
}

/** Moves a file; across file systems (the temp folder on its own disk) it is copied, then removed. */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
    rmSync(from);
  }
}

/** Writes a UTF-8 file to standard output 64 KiB at a time, ending with a newline. */
function copyToStdout(path: string, io: CliIo): void {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(1 << 16);
  const decoder = new StringDecoder('utf8');
  let last = '';
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const text = decoder.write(buffer.subarray(0, read));
      if (text !== '') io.stdout(text);
      last = text === '' ? last : text;
    }
    const rest = decoder.end();
    if (rest !== '') io.stdout(rest);
    if (!(rest === '' ? last : rest).endsWith('\n')) io.stdout('\n');
  } finally {
    closeSync(fd);
  }
}

/** Puts the `written` export at `out`: '-' (one text file), a file path (one file), or a folder (created if missing). */
export function placeExport(written: WrittenExport, out: string, io: CliIo): void {
  const { folder, files } = written;
  const source = (path: string) => join(folder, ...path.split('/'));
  try {
    const only = files.length === 1 ? files[0] : undefined;
    if (out === '-') {
      if (!only || !isText(only.mediaType)) throw new UserError('invalid_request', 'This format writes several files or a binary file: give --out a folder or a file name.');
      copyToStdout(source(only.path), io);
      return;
    }
    const isFolder = existsSync(out) && statSync(out).isDirectory();
    if (only && !isFolder && !out.endsWith('/') && !out.endsWith(sep)) {
      moveFile(source(only.path), out);
      io.stderr(`Wrote ${out}\n`);
      return;
    }
    const root = resolve(out);
    for (const file of files) {
      const target = resolve(root, ...file.path.split('/'));
      // The paths come from our own exporters, but a file is never written outside the chosen folder.
      if (!target.startsWith(root + sep)) throw new UserError('invalid_request', `Refusing to write “${file.path}” outside ${out}.`);
      mkdirSync(dirname(target), { recursive: true });
      moveFile(source(file.path), target);
    }
    io.stderr(`Wrote ${files.length} file(s) into ${join(out)}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

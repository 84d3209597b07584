// Writing exported files where the user asked: standard output, one file, or a folder.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { ResponseOf } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import type { CliIo } from './project';

type ExportedFiles = ResponseOf<'export.project'>['files'];

function isText(mediaType: string): boolean {
  return /^text\/|json|xml|csv/.test(mediaType);
}

/** Writes `files` to `out`: '-' (one text file), a file path (one file), or a folder (created if missing). */
export function writeExport(files: ExportedFiles, out: string, io: CliIo): void {
  const only = files.length === 1 ? files[0] : undefined;
  if (out === '-') {
    if (!only || !isText(only.mediaType)) throw new UserError('invalid_request', 'This format writes several files or a binary file: give --out a folder or a file name.');
    const text = Buffer.from(only.contentBase64, 'base64').toString('utf8');
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const isFolder = existsSync(out) && statSync(out).isDirectory();
  if (only && !isFolder && !out.endsWith('/') && !out.endsWith(sep)) {
    writeFileSync(out, Buffer.from(only.contentBase64, 'base64'));
    io.stderr(`Wrote ${out}\n`);
    return;
  }
  const root = resolve(out);
  for (const file of files) {
    const target = resolve(root, ...file.path.split('/'));
    // The paths come from our own exporters, but a file is never written outside the chosen folder.
    if (!target.startsWith(root + sep)) throw new UserError('invalid_request', `Refusing to write “${file.path}” outside ${out}.`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(file.contentBase64, 'base64'));
  }
  io.stderr(`Wrote ${files.length} file(s) into ${join(out)}\n`);
}

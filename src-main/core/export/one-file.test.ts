// Checks an export turned into one file: an only file read back in bounded chunks, several zipped file for file, and a
// save that fails leaving what was at the chosen path as it was, with no partial file beside it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { temporaryDirectory } from '../../test-support/project-fixture';
import { oneFileChunks, oneFileExtension, saveOneFile, type WrittenExport } from './one-file';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

function exportOf(files: Record<string, Uint8Array>): WrittenExport {
  const folder = join(dir.path, 'export');
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(join(folder, ...path.split('/').slice(0, -1)), { recursive: true });
    writeFileSync(join(folder, ...path.split('/')), bytes);
  }
  return { folder, files: Object.entries(files).map(([path, bytes]) => ({ path, mediaType: 'text/plain', bytes: bytes.length })) };
}

const bytesOf = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, i) => (i * seed) % 251);

it('reads an only file back as it is, in chunks of at most 64 KiB', async () => {
  const content = bytesOf(200_000, 7);
  const chunks: Uint8Array[] = [];
  for await (const chunk of oneFileChunks(exportOf({ 'project.csv': content }))) chunks.push(chunk);
  expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 16);
  expect(Buffer.concat(chunks)).toEqual(Buffer.from(content));
  expect(oneFileExtension(exportOf({ 'project.csv': content }))).toBe('.csv');
});

it('zips several files, each one byte for byte, folders kept in their names', async () => {
  const files = { 'a/1.txt': bytesOf(70_000, 3), 'a/1.ann': bytesOf(10, 5), 'b.txt': new Uint8Array(0) };
  const written = exportOf(files);
  const chunks: Uint8Array[] = [];
  for await (const chunk of oneFileChunks(written)) chunks.push(chunk);
  expect(unzipSync(new Uint8Array(Buffer.concat(chunks)))).toEqual(files);
  expect(oneFileExtension(written)).toBe('.zip');
});

it('leaves the file at the chosen path as it was, and nothing beside it, when the save fails', async () => {
  const written = exportOf({ 'x.txt': bytesOf(100, 1), 'y.txt': bytesOf(100, 2) });
  const path = join(dir.path, 'chosen.zip');
  writeFileSync(path, 'what was there');
  // A file of the export gone before it was read: the save fails half way.
  const broken = { ...written, files: [...written.files, { path: 'missing.txt', mediaType: 'text/plain', bytes: 1 }] };
  await expect(saveOneFile(broken, path)).rejects.toThrow(/ENOENT/);
  expect(readFileSync(path, 'utf8')).toBe('what was there');
  expect(readdirSync(dir.path).sort()).toEqual(['chosen.zip', 'export']);
});

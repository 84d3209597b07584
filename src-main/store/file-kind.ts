// What a path that is not a regular file is, in words, for refusals (a folder, a named pipe, a device …).
import type { Stats } from 'node:fs';

/** "a folder", "a named pipe", "a socket", "a device" or "not a regular file"; null for a regular file. */
export function notAFile(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

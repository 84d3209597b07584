// Finds the Electron binary the desktop runs need; it is absent where it could not be downloaded.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ELECTRON_MISSING =
  'The Electron binary is not installed on this machine (it cannot be downloaded here), so the desktop runs of the end-to-end tests are skipped; the browser runs cover the same scenarios.';

/** The path of the Electron executable, or null when it is not installed. */
export function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

// Private copies of teammates' files (core, any process): one folder per process in the temp folder, removed on exit,
// and the folders of processes that no longer run (killed, crashed) removed at the next start.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `marginalia-<pid>-<random>`: the pid says whose folder it is. */
const FOLDER = /^marginalia-(\d+)-[0-9A-Za-z]{6}$/;
/** Folders of earlier versions, one per copy, which nothing removed after a kill. */
const OLDER_FOLDER = /^marginalia-(incoming|received|review|pack)-[0-9A-Za-z]{6}$/;
/** An earlier version's folder this old can no longer be in use. */
const OLDER_FOLDER_AGE_MS = 24 * 60 * 60 * 1000;

let folder: string | null = null;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the private folders left in `parent` by processes that no longer run. Never throws. */
export function removeStalePrivateFolders(parent: string = tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(parent, name);
    try {
      const pid = FOLDER.exec(name)?.[1];
      const stale = pid !== undefined ? !isRunning(Number(pid)) : OLDER_FOLDER.test(name) && Date.now() - statSync(path).mtimeMs > OLDER_FOLDER_AGE_MS;
      if (stale) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it meanwhile, or it is not ours to remove: leave it.
    }
  }
}

/** This process's private folder, made (and stale ones removed) on first use; removed when the process exits. */
function processFolder(): string {
  if (folder !== null) {
    mkdirSync(folder, { recursive: true });
    return folder;
  }
  removeStalePrivateFolders();
  const made = mkdtempSync(join(tmpdir(), `marginalia-${process.pid}-`));
  folder = made;
  process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  return made;
}

/** A new empty folder for one private copy, inside this process's folder; the caller removes it when done. */
export function newPrivateFolder(purpose: string): string {
  return mkdtempSync(join(processFolder(), `${purpose}-`));
}

// The core in a Node worker thread (serve's host side): starts core-worker in a thread and links its port.
import { fileURLToPath } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';
import { CoreClient, type CoreClientOptions, type CoreProcess } from './core-client';
import type { MessageLink } from './protocol';

/** A worker_threads MessagePort (or a Worker, or parentPort) as a link; the ports a message carried are not used here. */
/** What a worker_threads MessagePort, Worker and parentPort share. */
interface NodePort {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

export function nodePortLink(port: NodePort): MessageLink {
  return {
    send: (message, transfer = []) => port.postMessage(message, transfer as Transferable[]),
    onMessage(listener) {
      const relay = (message: unknown) => listener(message, []);
      port.on('message', relay);
      return () => port.off('message', relay);
    },
  };
}

/**
 * The worker's entry: the built core-worker.js beside this module, or — run from the TypeScript sources (tests,
 * `npx tsx`) — core-worker.ts loaded through tsx.
 */
export function coreWorkerEntry(moduleUrl: string = import.meta.url): { url: URL; execArgv: string[] } {
  const fromSource = fileURLToPath(moduleUrl).endsWith('.ts');
  return fromSource ? { url: new URL('./core-worker.ts', moduleUrl), execArgv: ['--import', 'tsx'] } : { url: new URL('./core-worker.js', moduleUrl), execArgv: [] };
}

/** Starts one core worker thread. */
export function spawnCoreWorker(entry = coreWorkerEntry()): CoreProcess {
  const worker = new Worker(entry.url, { execArgv: entry.execArgv });
  let exited: Promise<void> | null = null;
  const exit = new Promise<string>((resolveExit) => {
    // An uncaught exception ends the thread: 'error' then 'exit'; the first says why.
    let why: string | null = null;
    worker.on('error', (error) => (why ??= `an uncaught error: ${error.message}`));
    worker.on('exit', (code) => resolveExit(why ?? `exit code ${code}`));
  });
  return {
    link: nodePortLink(worker),
    onExit: (listener) => void exit.then(listener),
    kill: () => (exited ??= worker.terminate().then(() => exit.then(() => undefined))),
  };
}

/** A CoreClient whose core runs in a worker thread of this process. */
export function startCoreInWorker(options: Omit<CoreClientOptions, 'spawn'>): CoreClient {
  return new CoreClient({ ...options, spawn: () => spawnCoreWorker() });
}

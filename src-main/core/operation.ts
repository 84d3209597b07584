// The request a core is answering, for long operations (core, any process): how far they are, and whether the client cancelled them.
import { AsyncLocalStorage } from 'node:async_hooks';
import { UserError } from '../../src-shared/model/result';

/** How far a long operation is: `done` of `total` steps (files, documents, phases). */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/** One running request: its cancellation, and where its progress goes. */
export interface Operation {
  readonly signal: AbortSignal;
  readonly onProgress: (progress: Progress) => void;
}

const running = new AsyncLocalStorage<Operation>();

/** Runs `answer` as `operation`: every `checkpoint` reached from it, across awaits, reports to it and obeys its signal. */
export function runOperation<T>(operation: Operation, answer: () => T): T {
  return running.run(operation, answer);
}

/** Progress is sent at most this often (and always as the first and the last step begin), so that a fast loop does not flood the client. */
const PROGRESS_INTERVAL_MS = 100;
const lastSent = new WeakMap<Operation, number>();

function yieldToMessages(): Promise<void> {
  return new Promise((resolveYield) => setImmediate(resolveYield));
}

/**
 * Between two chunks of a long operation: reports `done` of `total`, lets the core's other messages in (a cancel,
 * other clients' reads), and throws a `cancelled` UserError with `cancelled` as its sentence when the request was
 * cancelled meanwhile. Never call it inside a transaction: what the operation wrote before must be all or nothing.
 */
export async function checkpoint(done: number, total: number, cancelled: string): Promise<void> {
  const operation = running.getStore();
  if (!operation) return;
  const now = Date.now();
  if (done === 0 || done >= total - 1 || now - (lastSent.get(operation) ?? 0) >= PROGRESS_INTERVAL_MS) {
    lastSent.set(operation, now);
    operation.onProgress({ done, total });
  }
  await yieldToMessages();
  if (operation.signal.aborted) throw new UserError('cancelled', cancelled);
}

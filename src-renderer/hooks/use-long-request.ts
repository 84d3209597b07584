// Long requests of the workbench (merge preview, sharing, …): their progress, shown once they take more than half a second, and their cancellation.
import { useCallback, useState } from 'react';
import type { Client } from '../api/client';

/** A request runs this long before its progress is shown. */
export const SHOW_PROGRESS_AFTER_MS = 500;

/** What the progress bar shows: what runs, and how far it is (`total` 0: not known yet). */
export interface ShownProgress {
  readonly requestId: string;
  readonly label: string;
  readonly done: number;
  readonly total: number;
}

export interface LongRequests {
  /** The request whose progress is shown, or null. */
  readonly progress: ShownProgress | null;
  /** Runs `start` with a new request id, following its progress under `label`; resolves or throws as it does. */
  run<T>(label: string, start: (requestId: string) => Promise<T>): Promise<T>;
  /** Asks the core to cancel the request shown; it then ends with a `cancelled` error. */
  cancel(): void;
}

export function useLongRequest(client: Client): LongRequests {
  const [progress, setProgress] = useState<ShownProgress | null>(null);

  const run = useCallback(
    async <T,>(label: string, start: (requestId: string) => Promise<T>): Promise<T> => {
      const requestId = crypto.randomUUID();
      let latest: ShownProgress = { requestId, label, done: 0, total: 0 };
      let shown = false;
      const stop = client.onEvent((event) => {
        if (event.type !== 'progress' || event.requestId !== requestId) return;
        latest = { ...latest, done: event.done, total: event.total };
        if (shown) setProgress(latest);
      });
      const timer = setTimeout(() => {
        shown = true;
        setProgress(latest);
      }, SHOW_PROGRESS_AFTER_MS);
      try {
        return await start(requestId);
      } finally {
        clearTimeout(timer);
        stop();
        setProgress((current) => (current?.requestId === requestId ? null : current));
      }
    },
    [client],
  );

  const cancel = useCallback(() => {
    if (progress) void client.call('request.cancel', { requestId: progress.requestId }).catch(() => {});
  }, [client, progress]);

  return { progress, run, cancel };
}

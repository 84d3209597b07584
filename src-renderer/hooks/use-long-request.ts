// Long requests of the workbench (merge preview, sharing, …): their progress, shown once they take more than half a second, and their cancellation.
import { useCallback, useRef, useState } from 'react';
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

/** How often a cancel the core did not find yet (its request still on its way) is asked again. */
const CANCEL_RETRY_MS = 200;

export function useLongRequest(client: Client): LongRequests {
  const [progress, setProgress] = useState<ShownProgress | null>(null);
  /** The requests that have not ended yet. */
  const running = useRef(new Set<string>());

  const run = useCallback(
    async <T,>(label: string, start: (requestId: string) => Promise<T>): Promise<T> => {
      const requestId = crypto.randomUUID();
      running.current.add(requestId);
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
        running.current.delete(requestId);
        clearTimeout(timer);
        stop();
        setProgress((current) => (current?.requestId === requestId ? null : current));
      }
    },
    [client],
  );

  const cancel = useCallback(() => {
    if (!progress) return;
    const { requestId } = progress;
    // The core knows a request only once its bytes are sent (serve uploads files first): until it says it cancelled
    // it, the cancel is asked again, as long as the request runs.
    const ask = () => {
      client.call('request.cancel', { requestId }).then(
        ({ cancelled }) => {
          if (!cancelled && running.current.has(requestId)) setTimeout(ask, CANCEL_RETRY_MS);
        },
        () => {},
      );
    };
    ask();
  }, [client, progress]);

  return { progress, run, cancel };
}

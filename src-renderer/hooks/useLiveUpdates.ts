// Keeps the workbench showing the truth: when the project changes elsewhere (the CLI, another window, a merge),
// the open document's tags and the lists are fetched again.
import { useEffect, useRef } from 'react';
import type { Client } from '../api/client';

export interface LiveUpdateTargets {
  /** The open document, whose tags are shown. */
  openDocumentId: string | null;
  /** Fetches the open document's tags and the lists again. */
  reloadTags: () => Promise<unknown>;
  /** Fetches the document list, the actors and the project's analysts again. */
  refreshProject: () => Promise<unknown>;
  onError: (error: unknown) => void;
}

export function useLiveUpdates(client: Client, targets: LiveUpdateTargets): void {
  // The subscription lives as long as the client: re-subscribing on every render would close the page's event
  // stream and open another, and a change announced in between would never arrive.
  const latest = useRef(targets);
  latest.current = targets;
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'project-data') return;
        const { openDocumentId, reloadTags, refreshProject, onError } = latest.current;
        const openChanged = event.everything || (openDocumentId !== null && event.documentIds.includes(openDocumentId));
        if (openChanged) reloadTags().catch(onError);
        else refreshProject().catch(onError);
      }),
    [client],
  );
}

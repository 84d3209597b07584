// Undo and redo of this analyst's own last change, saying what was undone, then showing the project as it is now.
import { useCallback } from 'react';
import type { Client } from '../api/client';

/** Undoes or redoes this analyst's last change; resolves to the sentence that says what was done. */
export async function undoOrRedo(client: Client, which: 'undo' | 'redo'): Promise<string> {
  const entry = which === 'undo' ? (await client.call('history.undo', {})).undone : (await client.call('history.redo', {})).redone;
  return entry ? `${which === 'undo' ? 'Undid' : 'Redid'}: ${entry.label}` : `Nothing to ${which}.`;
}

export function useUndoRedo(client: Client, reloadTags: () => Promise<unknown>, say: (text: string) => void, report: (error: unknown) => void) {
  return useCallback(
    async (which: 'undo' | 'redo') => {
      try {
        say(await undoOrRedo(client, which));
        await reloadTags();
      } catch (error) {
        report(error);
      }
    },
    [client, reloadTags, say, report],
  );
}

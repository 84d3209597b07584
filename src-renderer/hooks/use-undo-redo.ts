// Undo and redo of this analyst's own last change, saying what was undone, then showing the project as it is now.
import { useCallback } from 'react';
import type { Client } from '../api/client';

export function useUndoRedo(client: Client, reloadTags: () => Promise<unknown>, say: (text: string) => void, report: (error: unknown) => void) {
  return useCallback(
    async (which: 'undo' | 'redo') => {
      try {
        const result = which === 'undo' ? (await client.call('history.undo', {})).undone : (await client.call('history.redo', {})).redone;
        say(result ? `${which === 'undo' ? 'Undid' : 'Redid'}: ${result.label}` : `Nothing to ${which}.`);
        await reloadTags();
      } catch (error) {
        report(error);
      }
    },
    [client, reloadTags, say, report],
  );
}

// The desktop menu's commands (undo, redo, import, a whole-document warning, share, merge, export) and a project
// opened from the menu or the file manager.
import { useEffect, useRef } from 'react';
import type { Client } from '../api/client';
import { menuUndoRedo } from '../keymap';

export interface MenuTargets {
  /** The review mode undoes and refreshes itself. */
  reviewing: boolean;
  undoRedo: (which: 'undo' | 'redo') => void;
  projectChanged: () => void;
  importArticles: () => void;
  addDocumentWarning: () => void;
  shareProject: () => void;
  mergeTeammate: () => void;
  exportProject: () => void;
}

export function useMenuEvents(client: Client, targets: MenuTargets): void {
  const current = useRef(targets);
  current.current = targets;
  useEffect(
    () =>
      client.onEvent((event) => {
        const t = current.current;
        if (event.type === 'undo' || event.type === 'redo') {
          if (!t.reviewing) menuUndoRedo(event.type, t.undoRedo);
        } else if (event.type === 'project-changed') t.projectChanged();
        else if (event.type === 'import-articles') t.importArticles();
        else if (event.type === 'add-document-warning') t.addDocumentWarning();
        else if (event.type === 'share-project') t.shareProject();
        else if (event.type === 'merge-teammate') t.mergeTeammate();
        else if (event.type === 'export-project') t.exportProject();
      }),
    [client],
  );
}

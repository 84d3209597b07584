// The workbench's keys outside the article's own keymap: 1–4 tag the selection, N/P move between tags, Esc dismisses,
// Delete removes the selected tag, Ctrl/Cmd+Z undoes (in the browser; the desktop menu sends it there), ? shows the keys.
import { useEffect, useState } from 'react';
import type { Annotation, AnnotationKind } from '../../src-shared/model/annotation';
import { kindForKey } from '../components/kinds';
import { isTypingTarget, NEXT_KEY, PREVIOUS_KEY, undoCommandOf } from '../keymap';

/** The shown tag after (`step` 1) or before (-1) the selected one in text order, wrapping around; the first or last when none is selected. */
function adjacentTag(shown: readonly Annotation[], selectedId: string | null, step: 1 | -1): Annotation | undefined {
  const inText = shown.filter((a) => a.target !== null).sort((x, y) => (x.target?.start ?? 0) - (y.target?.start ?? 0) || (y.target?.end ?? 0) - (x.target?.end ?? 0));
  if (inText.length === 0) return undefined;
  const at = inText.findIndex((a) => a.id === selectedId);
  if (at === -1) return step > 0 ? inText[0] : inText[inText.length - 1];
  return inText[(at + step + inText.length) % inText.length];
}

export interface WorkbenchKeyTargets {
  /** No keys while the name prompt is open; only ? while another mode (review) has its own keys. */
  askName: boolean;
  reviewing: boolean;
  /** The desktop menu sends undo and redo itself. */
  desktop: boolean;
  /** The tags the list and the article show. */
  shown: readonly Annotation[];
  selectedId: string | null;
  hasSelection: () => boolean;
  tagSelection: (kind: AnnotationKind) => void;
  clearSelection: () => void;
  selectTag: (id: string | null, scroll?: boolean) => void;
  deleteTag: (id: string) => Promise<void>;
  undoRedo: (which: 'undo' | 'redo') => Promise<void>;
}

/** Listens for the keys on the window; returns whether the shortcuts overlay is shown. */
export function useWorkbenchKeys(targets: WorkbenchKeyTargets) {
  const [showKeys, setShowKeys] = useState(false);
  const { askName, reviewing, desktop, shown, selectedId, hasSelection, tagSelection, clearSelection, selectTag, deleteTag, undoRedo } = targets;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === '?' && !askName && !isTypingTarget(event.target)) {
        event.preventDefault();
        setShowKeys((visible) => !visible);
        return;
      }
      if (askName || reviewing) return; // the review mode has its own keys
      const mod = event.ctrlKey || event.metaKey;
      const history = undoCommandOf(event);
      if (history) {
        if (isTypingTarget(event.target) || desktop) return; // the desktop menu sends undo/redo
        event.preventDefault();
        void undoRedo(history);
        return;
      }
      if (isTypingTarget(event.target) || mod || event.altKey) return;
      const kind = kindForKey(event.key);
      const step = event.key.toLowerCase() === NEXT_KEY ? 1 : event.key.toLowerCase() === PREVIOUS_KEY ? -1 : 0;
      if (step !== 0 && !event.shiftKey) {
        const next = adjacentTag(shown, selectedId, step);
        if (next) {
          event.preventDefault();
          selectTag(next.id);
        }
      } else if (kind && hasSelection()) {
        event.preventDefault();
        tagSelection(kind);
      } else if (event.key === 'Escape') {
        if (hasSelection()) clearSelection();
        else selectTag(null, false);
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && selectedId) {
        event.preventDefault();
        void deleteTag(selectedId);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [askName, reviewing, desktop, shown, selectedId, hasSelection, tagSelection, clearSelection, selectTag, deleteTag, undoRedo]);
  return { showKeys, setShowKeys };
}

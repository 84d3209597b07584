// The workbench's keys in one place: the table the help overlay (?) shows, the keys the handlers match, and which
// keystrokes belong to a text field instead.

export type KeyScope = 'Article' | 'Tags' | 'Search' | 'Suggestions' | 'Review' | 'Anywhere';

export interface KeyBinding {
  readonly keys: string;
  readonly does: string;
  readonly scope: KeyScope;
}

/** The review decision each number key makes, in the order of the decision buttons. */
export const DECISION_KEYS = { accept_a: '1', accept_b: '2', accept_both: '3', reject_both: '4' } as const;

/** Next and previous: tag in the article, difference in the review; with Shift, suggestion in the article. */
export const NEXT_KEY = 'n';
export const PREVIOUS_KEY = 'p';
/** Rejects the focused suggestion (so does Backspace). */
export const REJECT_SUGGESTION_KEY = 'x';

export const KEYMAP: readonly KeyBinding[] = [
  { scope: 'Article', keys: 'Click, Tab', does: 'place the caret in the article' },
  { scope: 'Article', keys: 'Arrows, Home/End, Ctrl+arrows', does: 'move the caret by character, line edge or word' },
  { scope: 'Article', keys: 'Shift + a move', does: 'select; the selection snaps to whole words' },
  { scope: 'Article', keys: 'Alt while selecting', does: 'keep exactly what you select (no snapping)' },
  { scope: 'Article', keys: '1 2 3 4', does: 'tag the selection as claim, actor, figure, reliability warning' },
  { scope: 'Article', keys: 'Esc', does: 'dismiss the selection, or deselect the tag' },
  { scope: 'Tags', keys: 'N / P', does: 'select the next / previous tag in the article' },
  { scope: 'Tags', keys: 'Delete, Backspace', does: 'delete the selected tag (undo brings it back)' },
  { scope: 'Tags', keys: 'Enter on a choice, Esc', does: 'leave the tag details; the caret goes just after the tag' },
  { scope: 'Search', keys: 'Ctrl/Cmd+F', does: 'search the open article' },
  { scope: 'Search', keys: 'Ctrl/Cmd+Shift+F', does: 'search the whole project' },
  { scope: 'Search', keys: 'Enter, F3', does: 'go to the next hit and select it (1–4 tag it)' },
  { scope: 'Search', keys: 'Shift+Enter, Shift+F3', does: 'go to the previous hit' },
  { scope: 'Search', keys: 'Esc', does: 'close the search; back to the article' },
  { scope: 'Suggestions', keys: 'Shift+N / Shift+P', does: 'focus the next / previous suggestion in the article' },
  { scope: 'Suggestions', keys: 'Enter, or its kind’s key (1 2 3)', does: 'accept the focused suggestion: it becomes your tag' },
  { scope: 'Suggestions', keys: 'X, Backspace', does: 'reject the focused suggestion: it is not suggested again' },
  { scope: 'Suggestions', keys: 'Esc', does: 'leave the focused suggestion' },
  { scope: 'Review', keys: 'N / P', does: 'go to the next / previous difference' },
  { scope: 'Review', keys: '1 2 3 4', does: 'keep A, keep B, keep both, keep neither' },
  { scope: 'Anywhere', keys: 'Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z', does: 'undo, redo your own last change' },
  { scope: 'Anywhere', keys: '?', does: 'show or hide these keys' },
];

/** What a key press asks of the search, anywhere in the workbench: open it for the article or the project, or step through hits. */
export function searchCommandOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): 'article' | 'project' | 'next' | 'previous' | null {
  const mod = event.ctrlKey || event.metaKey;
  if (event.key === 'F3' && !mod && !event.altKey) return event.shiftKey ? 'previous' : 'next';
  if (mod && !event.altKey && event.key.toLowerCase() === 'f') return event.shiftKey ? 'project' : 'article';
  return null;
}

/** What a key press asks of the history: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redo; null for any other key (Alt included). */
export function undoCommandOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): 'undo' | 'redo' | null {
  const key = event.key.toLowerCase();
  if (!(event.ctrlKey || event.metaKey) || event.altKey || (key !== 'z' && key !== 'y')) return null;
  return key === 'y' || event.shiftKey ? 'redo' : 'undo';
}

/**
 * The desktop menu's Undo or Redo: in a text field it is the field's own, not the project's; elsewhere it goes
 * to `projectUndoRedo`.
 */
export function menuUndoRedo(which: 'undo' | 'redo', projectUndoRedo: (which: 'undo' | 'redo') => void): void {
  if (isTypingTarget(document.activeElement)) document.execCommand(which);
  else projectUndoRedo(which);
}

/**
 * True while focus is in a field where keys type text (a text input or area, an editable element): there the
 * workbench's keys (1–4, Delete, Ctrl+Z …) are the field's own. The article is contenteditable only for its caret
 * and read-only, so it does not count.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.tagName === 'TEXTAREA') return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target.isContentEditable && target.closest('[aria-readonly="true"]') === null;
}

/** A plain key press (no Ctrl, Cmd or Alt) outside text fields: the workbench's to handle. */
export function isPlainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
}

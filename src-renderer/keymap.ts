// Which keystrokes belong to the workbench and which to a text field: one rule for the workbench and the review.

/**
 * True while focus is in a field where keys type text (a text input or area, an editable element):
 * there the workbench's keys (1–4, Delete, Ctrl+Z …) are the field's own. The article is contenteditable only for
 * its caret and read-only, so it does not count.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.tagName === 'TEXTAREA') return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target.isContentEditable && target.closest('[aria-readonly="true"]') === null;
}

// Which ranges the article's decorations (highlights, search hits, suggestions) can draw: non-empty and inside the document.
import type { Node as ProseMirrorNode } from 'prosemirror-model';

/** True when `[from, to)` is a non-empty range inside `doc`. */
export function isDrawableRange(doc: ProseMirrorNode, from: number, to: number): boolean {
  return Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= doc.content.size;
}

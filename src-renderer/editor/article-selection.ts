// The article's text selection (renderer): reads mouse and keyboard selections from the DOM, snaps them to words and reports them.
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { OffsetMap } from '../../src-shared/editor/text-mapping';
import { snapToWords } from '../../src-shared/text/word-snap';

export interface TextRange {
  start: number;
  end: number;
}

/** A selection as reported: canonical-text offsets and where it is on screen; null when collapsed. */
export type ReportedSelection = (TextRange & { rect: DOMRect }) | null;

/**
 * The selection side of an article view: it reports each selection once (word-snapped unless Alt was held), when
 * the mouse button or Shift goes up, and null when it collapses or leaves the article.
 */
export class ArticleSelection {
  /** Alt was held while the current selection was made: report it as it is, unsnapped. */
  private altSelection = false;
  private pointerSelecting = false;
  private reported: TextRange | null = null;
  private pointerTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private readonly ownerDocument: Document;

  constructor(
    private readonly view: EditorView,
    private readonly map: OffsetMap,
    private readonly text: string,
    private readonly onSelectionChange: (selection: ReportedSelection) => void,
  ) {
    this.ownerDocument = view.dom.ownerDocument;
    this.ownerDocument.addEventListener('mouseup', this.onDocumentMouseUp);
    this.ownerDocument.addEventListener('selectionchange', this.onDocumentSelectionChange);
  }

  /** The selected text range (word-snapped unless Alt was held), or null when nothing is selected in the article. */
  currentRange(): TextRange | null {
    // Read from the document selection: ProseMirror's state catches up only on the next selectionchange.
    const positions = this.domSelectionInView() ? this.domSelectionPositions() : null;
    return positions ? this.rangeFor(positions.anchor, positions.head, this.altSelection) : null;
  }

  /** Collapses the selection in the article without reporting it (the caller knows). */
  clear(): void {
    const { state } = this.view;
    if (!state.selection.empty) this.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, state.selection.head)));
    this.forget();
  }

  /** Takes the browser's selection out of the article and forgets the one reported, without reporting. */
  forget(): void {
    const selection = this.ownerDocument.getSelection();
    if (selection?.anchorNode && this.view.dom.contains(selection.anchorNode)) selection.removeAllRanges();
    this.reported = null;
    this.altSelection = false;
  }

  /** Removes the listeners; nothing is reported afterwards. */
  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.pointerTimer);
    this.ownerDocument.removeEventListener('mouseup', this.onDocumentMouseUp);
    this.ownerDocument.removeEventListener('selectionchange', this.onDocumentSelectionChange);
  }

  /** Text offsets of positions `[from, to)`, snapped to words unless `alt`; null when empty or blank. */
  private rangeFor(from: number, to: number, alt: boolean): TextRange | null {
    if (from === to) return null;
    let range: TextRange = { start: this.map.toOffset(Math.min(from, to)), end: this.map.toOffset(Math.max(from, to)) };
    if (!alt) range = snapToWords(this.text, range.start, range.end);
    return range.end > range.start && this.text.slice(range.start, range.end).trim() !== '' ? range : null;
  }

  /** The document's selection when it is non-empty and lies inside the article. */
  private domSelectionInView(): globalThis.Selection | null {
    const selection = this.ownerDocument.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const { anchorNode, focusNode } = selection;
    if (!anchorNode || !focusNode || !this.view.dom.contains(anchorNode) || !this.view.dom.contains(focusNode)) return null;
    return selection;
  }

  /** The document selection's anchor and head as positions, when both lie inside the article. */
  private domSelectionPositions(): { anchor: number; head: number } | null {
    const selection = this.ownerDocument.getSelection();
    if (!selection?.anchorNode || !selection.focusNode) return null;
    if (!this.view.dom.contains(selection.anchorNode) || !this.view.dom.contains(selection.focusNode)) return null;
    try {
      return {
        anchor: this.view.posAtDOM(selection.anchorNode, selection.anchorOffset),
        head: this.view.posAtDOM(selection.focusNode, selection.focusOffset),
      };
    } catch {
      return null;
    }
  }

  rectFor(from: number, to: number): DOMRect {
    try {
      const start = this.view.domAtPos(from);
      const end = this.view.domAtPos(to);
      const range = this.ownerDocument.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      if (typeof range.getBoundingClientRect === 'function') return range.getBoundingClientRect();
    } catch {
      // No layout (tests) or a position the DOM cannot express: fall back to the article's box.
    }
    return (this.view.dom as HTMLElement).getBoundingClientRect();
  }

  report(range: TextRange | null, rect?: DOMRect): void {
    const before = this.reported;
    if (range === null ? before === null : before !== null && before.start === range.start && before.end === range.end) return;
    this.reported = range;
    if (range === null) this.onSelectionChange(null);
    else this.onSelectionChange({ ...range, rect: rect ?? this.rectFor(this.view.state.selection.from, this.view.state.selection.to) });
  }

  onMouseDown(event: MouseEvent): boolean {
    if (event.button !== 0) return false;
    this.pointerSelecting = true;
    this.altSelection = event.altKey;
    if (!event.shiftKey) this.report(null);
    return false;
  }

  private readonly onDocumentMouseUp = (event: MouseEvent): void => {
    if (!this.pointerSelecting) return;
    this.pointerSelecting = false;
    this.altSelection ||= event.altKey;
    // After ProseMirror's own mouseup handling and the browser's final selection.
    clearTimeout(this.pointerTimer);
    this.pointerTimer = setTimeout(() => this.commitPointerSelection(), 0);
  };

  /** Reads the mouse selection from the DOM, snaps it to words (showing the snapped range) and reports it. */
  private commitPointerSelection(): void {
    if (this.destroyed) return;
    const positions = this.domSelectionInView() ? this.domSelectionPositions() : null;
    if (!positions) return this.report(null);
    const { anchor, head } = positions;
    const range = this.rangeFor(anchor, head, this.altSelection);
    if (!range) return this.report(null);
    const snapped = this.altSelection ? null : this.map.toPosRange(range.start, range.end);
    if (snapped) {
      // Show the range that will be tagged, keeping the direction the user dragged in.
      const [newAnchor, newHead] = head < anchor ? [snapped.to, snapped.from] : [snapped.from, snapped.to];
      const { state } = this.view;
      if (state.selection.anchor !== newAnchor || state.selection.head !== newHead) {
        this.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, newAnchor, newHead)));
      }
      this.writeDomSelection(newAnchor, newHead);
      return this.report(range, this.rectFor(snapped.from, snapped.to));
    }
    const { state } = this.view;
    if (state.selection.anchor !== anchor || state.selection.head !== head) {
      this.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, anchor, head)));
    }
    this.report(range, this.rectFor(Math.min(anchor, head), Math.max(anchor, head)));
  }

  private readonly onDocumentSelectionChange = (): void => {
    if (this.destroyed || this.pointerSelecting || this.reported === null) return;
    if (!this.domSelectionInView()) this.report(null);
  };

  /** Puts the document's selection on `anchor`–`head` unless it is already there. */
  writeDomSelection(anchor: number, head: number): void {
    const selection = this.ownerDocument.getSelection();
    const current = this.domSelectionPositions();
    if (!selection || (current?.anchor === anchor && current.head === head)) return;
    try {
      const a = this.view.domAtPos(anchor);
      const h = this.view.domAtPos(head);
      selection.setBaseAndExtent(a.node, a.offset, h.node, h.offset);
    } catch {
      // A position the DOM cannot hold a selection at: the state's selection still counts.
    }
  }

  // ── Keyboard ───────────────────────────────────────────────────────────────────────────────────
  // The view is contenteditable so that the browser draws a real caret and moves it (arrows, Home/End, Ctrl+arrows,
  // Shift to extend) as in any reader; readOnly() drops every transaction that would change the text, and input
  // events are cancelled before they reach the DOM.

  /** A keyboard selection is reported when Shift goes up (or after a key that moved it without Shift held). */
  onKeyUp(event: KeyboardEvent): boolean {
    if (event.key !== 'Shift' && event.shiftKey) return false; // more moves may follow; report when Shift goes up
    const positions = this.domSelectionInView() ? this.domSelectionPositions() : null;
    if (!positions) return false;
    const { anchor, head } = positions;
    this.report(this.rangeFor(anchor, head, event.altKey), this.rectFor(Math.min(anchor, head), Math.max(anchor, head)));
    return false;
  }
}

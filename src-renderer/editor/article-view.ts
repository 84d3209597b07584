// The article reader (renderer): owns one read-only EditorView with its highlights and selection; React only lends it a div.
import { KIND_LABELS } from '../../src-shared/model/annotation';
import { EditorState, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { OffsetMap } from '../../src-shared/editor/text-mapping';
import { buildArticle } from './article-docs';
import type { Annotation, TagSpan } from '../../src-shared/model/annotation';
import type { Block } from '../../src-shared/model/document';
import { ArticleSelection } from './article-selection';
import {
  addHighlight,
  flashHighlight,
  removeHighlight,
  selectHighlight,
  setHighlights,
  updateHighlight,
} from './plugins/highlights/actions';
import { isDrawableRange } from './plugins/drawable-range';
import type { HighlightSpec, HighlightsAction } from './plugins/highlights/highlight-spec';
import { highlightsKey, highlightsPlugin } from './plugins/highlights/highlights-plugin';
import { pageMarginPlugin } from './plugins/page-margin';
import { liveBlocksPlugin, showBlocks } from './plugins/live-blocks';
import { readOnly } from './plugins/read-only';
import { searchHitsKey, searchHitsPlugin, setCurrentSearchHit, setSearchHits, type HitRange } from './plugins/search-hits';
import { suggestionRange, suggestionsKey, suggestionsPlugin } from './plugins/suggestions';
import type { SuggestionColumns } from '../../src-shared/suggest/spans';
import { suggestionMarks, type InitialSuggestions } from './suggestion-marks';

/** How long a highlight keeps the `hl-flash` class after "scroll to" (the CSS animation lasts as long). */
export const FLASH_DURATION_MS = 1200;

export interface ArticleViewCallbacks {
  /** Canonical-text offsets after word snapping (none while Alt is held during the selection); null when collapsed. */
  onSelectionChange(range: { start: number; end: number; rect: DOMRect } | null): void;
  onHighlightClick(id: string): void;
  /** A tag in a few words for its hover text (the linked actor, the value …); the kind alone without it. */
  describe?(annotation: Annotation): string;
  /** The ids of the highlights under the pointer, innermost first; [] when it leaves them. */
  onHighlightHover(ids: string[]): void;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** What the view draws a tag from: the tag itself, or its span (annotation.spans) until the full tag is loaded. */
export type DrawnTag = Annotation | TagSpan;

/** Owns the ProseMirror view of one article: drawing tags, reporting selections and clicks, keyboard selection. */
export class ArticleView {
  private readonly view: EditorView;
  private readonly map: OffsetMap;
  private readonly text: string;
  private readonly callbacks: ArticleViewCallbacks;
  private readonly ownerDocument: Document;
  private readonly selection: ArticleSelection;
  private hovered: string[] = [];
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private pendingCount = 0;
  /** The mark drawn before each tag, by annotation id (the review panes mark each tag with its difference type). */
  private marks: ReadonlyMap<string, string> = new Map();
  /** The suggestions drawn (setSuggestions), as they were given. */
  private suggestions: SuggestionColumns | null = null;

  constructor(
    mount: HTMLElement,
    document: { text: string; blocks: readonly Block[] },
    annotations: readonly DrawnTag[],
    callbacks: ArticleViewCallbacks,
    options: { marks?: ReadonlyMap<string, string>; suggestions?: InitialSuggestions } = {},
  ) {
    this.text = document.text;
    if (options.marks) this.marks = options.marks;
    this.callbacks = callbacks;
    this.ownerDocument = mount.ownerDocument;
    const article = buildArticle(document);
    this.map = article.map;
    const plugins = [readOnly(), liveBlocksPlugin(), highlightsPlugin(), searchHitsPlugin(), suggestionsPlugin(), pageMarginPlugin(article.doc, document.blocks, article.map)];
    const empty = EditorState.create({ doc: article.doc, plugins });
    const tr = empty.tr.setMeta(highlightsKey, { type: 'set', highlights: this.highlightsOf(annotations) });
    // Suggestions that are here as the article opens are in its first frame: drawn afterwards, they would have
    // ProseMirror build again every paragraph that holds one.
    const { suggestions } = options;
    if (suggestions) {
      this.suggestions = suggestions.spans;
      tr.setMeta(suggestionsKey, { type: 'set', marks: suggestionMarks(this.map, suggestions.spans, suggestions.titleOf) });
    }
    const state = empty.apply(tr);
    this.view = new EditorView(mount, {
      state,
      editable: () => true,
      attributes: {
        role: 'textbox',
        'aria-readonly': 'true',
        'aria-multiline': 'true',
        'aria-label': 'Article text',
        spellcheck: 'false',
        autocorrect: 'off',
        autocapitalize: 'off',
        class: 'article',
      },
      dispatchTransaction: (tr) => {
        if (!tr.selectionSet) this.takeUnreadSelection(tr);
        this.view.updateState(this.view.state.apply(tr));
      },
      handleClick: (_view, _pos, event) => this.onClick(event),
      // The text is never edited: nothing typed, pasted, cut or dropped reaches it (files dropped reach the window).
      handlePaste: () => true,
      handleDrop: (_view, event) => !(event.dataTransfer?.files.length ?? 0),
      handleTextInput: () => true,
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
        cut: (_view, event) => {
          event.preventDefault();
          return true;
        },
        keyup: (_view, event) => this.selection.onKeyUp(event),
        mousedown: (_view, event) => this.selection.onMouseDown(event),
        mouseover: (_view, event) => this.onHover(this.idsAt(event.target)),
        mouseleave: () => this.onHover([]),
      },
    });
    this.selection = new ArticleSelection(this.view, this.map, this.text, (range) => this.callbacks.onSelectionChange(range));
  }

  /**
   * ProseMirror learns of a selection made in the page from the 'selectionchange' event that follows it. A
   * transaction dispatched in between (a saved tag drawn, suggestions arriving, another window's change) would put
   * the previous selection back into the page, undoing what the analyst has just selected: so a transaction that
   * does not set the selection itself takes the page's, when it lies in this article. Without focus there is
   * nothing to keep (ProseMirror then leaves the page's selection alone), and the page's selection is not asked
   * for: reading it makes the browser lay the page out first, in the middle of the transaction (suggestions
   * arriving as an article opens would have it lay out twice).
   */
  private takeUnreadSelection(tr: Transaction): void {
    if (!this.view.hasFocus()) return;
    const selection = this.ownerDocument.getSelection();
    const { anchorNode, focusNode } = selection ?? {};
    if (!selection || !anchorNode || !focusNode || !this.view.dom.contains(anchorNode) || !this.view.dom.contains(focusNode)) return;
    let anchor: number;
    let head: number;
    try {
      anchor = this.view.posAtDOM(anchorNode, selection.anchorOffset);
      head = this.view.posAtDOM(focusNode, selection.focusOffset);
    } catch {
      return; // a point ProseMirror does not map (inside a widget): leave the selection to its own reading
    }
    if (anchor === tr.selection.anchor && head === tr.selection.head) return;
    tr.setSelection(TextSelection.between(tr.doc.resolve(anchor), tr.doc.resolve(head)));
  }

  /**
   * Replaces every drawn tag. Document-level warnings (no target) and deleted tags are not drawn. With `marks`,
   * those marks replace the ones drawn before the tags (see HighlightSpec.mark).
   */
  setAnnotations(annotations: readonly DrawnTag[], marks?: ReadonlyMap<string, string>): void {
    if (marks) this.marks = marks;
    this.run(setHighlights(this.highlightsOf(annotations)));
  }

  /**
   * Draws one tag (redraws it when already drawn); a tag without a target or deleted is taken away instead.
   * With `select` it is also marked selected, with `replacing` that highlight (a pending one) is taken away, and
   * with `clearSelection` the text selection collapses — all in one transaction, so the article redraws once.
   */
  addAnnotation(annotation: Annotation, options: { select?: boolean; replacing?: string; clearSelection?: boolean } = {}): void {
    const highlight = this.highlightOf(annotation);
    if (!highlight || !isDrawableRange(this.view.state.doc, highlight.from, highlight.to)) {
      this.run(removeHighlight(annotation.id));
      return;
    }
    const actions: HighlightsAction[] = [];
    if (options.replacing !== undefined) actions.push({ type: 'remove', id: options.replacing });
    actions.push({ type: 'add', highlight });
    if (options.select) actions.push({ type: 'select', id: annotation.id });
    const { state } = this.view;
    let tr = state.tr.setMeta(highlightsKey, { type: 'batch', actions });
    if (options.clearSelection && !state.selection.empty) tr = tr.setSelection(TextSelection.create(state.doc, state.selection.head));
    this.view.dispatch(tr);
    if (options.clearSelection) this.selection.forget();
  }

  /**
   * Draws a tag that is still being saved, styled as pending, and collapses the text selection (unless
   * `collapseSelection` is false: the analyst selected another passage meanwhile).
   * Returns its temporary id (to replace with `addAnnotation(saved, { replacing })` or take away), or null.
   */
  drawPending(kind: Annotation['kind'], range: { start: number; end: number }, options: { collapseSelection?: boolean } = {}): string | null {
    const positions = this.map.toPosRange(range.start, range.end);
    if (!positions || !isDrawableRange(this.view.state.doc, positions.from, positions.to)) return null;
    const id = `pending-${++this.pendingCount}`;
    const { state } = this.view;
    const collapse = options.collapseSelection !== false;
    let tr = state.tr.setMeta(highlightsKey, { type: 'add', highlight: { id, kind, from: positions.from, to: positions.to } });
    if (collapse && !state.selection.empty) tr = tr.setSelection(TextSelection.create(state.doc, state.selection.head));
    this.view.dispatch(tr);
    if (collapse) this.selection.forget();
    return id;
  }

  /** Redraws a tag after its range or kind changed; draws it if it was not drawn. */
  updateAnnotation(annotation: Annotation): void {
    const highlight = this.highlightOf(annotation);
    if (!highlight) this.run(removeHighlight(annotation.id));
    else if (!this.run(updateHighlight(highlight))) this.run(addHighlight(highlight));
  }

  /** Takes one tag's highlight away; the others stay as they are. */
  removeAnnotation(id: string): void {
    this.run(removeHighlight(id));
  }

  /** Marks a tag's highlight as selected; an id that is not drawn (or null) clears the mark. */
  select(id: string | null): void {
    if (id === null || !this.run(selectHighlight(id))) this.run(selectHighlight(null));
  }

  /** Scrolls a tag's passage into view and, unless `flash` is false, flashes it for FLASH_DURATION_MS. */
  scrollToAnnotation(id: string, flash = true): void {
    const highlight = highlightsKey.getState(this.view.state)?.annotations.get(id);
    if (!highlight) return;
    if (flash) {
      // Ending a running flash first recreates the spans, so the animation starts again.
      if (highlightsKey.getState(this.view.state)?.flashId === id) this.run(flashHighlight(null));
      this.run(flashHighlight(id));
      clearTimeout(this.flashTimer);
      this.flashTimer = setTimeout(() => {
        if (!this.destroyed) this.run(flashHighlight(null));
      }, FLASH_DURATION_MS);
    }
    showBlocks(this.view, [highlight.from]);
    const element = this.elementsOf(id)[0];
    if (element && typeof element.scrollIntoView === 'function') {
      const reduceMotion = this.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
      element.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
    }
  }

  // ── Search hits ───────────────────────────────────────────────────────────────────────────────────

  /** Draws the hits of a search (text offsets), hit `current` marked as current; [] takes them away. */
  setSearchHits(hits: readonly { start: number; end: number }[], current: number | null): void {
    const ranges = hits.map((hit) => this.map.toPosRange(hit.start, hit.end) ?? { from: 0, to: 0 });
    this.run(setSearchHits(ranges, current));
  }

  /**
   * Makes drawn hit `index` the current one, scrolls to it and selects its text (reported as a selection, so the
   * number keys tag it). The browser's selection follows only while the article has focus, or with `focus`.
   */
  showSearchHit(index: number, options: { focus?: boolean } = {}): void {
    if (!this.run(setCurrentSearchHit(index))) return;
    const hit: HitRange | undefined = searchHitsKey.getState(this.view.state)?.hits[index];
    if (!hit || hit.from >= hit.to) return;
    const { state } = this.view;
    this.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, hit.from, hit.to)));
    if (options.focus) this.view.focus();
    if (this.view.hasFocus()) this.selection.writeDomSelection(hit.from, hit.to);
    showBlocks(this.view, [hit.from]);
    const element = this.view.dom.querySelector(`mark[data-search-hit="${index}"]`);
    if (element && typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'center' });
    this.selection.report({ start: this.map.toOffset(hit.from), end: this.map.toOffset(hit.to) }, this.selection.rectFor(hit.from, hit.to));
  }

  /** The selected text range (word-snapped unless Alt was held), or null when nothing is selected in the article. */
  currentRange(): { start: number; end: number } | null {
    return this.selection.currentRange();
  }

  /** Collapses the selection in the article without reporting it (the caller knows). */
  clearSelection(): void {
    this.selection.clear();
  }

  /** Moves keyboard focus to the article, keeping its caret where it was. */
  focus(): void {
    this.view.focus();
  }

  /** Removes the view and its listeners; no callback is called afterwards. */
  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.flashTimer);
    this.selection.destroy();
    this.view.destroy();
  }

  // ── Suggestions ────────────────────────────────────────────────────────────────────────────────

  /**
   * Draws the article's suggestions (text offsets, in text order) in place of those drawn before; the focus stays
   * if still drawn. `titleOf(i)` makes the i-th one's hover text, asked only for those drawn (near the viewport).
   */
  setSuggestions(spans: SuggestionColumns, titleOf: (i: number) => string): void {
    // Those the view opened with, or was given last, are drawn already.
    if (spans === this.suggestions) return;
    this.suggestions = spans;
    this.view.dispatch(this.view.state.tr.setMeta(suggestionsKey, { type: 'set', marks: suggestionMarks(this.map, spans, titleOf) }));
  }

  /** Marks the suggestion the keys act on (null: none) and scrolls it into view. */
  focusSuggestion(key: string | null): void {
    this.view.dispatch(this.view.state.tr.setMeta(suggestionsKey, { type: 'focus', key }));
    const range = key === null ? undefined : suggestionRange(this.view.state, key);
    if (!range) return;
    showBlocks(this.view, [range.from]);
    const element = this.view.dom.querySelector<HTMLElement>(`[data-suggestion-key="${key}"]`);
    if (element && typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'center', behavior: 'auto' });
  }

  // ── Tags ──────────────────────────────────────────────────────────────────────────────────────────

  private run(command: Command): boolean {
    return command(this.view.state, (tr) => this.view.dispatch(tr));
  }

  /** A full tag is drawn with its hover text; a span (the view opens with spans) with its kind alone. */
  private highlightOf(tag: DrawnTag): HighlightSpec | null {
    const full = 'target' in tag;
    const passage = full ? (tag.deletedAt ? null : tag.target) : tag;
    const range = passage && this.map.toPosRange(passage.start, passage.end);
    if (!range) return null;
    const mark = this.marks.get(tag.id);
    const about = full ? this.callbacks.describe?.(tag) : undefined;
    return {
      id: tag.id,
      kind: tag.kind,
      from: range.from,
      to: range.to,
      ...(mark === undefined ? {} : { mark }),
      ...(about ? { title: `${KIND_LABELS[tag.kind]}: ${about}` } : {}),
    };
  }

  private highlightsOf(annotations: readonly DrawnTag[]): HighlightSpec[] {
    return annotations.map((a) => this.highlightOf(a)).filter((h): h is HighlightSpec => h !== null);
  }

  private elementsOf(id: string): HTMLElement[] {
    const all = this.view.dom.querySelectorAll<HTMLElement>('[data-annotation-id]');
    return [...all].filter((element) => element.getAttribute('data-annotation-id') === id);
  }

  /** The ids of the highlight spans around `target`, innermost first. */
  private idsAt(target: EventTarget | null): string[] {
    const ids: string[] = [];
    let node = target as Node | null;
    if (node && node.nodeType !== 1) node = node.parentNode;
    for (let element = node as HTMLElement | null; element && element !== this.view.dom; element = element.parentElement) {
      // A difference mark stands for the tag it marks.
      const id = element.getAttribute('data-annotation-id') ?? element.getAttribute('data-mark-for');
      if (id && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  private onHover(ids: string[]): boolean {
    if (!sameIds(ids, this.hovered)) {
      this.hovered = ids;
      this.callbacks.onHighlightHover(ids);
    }
    return false;
  }

  /** A click on stacked highlights picks the shortest; clicking again walks outward through the stack. */
  private onClick(event: MouseEvent): boolean {
    const ids = this.idsAt(event.target);
    const state = highlightsKey.getState(this.view.state);
    if (ids.length === 0 || !state) return false;
    const length = (id: string) => {
      const h = state.annotations.get(id);
      return h ? h.to - h.from : Infinity;
    };
    const stack = [...ids].sort((a, b) => length(a) - length(b));
    const current = state.selectedId === null ? -1 : stack.indexOf(state.selectedId);
    const picked = stack[(current + 1) % stack.length];
    if (picked !== undefined) this.callbacks.onHighlightClick(picked);
    return false;
  }

  /** Puts the caret at a text offset and focuses the article (after tagging: just after the tag). */
  placeCaret(offset: number): void {
    const pos = this.map.toPos(Math.max(0, Math.min(offset, this.text.length)), -1);
    const { state } = this.view;
    this.view.dispatch(state.tr.setSelection(TextSelection.near(state.doc.resolve(pos))));
    this.view.focus();
    this.selection.report(null);
  }
}

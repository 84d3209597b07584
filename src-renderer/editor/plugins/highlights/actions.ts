// The intents the highlights plugin accepts (sent as tr.setMeta(highlightsKey, action)) and the commands that send them.
import type { Command, EditorState } from 'prosemirror-state';
import type { AnnotationKind } from '../../../../src-shared/model/annotation';
import { highlightsKey } from './highlights-plugin';

/** One highlighted passage: an annotation's id and kind over ProseMirror positions `[from, to)`. */
export interface HighlightSpec {
  readonly id: string;
  readonly kind: AnnotationKind;
  readonly from: number;
  readonly to: number;
  /**
   * A short word drawn as a mark at the start of the highlight (e.g. a review difference type): an attribute on
   * its first character, `span.hl-mark[data-mark=…]`, so that a style sheet gives each word its symbol with one static rule, whatever
   * the number of highlights.
   */
  readonly mark?: string;
  /** What hovering the highlight says (its kind and, e.g., the actor or value); the kind alone when absent. */
  readonly title?: string;
}

/**
 * What a transaction asks of the plugin. Positions are in the transaction's resulting document.
 * Only `set` rebuilds the decoration set; the others touch the decorations of one highlight (two for `select`).
 */
export type HighlightsAction =
  | { readonly type: 'set'; readonly highlights: readonly HighlightSpec[] }
  | { readonly type: 'add'; readonly highlight: HighlightSpec }
  | { readonly type: 'update'; readonly highlight: HighlightSpec }
  | { readonly type: 'remove'; readonly id: string }
  | { readonly type: 'select'; readonly id: string | null }
  | { readonly type: 'flash'; readonly id: string | null }
  /** Several of the above in one transaction, so the view redraws once (e.g. add a tag and select it). */
  | { readonly type: 'batch'; readonly actions: readonly HighlightsAction[] };

/** True when `[from, to)` is a non-empty range inside the document of `state`. */
export function isDrawableRange(state: EditorState, from: number, to: number): boolean {
  return Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= state.doc.content.size;
}

function knows(state: EditorState, id: string): boolean {
  return highlightsKey.getState(state)?.annotations.has(id) ?? false;
}

function send(action: HighlightsAction): Command {
  return (state, dispatch) => {
    if (!highlightsKey.getState(state)) return false;
    if (dispatch) dispatch(state.tr.setMeta(highlightsKey, action));
    return true;
  };
}

/** Replaces every highlight; ranges outside the document or empty are left undrawn. */
export function setHighlights(highlights: readonly HighlightSpec[]): Command {
  return send({ type: 'set', highlights });
}

/** Draws one more highlight (or redraws it when its id is already drawn); refused for an empty or outside range. */
export function addHighlight(highlight: HighlightSpec): Command {
  const add = send({ type: 'add', highlight });
  return (state, dispatch) => isDrawableRange(state, highlight.from, highlight.to) && add(state, dispatch);
}

/** Moves or re-kinds a drawn highlight; refused when the id is not drawn or the range is not drawable. */
export function updateHighlight(highlight: HighlightSpec): Command {
  const update = send({ type: 'update', highlight });
  return (state, dispatch) =>
    knows(state, highlight.id) && isDrawableRange(state, highlight.from, highlight.to) && update(state, dispatch);
}

/** Removes a drawn highlight; refused when the id is not drawn. */
export function removeHighlight(id: string): Command {
  const remove = send({ type: 'remove', id });
  return (state, dispatch) => knows(state, id) && remove(state, dispatch);
}

/** Marks one drawn highlight as selected (null clears); refused when the id is not drawn. */
export function selectHighlight(id: string | null): Command {
  const select = send({ type: 'select', id });
  return (state, dispatch) => (id === null || knows(state, id)) && select(state, dispatch);
}

/** Gives a drawn highlight the `hl-flash` class until the next flash action (null ends it). */
export function flashHighlight(id: string | null): Command {
  const flash = send({ type: 'flash', id });
  return (state, dispatch) => (id === null || knows(state, id)) && flash(state, dispatch);
}

// The commands that send the highlights plugin its intents (see highlight-spec.ts).
import type { Command, EditorState } from 'prosemirror-state';
import { highlightsKey } from './highlights-plugin';
import { isDrawableRange } from '../drawable-range';
import type { HighlightSpec, HighlightsAction } from './highlight-spec';

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
  return (state, dispatch) => isDrawableRange(state.doc, highlight.from, highlight.to) && add(state, dispatch);
}

/** Moves or re-kinds a drawn highlight; refused when the id is not drawn or the range is not drawable. */
export function updateHighlight(highlight: HighlightSpec): Command {
  const update = send({ type: 'update', highlight });
  return (state, dispatch) =>
    knows(state, highlight.id) && isDrawableRange(state.doc, highlight.from, highlight.to) && update(state, dispatch);
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

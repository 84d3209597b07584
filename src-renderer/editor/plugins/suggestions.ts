// The suggestions plugin (renderer): proposed tags of the open article as a decoration set of their own (dashed
// outline in the kind's colour, no fill), with the one the keys act on marked as focused.
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { isDrawableRange } from './drawable-range';
import { visibleDecorations } from './live-sections';
import type { SuggestionKind } from '../../../src-shared/suggest/types';

/** One suggestion as drawn: its key, kind and document positions, and the text shown when hovering it. */
export interface SuggestionMark {
  readonly key: string;
  readonly kind: SuggestionKind;
  readonly from: number;
  readonly to: number;
  readonly title: string;
}

export interface SuggestionsState {
  readonly decorations: DecorationSet;
  readonly marks: ReadonlyMap<string, SuggestionMark>;
  readonly focusedKey: string | null;
}

export type SuggestionsAction = { type: 'set'; marks: readonly SuggestionMark[] } | { type: 'focus'; key: string | null };

export const suggestionsKey = new PluginKey<SuggestionsState>('suggestions');

function decorationOf(mark: SuggestionMark, focused: boolean): Decoration {
  return Decoration.inline(
    mark.from,
    mark.to,
    {
      // Its own element, so a suggestion inside or around a tag's highlight keeps its own outline.
      nodeName: 'span',
      class: `sg sg-${mark.kind}${focused ? ' sg-focused' : ''}`,
      'data-suggestion-key': mark.key,
      title: mark.title,
    },
    { key: mark.key },
  );
}

function setAll(marks: readonly SuggestionMark[], focusedKey: string | null, doc: ProseMirrorNode): SuggestionsState {
  const byKey = new Map<string, SuggestionMark>();
  for (const mark of marks) if (isDrawableRange(doc, mark.from, mark.to)) byKey.set(mark.key, mark);
  const focused = focusedKey !== null && byKey.has(focusedKey) ? focusedKey : null;
  const decorations = DecorationSet.create(
    doc,
    [...byKey.values()].map((m) => decorationOf(m, m.key === focused)),
  );
  return { decorations, marks: byKey, focusedKey: focused };
}

/** Redraws only the suggestions whose focus changed. */
function refocus(state: SuggestionsState, key: string | null, doc: ProseMirrorNode): SuggestionsState {
  const next = key !== null && state.marks.has(key) ? key : null;
  if (next === state.focusedKey) return state;
  let decorations = state.decorations;
  for (const [changed, focused] of [
    [state.focusedKey, false],
    [next, true],
  ] as const) {
    const mark = changed === null ? undefined : state.marks.get(changed);
    if (!mark) continue;
    decorations = decorations.remove(decorations.find(mark.from, mark.to, (spec: { key: string }) => spec.key === mark.key)).add(doc, [decorationOf(mark, focused)]);
  }
  return { decorations, marks: state.marks, focusedKey: next };
}

export function suggestionsPlugin(): Plugin<SuggestionsState> {
  return new Plugin<SuggestionsState>({
    key: suggestionsKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty, marks: new Map(), focusedKey: null }),
      apply(tr, state) {
        const action = tr.getMeta(suggestionsKey) as SuggestionsAction | undefined;
        if (action?.type === 'set') return setAll(action.marks, state.focusedKey, tr.doc);
        if (action?.type === 'focus') return refocus(state, action.key, tr.doc);
        return tr.docChanged ? { ...state, decorations: state.decorations.map(tr.mapping, tr.doc) } : state;
      },
    },
    props: { decorations: (state: EditorState) => visibleDecorations(state, suggestionsKey.getState(state)?.decorations) ?? DecorationSet.empty },
  });
}

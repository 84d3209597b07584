// The suggestions plugin (renderer): proposed tags of the open article, drawn (dashed outline in the kind's colour, no
// fill) only in the sections near the viewport, with the one the keys act on marked as focused.
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { isDrawableRange } from './drawable-range';
import { liveSectionsKey } from './live-sections';
import type { SuggestionKind } from '../../../src-shared/suggest/types';

/**
 * The article's suggestions as drawn, one entry per suggestion in each column, in document order (`from` never
 * decreasing): no object per suggestion, so that only those drawn (near the viewport) cost more than their entries.
 */
export interface SuggestionMarks {
  readonly keys: readonly string[];
  readonly kindOf: (i: number) => SuggestionKind;
  /** Document positions: suggestion i is `[from[i], to[i])`, not drawn unless that range is drawable. */
  readonly from: ArrayLike<number>;
  readonly to: ArrayLike<number>;
  /** The text shown when hovering suggestion i (made only when it is drawn). */
  readonly title: (i: number) => string;
}

export interface SuggestionsState {
  readonly marks: SuggestionMarks;
  readonly focusedKey: string | null;
}

export type SuggestionsAction = { type: 'set'; marks: SuggestionMarks } | { type: 'focus'; key: string | null };

export const suggestionsKey = new PluginKey<SuggestionsState>('suggestions');

const NONE: SuggestionMarks = { keys: [], kindOf: () => 'actor', from: [], to: [], title: () => '' };
const EMPTY: SuggestionsState = { marks: NONE, focusedKey: null };

function decorationOf(marks: SuggestionMarks, i: number, focused: boolean): Decoration {
  const key = marks.keys[i] as string;
  return Decoration.inline(
    marks.from[i] as number,
    marks.to[i] as number,
    {
      // Its own element, so a suggestion inside or around a tag's highlight keeps its own outline.
      nodeName: 'span',
      class: `sg sg-${marks.kindOf(i)}${focused ? ' sg-focused' : ''}`,
      'data-suggestion-key': key,
      title: marks.title(i),
    },
    { key },
  );
}

const drawable = (marks: SuggestionMarks, i: number, doc: ProseMirrorNode): boolean => i >= 0 && isDrawableRange(doc, marks.from[i] as number, marks.to[i] as number);

/** Where suggestion `key` is in the article: its index in `marks` and its positions; undefined when not drawable. */
export function suggestionRange(state: EditorState, key: string): { index: number; from: number; to: number } | undefined {
  const value = suggestionsKey.getState(state);
  const index = value ? value.marks.keys.indexOf(key) : -1;
  if (!value || !drawable(value.marks, index, state.doc)) return undefined;
  return { index, from: value.marks.from[index] as number, to: value.marks.to[index] as number };
}

function refocus(state: SuggestionsState, key: string | null, doc: ProseMirrorNode): SuggestionsState {
  const next = key !== null && drawable(state.marks, state.marks.keys.indexOf(key), doc) ? key : null;
  return next === state.focusedKey ? state : { ...state, focusedKey: next };
}

/** After a change to the text (the view keeps it as imported, so hardly ever): every position mapped, the focus kept. */
function mapped(state: SuggestionsState, mapping: Transaction['mapping']): SuggestionsState {
  const { marks } = state;
  const from = Array.from(marks.from, (pos) => mapping.map(pos, 1));
  const to = Array.from(marks.to, (pos) => mapping.map(pos, -1));
  return { ...state, marks: { ...marks, from, to } };
}

/** The index of the first suggestion whose `from` is at or after `pos`. */
function firstFrom(from: ArrayLike<number>, pos: number): number {
  let [low, high] = [0, from.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((from[middle] as number) < pos) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** What `drawnSuggestions` made for a plugin state, for the live sections it was made for. */
const made = new WeakMap<SuggestionsState, { live: ReadonlySet<number> | null; set: DecorationSet }>();

/**
 * The decorations of the suggestions that start in a live section (all of them when every section is live): only
 * those suggestions are looked at, so drawing costs what is drawn, whatever the article holds.
 */
export function drawnSuggestions(state: EditorState): DecorationSet {
  const value = suggestionsKey.getState(state);
  if (!value || value.marks.keys.length === 0) return DecorationSet.empty;
  const sections = liveSectionsKey.getState(state);
  const live = sections?.live ?? null;
  const cached = made.get(value);
  if (cached && cached.live === live) return cached.set;
  const { marks } = value;
  const ranges: [number, number][] =
    sections && live !== null ? [...live].map((i) => [sections.starts[i] ?? 0, sections.ends[i] ?? 0]) : [[0, Number.POSITIVE_INFINITY]];
  const decorations: Decoration[] = [];
  for (const [start, end] of ranges) {
    for (let i = firstFrom(marks.from, start); i < marks.keys.length && (marks.from[i] as number) < end; i++) {
      if (drawable(marks, i, state.doc)) decorations.push(decorationOf(marks, i, marks.keys[i] === value.focusedKey));
    }
  }
  const set = DecorationSet.create(state.doc, decorations);
  made.set(value, { live, set });
  return set;
}

export function suggestionsPlugin(): Plugin<SuggestionsState> {
  return new Plugin<SuggestionsState>({
    key: suggestionsKey,
    state: {
      init: () => EMPTY,
      apply(tr, state) {
        const action = tr.getMeta(suggestionsKey) as SuggestionsAction | undefined;
        if (action?.type === 'set') return refocus({ marks: action.marks, focusedKey: state.focusedKey }, state.focusedKey, tr.doc);
        if (action?.type === 'focus') return refocus(state, action.key, tr.doc);
        return tr.docChanged && state.marks.keys.length > 0 ? mapped(state, tr.mapping) : state;
      },
    },
    props: { decorations: drawnSuggestions },
  });
}

// The suggestions plugin (renderer): proposed tags of the open article, drawn (dashed outline in the kind's colour, no
// fill) only in the blocks near the viewport, with the one the keys act on marked as focused.
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { isDrawableRange } from './drawable-range';
import { liveBlocksKey, rangesOfBlocks, type LiveBlocksState } from './live-blocks';
import type { SuggestionKind } from '../../../src-shared/suggest/types';

/**
 * The article's suggestions as drawn, one entry per suggestion, in document order (`from` never decreasing): no
 * object per suggestion, and positions asked for only of those looked at (a binary search finds a block's), so
 * that only the suggestions drawn near the viewport cost more than their keys.
 */
export interface SuggestionMarks {
  readonly keys: readonly string[];
  readonly kindOf: (i: number) => SuggestionKind;
  /** Document positions: suggestion i is `[from(i), to(i))`, not drawn unless that range is drawable. */
  readonly from: (i: number) => number;
  readonly to: (i: number) => number;
  /** The text shown when hovering suggestion i (made only when it is drawn). */
  readonly title: (i: number) => string;
}

export interface SuggestionsState {
  readonly marks: SuggestionMarks;
  readonly focusedKey: string | null;
  /**
   * The decorations made so far: those of the suggestions starting in the blocks in `drawnIn`. A block that
   * becomes live adds its own to this set, so the view compares and redraws that block only.
   */
  readonly decorations: DecorationSet;
  /** The blocks whose suggestions are in `decorations`; null when all are. */
  readonly drawnIn: ReadonlySet<number> | null;
}

export type SuggestionsAction = { type: 'set'; marks: SuggestionMarks } | { type: 'focus'; key: string | null };

export const suggestionsKey = new PluginKey<SuggestionsState>('suggestions');

const NONE: SuggestionMarks = { keys: [], kindOf: () => 'actor', from: () => 0, to: () => 0, title: () => '' };
const EMPTY: SuggestionsState = { marks: NONE, focusedKey: null, decorations: DecorationSet.empty, drawnIn: null };

function decorationOf(marks: SuggestionMarks, i: number, focused: boolean): Decoration {
  const key = marks.keys[i] as string;
  return Decoration.inline(
    marks.from(i),
    marks.to(i),
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

const drawable = (marks: SuggestionMarks, i: number, doc: ProseMirrorNode): boolean => i >= 0 && isDrawableRange(doc, marks.from(i), marks.to(i));

/** Where suggestion `key` is in the article: its index in `marks` and its positions; undefined when not drawable. */
export function suggestionRange(state: EditorState, key: string): { index: number; from: number; to: number } | undefined {
  const value = suggestionsKey.getState(state);
  const index = value ? value.marks.keys.indexOf(key) : -1;
  if (!value || !drawable(value.marks, index, state.doc)) return undefined;
  return { index, from: value.marks.from(index), to: value.marks.to(index) };
}

/** The state with `key` focused (none when it is not drawable): the decorations of the two keys concerned redrawn. */
function refocus(state: SuggestionsState, key: string | null, doc: ProseMirrorNode): SuggestionsState {
  const next = key !== null && drawable(state.marks, state.marks.keys.indexOf(key), doc) ? key : null;
  if (next === state.focusedKey) return state;
  let { decorations } = state;
  for (const changed of [state.focusedKey, next]) {
    const i = changed === null ? -1 : state.marks.keys.indexOf(changed);
    if (i < 0) continue;
    // Looked for where the suggestion lies, not through the whole set; not drawn yet, it is made focused later.
    const old = decorations.find(state.marks.from(i), state.marks.to(i), (spec: { key: string }) => spec.key === changed);
    if (old.length === 0) continue;
    decorations = decorations.remove(old).add(doc, [decorationOf(state.marks, i, changed === next)]);
  }
  return { ...state, focusedKey: next, decorations };
}

/** After a change to the text (the view keeps it as imported, so hardly ever): every position mapped, the focus kept. */
function mapped(state: SuggestionsState, tr: Transaction): SuggestionsState {
  const { marks, decorations } = state;
  const { mapping } = tr;
  const [from, to] = [(i: number) => mapping.map(marks.from(i), 1), (i: number) => mapping.map(marks.to(i), -1)];
  return { ...state, marks: { ...marks, from, to }, decorations: decorations.map(mapping, tr.doc) };
}

/** The index of the first suggestion whose `from` is at or after `pos` (a binary search: O(log n) positions asked for). */
function firstFrom(marks: SuggestionMarks, pos: number): number {
  let [low, high] = [0, marks.keys.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (marks.from(middle) < pos) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The decorations of the suggestions starting in blocks `only` (every one for null), in document order. */
function decorationsIn(state: SuggestionsState, doc: ProseMirrorNode, blocks: LiveBlocksState | undefined, only: Iterable<number> | null): Decoration[] {
  const { marks } = state;
  const ranges: [number, number][] = blocks && only !== null ? rangesOfBlocks(blocks, only) : [[0, Number.POSITIVE_INFINITY]];
  const decorations: Decoration[] = [];
  for (const [start, end] of ranges) {
    for (let i = firstFrom(marks, start); i < marks.keys.length && marks.from(i) < end; i++) {
      if (drawable(marks, i, doc)) decorations.push(decorationOf(marks, i, marks.keys[i] === state.focusedKey));
    }
  }
  return decorations;
}

/** `marks` drawn afresh for the live blocks (all of them when every block is live). */
function drawAll(marks: SuggestionMarks, focusedKey: string | null, doc: ProseMirrorNode, blocks: LiveBlocksState | undefined): SuggestionsState {
  const live = blocks?.live ?? null;
  const state: SuggestionsState = { marks, focusedKey, decorations: DecorationSet.empty, drawnIn: live };
  const made = decorationsIn(state, doc, blocks, live);
  return { ...state, decorations: DecorationSet.create(doc, made) };
}

/**
 * The state with the suggestions of the blocks that became live since it was drawn added: only those suggestions
 * are looked at, so drawing costs what is drawn, whatever the article holds.
 */
function drawLive(state: SuggestionsState, doc: ProseMirrorNode, blocks: LiveBlocksState | undefined): SuggestionsState {
  const drawnIn = state.drawnIn;
  if (drawnIn === null) return state;
  const live = blocks?.live ?? null;
  const added = live === null ? Array.from(blocks?.starts ?? [], (_, i) => i).filter((i) => !drawnIn.has(i)) : [...live].filter((i) => !drawnIn.has(i));
  if (added.length === 0) return live === null ? { ...state, drawnIn: null } : state;
  const made = state.marks.keys.length === 0 ? [] : decorationsIn(state, doc, blocks, added);
  return { ...state, decorations: made.length === 0 ? state.decorations : state.decorations.add(doc, made), drawnIn: live ?? null };
}

/** The decorations the view draws: those of the suggestions that start in a live block. */
export function drawnSuggestions(state: EditorState): DecorationSet {
  return suggestionsKey.getState(state)?.decorations ?? DecorationSet.empty;
}

export function suggestionsPlugin(): Plugin<SuggestionsState> {
  return new Plugin<SuggestionsState>({
    key: suggestionsKey,
    state: {
      init: () => EMPTY,
      apply(tr, state, old, newState) {
        const action = tr.getMeta(suggestionsKey) as SuggestionsAction | undefined;
        const blocks = liveBlocksKey.getState(newState);
        let next = tr.docChanged && state.marks.keys.length > 0 ? mapped(state, tr) : state;
        if (action?.type === 'set') return refocus(drawAll(action.marks, null, newState.doc, blocks), state.focusedKey, newState.doc);
        if (blocks !== liveBlocksKey.getState(old)) next = drawLive(next, newState.doc, blocks);
        if (action?.type === 'focus') next = refocus(next, action.key, newState.doc);
        return next;
      },
    },
    props: { decorations: drawnSuggestions },
  });
}

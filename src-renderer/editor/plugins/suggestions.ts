// The suggestions plugin (renderer): proposed tags of the open article, drawn (dashed outline in the kind's colour, no
// fill) only in the sections near the viewport, with the one the keys act on marked as focused.
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { isDrawableRange } from './drawable-range';
import { liveSectionsKey } from './live-sections';
import type { SuggestionKind } from '../../../src-shared/suggest/types';

/** One suggestion as drawn: its key, kind and document positions, and the text shown when hovering it (made only
 *  when it is drawn). */
export interface SuggestionMark {
  readonly key: string;
  readonly kind: SuggestionKind;
  readonly from: number;
  readonly to: number;
  readonly title: () => string;
}

export interface SuggestionsState {
  /** Every suggestion given, in document order (by `from`); drawn only where its section is live. */
  readonly ordered: readonly SuggestionMark[];
  readonly marks: ReadonlyMap<string, SuggestionMark>;
  readonly focusedKey: string | null;
}

export type SuggestionsAction = { type: 'set'; marks: readonly SuggestionMark[] } | { type: 'focus'; key: string | null };

export const suggestionsKey = new PluginKey<SuggestionsState>('suggestions');

const EMPTY: SuggestionsState = { ordered: [], marks: new Map(), focusedKey: null };

function decorationOf(mark: SuggestionMark, focused: boolean): Decoration {
  return Decoration.inline(
    mark.from,
    mark.to,
    {
      // Its own element, so a suggestion inside or around a tag's highlight keeps its own outline.
      nodeName: 'span',
      class: `sg sg-${mark.kind}${focused ? ' sg-focused' : ''}`,
      'data-suggestion-key': mark.key,
      title: mark.title(),
    },
    { key: mark.key },
  );
}

const drawable = (mark: SuggestionMark | undefined, doc: ProseMirrorNode): mark is SuggestionMark => mark !== undefined && isDrawableRange(doc, mark.from, mark.to);

function inOrder(marks: readonly SuggestionMark[]): readonly SuggestionMark[] {
  for (let i = 1; i < marks.length; i++) if ((marks[i - 1] as SuggestionMark).from > (marks[i] as SuggestionMark).from) return [...marks].sort((a, b) => a.from - b.from);
  return marks;
}

function indexed(marks: readonly SuggestionMark[]): Pick<SuggestionsState, 'ordered' | 'marks'> {
  const ordered = inOrder(marks);
  return { ordered, marks: new Map(ordered.map((m) => [m.key, m])) };
}

function setAll(marks: readonly SuggestionMark[], focusedKey: string | null, doc: ProseMirrorNode): SuggestionsState {
  const { ordered, marks: byKey } = indexed(marks);
  return { ordered, marks: byKey, focusedKey: focusedKey !== null && drawable(byKey.get(focusedKey), doc) ? focusedKey : null };
}

function refocus(state: SuggestionsState, key: string | null, doc: ProseMirrorNode): SuggestionsState {
  const next = key !== null && drawable(state.marks.get(key), doc) ? key : null;
  return next === state.focusedKey ? state : { ...state, focusedKey: next };
}

/** After a change to the text (the view keeps it as imported, so hardly ever): every position mapped, the focus kept. */
function mapped(state: SuggestionsState, mapping: Transaction['mapping']): SuggestionsState {
  return { ...indexed(state.ordered.map((m) => ({ ...m, from: mapping.map(m.from, 1), to: mapping.map(m.to, -1) }))), focusedKey: state.focusedKey };
}

/** The index of the first mark whose `from` is at or after `pos`. */
function firstFrom(ordered: readonly SuggestionMark[], pos: number): number {
  let [low, high] = [0, ordered.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ordered[middle] as SuggestionMark).from < pos) low = middle + 1;
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
  if (!value || value.ordered.length === 0) return DecorationSet.empty;
  const sections = liveSectionsKey.getState(state);
  const live = sections?.live ?? null;
  const cached = made.get(value);
  if (cached && cached.live === live) return cached.set;
  const ranges: [number, number][] =
    sections && live !== null ? [...live].map((i) => [sections.starts[i] ?? 0, sections.ends[i] ?? 0]) : [[0, Number.POSITIVE_INFINITY]];
  const decorations: Decoration[] = [];
  for (const [start, end] of ranges) {
    for (let i = firstFrom(value.ordered, start); i < value.ordered.length; i++) {
      const mark = value.ordered[i] as SuggestionMark;
      if (mark.from >= end) break;
      if (drawable(mark, state.doc)) decorations.push(decorationOf(mark, mark.key === value.focusedKey));
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
        if (action?.type === 'set') return setAll(action.marks, state.focusedKey, tr.doc);
        if (action?.type === 'focus') return refocus(state, action.key, tr.doc);
        return tr.docChanged && state.ordered.length > 0 ? mapped(state, tr.mapping) : state;
      },
    },
    props: { decorations: drawnSuggestions },
  });
}

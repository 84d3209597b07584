// The search hits plugin (renderer): the hits of the open search as decorations in plugin state, one of them current.
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type Command, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { isDrawableRange } from './drawable-range';
import { visibleDecorations } from './live-blocks';

/** A hit as document positions. */
export interface HitRange {
  readonly from: number;
  readonly to: number;
}

export interface SearchHitsState {
  readonly decorations: DecorationSet;
  /** The drawn hits, in the order given; a hit's index is its place here. */
  readonly hits: readonly HitRange[];
  /** The index of the current hit, or null. */
  readonly current: number | null;
}

export type SearchHitsAction = { type: 'set'; hits: readonly HitRange[]; current: number | null } | { type: 'current'; index: number | null };

/** The spec of every hit decoration: `find(…, spec => spec.index === i)` finds hit i's pieces. */
interface HitDecorationSpec {
  readonly index: number;
}

export const searchHitsKey = new PluginKey<SearchHitsState>('search-hits');

/**
 * A hit's decoration: its own `<mark>` element (`nodeName`, so it never merges into a tag highlight's span and takes
 * none of its attributes), classed `search-hit` and, when current, `search-hit-current`.
 */
function hitDecoration(hit: HitRange, index: number, current: boolean): Decoration {
  const spec: HitDecorationSpec = { index };
  return Decoration.inline(hit.from, hit.to, { nodeName: 'mark', class: current ? 'search-hit search-hit-current' : 'search-hit', 'data-search-hit': String(index) }, spec);
}

function validIndex(hits: readonly HitRange[], index: number | null): number | null {
  return index !== null && index >= 0 && index < hits.length ? index : null;
}

/** Redraws hit `index` (when there is one) as current or not. */
function restyle(decorations: DecorationSet, hits: readonly HitRange[], index: number | null, current: boolean, doc: ProseMirrorNode): DecorationSet {
  const hit = index === null ? undefined : hits[index];
  if (index === null || !hit) return decorations;
  const old = decorations.find(hit.from, hit.to, (spec: HitDecorationSpec) => spec.index === index);
  return decorations.remove(old).add(doc, isDrawableRange(doc, hit.from, hit.to) ? [hitDecoration(hit, index, current)] : []);
}

/** The state after `action`; changing the current hit redraws only the two hits concerned. */
export function applySearchHitsAction(state: SearchHitsState, action: SearchHitsAction, doc: ProseMirrorNode): SearchHitsState {
  if (action.type === 'set') {
    const current = validIndex(action.hits, action.current);
    const decorations = action.hits.flatMap((hit, index) => (isDrawableRange(doc, hit.from, hit.to) ? [hitDecoration(hit, index, index === current)] : []));
    return { decorations: DecorationSet.create(doc, decorations), hits: action.hits, current };
  }
  const current = validIndex(state.hits, action.index);
  if (current === state.current) return state;
  const decorations = restyle(restyle(state.decorations, state.hits, state.current, false, doc), state.hits, current, true, doc);
  return { decorations, hits: state.hits, current };
}

/** Draws `hits` (positions), hit `current` marked as current; an empty list takes every hit away. */
export function setSearchHits(hits: readonly HitRange[], current: number | null): Command {
  return (state, dispatch) => {
    dispatch?.(state.tr.setMeta(searchHitsKey, { type: 'set', hits, current } satisfies SearchHitsAction));
    return true;
  };
}

/** Marks hit `index` as the current one; false when there is no such hit. */
export function setCurrentSearchHit(index: number | null): Command {
  return (state, dispatch) => {
    const value = searchHitsKey.getState(state);
    if (!value || (index !== null && validIndex(value.hits, index) === null)) return false;
    dispatch?.(state.tr.setMeta(searchHitsKey, { type: 'current', index } satisfies SearchHitsAction));
    return true;
  };
}

/** The search hits plugin: drawn hits live in plugin state (mapped on every change) and are only handed out here. */
export function searchHitsPlugin(): Plugin<SearchHitsState> {
  return new Plugin<SearchHitsState>({
    key: searchHitsKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty, hits: [], current: null }),
      apply(tr: Transaction, value: SearchHitsState): SearchHitsState {
        const next = tr.docChanged
          ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc), hits: value.hits.map((h) => ({ from: tr.mapping.map(h.from, 1), to: tr.mapping.map(h.to, -1) })) }
          : value;
        const action = tr.getMeta(searchHitsKey) as SearchHitsAction | undefined;
        return action ? applySearchHitsAction(next, action, tr.doc) : next;
      },
    },
    props: { decorations: (state) => visibleDecorations(state, searchHitsKey.getState(state)?.decorations) },
  });
}

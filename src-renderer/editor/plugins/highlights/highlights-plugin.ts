// The highlights plugin (renderer): tag highlights as inline decorations in plugin state, mapped on every transaction.
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { KIND_LABELS, type AnnotationKind } from '../../../../src-shared/model/annotation';
import { isDrawableRange } from '../drawable-range';
import type { HighlightsAction, HighlightSpec } from './highlight-spec';
import { liveBlocksKey, touchesLiveBlock, type LiveBlocksState } from '../live-blocks';

/**
 * The plugin's state: the drawn decorations and, by annotation id, where each highlight currently is. The
 * decorations of a highlight are made once one of its blocks is live (see live-blocks.ts): opening a long
 * article makes those of the blocks in view only, not thousands nobody sees yet.
 */
export interface HighlightsState {
  readonly decorations: DecorationSet;
  readonly annotations: ReadonlyMap<string, HighlightSpec>;
  /** The highlights whose decorations are not made yet: all their blocks are still not live. */
  readonly unbuilt: ReadonlySet<string>;
  readonly selectedId: string | null;
  /** The highlight that carries `hl-flash` right now (after "scroll to"), or null. */
  readonly flashId: string | null;
}

/** The spec stored on every highlight decoration; `find(…, spec => spec.id === id)` finds a highlight's pieces. */
export interface HighlightDecorationSpec {
  readonly id: string;
  readonly kind: AnnotationKind;
  readonly selected: boolean;
  readonly flashing: boolean;
  /** True on the decoration that draws the highlight's mark. */
  readonly marker?: boolean;
}

export const highlightsKey = new PluginKey<HighlightsState>('highlights');

/** Where the first character (code point) of a highlight ends: the mark is drawn on it. */
function firstCharacterEnd(doc: ProseMirrorNode, from: number, to: number): number {
  const text = doc.textBetween(from, Math.min(to, from + 2));
  const first = text.codePointAt(0);
  return from + (first !== undefined && first > 0xffff ? 2 : 1);
}

/**
 * The decorations of one highlight: its span and, when it has a mark, a decoration of its first character carrying
 * the mark as an attribute (`span.hl-mark[data-mark=…]`): the style sheet draws the symbol above the text with one
 * static rule per mark, taking no room in the line, so no word is split. `nodeName: 'span'` gives every decoration
 * its own element: without it ProseMirror merges the attributes of overlapping inline decorations into one span,
 * and all but one `data-annotation-id` would be lost.
 */
export function highlightDecorations(highlight: HighlightSpec, selected: boolean, flashing: boolean, doc: ProseMirrorNode): Decoration[] {
  const { id, kind, from, to, mark } = highlight;
  const className = `hl hl-${kind}${selected ? ' hl-selected' : ''}${flashing ? ' hl-flash' : ''}`;
  const spec: HighlightDecorationSpec = { id, kind, selected, flashing };
  const decorations = [
    Decoration.inline(from, to, { nodeName: 'span', class: className, 'data-annotation-id': id, 'data-kind': kind, title: highlight.title ?? KIND_LABELS[kind] }, spec),
  ];
  if (mark) {
    decorations.push(
      Decoration.inline(from, Math.min(to, firstCharacterEnd(doc, from, to)), { nodeName: 'span', class: 'hl-mark', 'data-mark': mark, 'data-mark-for': id }, { ...spec, marker: true }),
    );
  }
  return decorations;
}

/** The decorations that draw `highlight` (one per block it crosses). */
export function decorationsOf(decorations: DecorationSet, highlight: HighlightSpec): Decoration[] {
  return decorations.find(highlight.from, highlight.to, (spec: HighlightDecorationSpec) => spec.id === highlight.id);
}

function emptyState(): HighlightsState {
  return { decorations: DecorationSet.empty, annotations: new Map(), unbuilt: new Set(), selectedId: null, flashId: null };
}

/** Whether `highlight` lies in a live block (all blocks are live when `blocks` says none is pending). */
const inLiveBlock = (highlight: HighlightSpec, blocks: LiveBlocksState | undefined): boolean => touchesLiveBlock(blocks, highlight.from, highlight.to);

function setAll(state: HighlightsState, highlights: readonly HighlightSpec[], doc: ProseMirrorNode, blocks: LiveBlocksState | undefined): HighlightsState {
  const annotations = new Map<string, HighlightSpec>();
  for (const highlight of highlights) if (isDrawableRange(doc, highlight.from, highlight.to)) annotations.set(highlight.id, highlight);
  const selectedId = state.selectedId !== null && annotations.has(state.selectedId) ? state.selectedId : null;
  const flashId = state.flashId !== null && annotations.has(state.flashId) ? state.flashId : null;
  const decorations: Decoration[] = [];
  const unbuilt = new Set<string>();
  for (const h of annotations.values()) {
    if (inLiveBlock(h, blocks)) decorations.push(...highlightDecorations(h, h.id === selectedId, h.id === flashId, doc));
    else unbuilt.add(h.id);
  }
  return { decorations: DecorationSet.create(doc, decorations), annotations, unbuilt, selectedId, flashId };
}

/** Makes the decorations of the unbuilt highlights that now lie in a live block. */
function buildLive(state: HighlightsState, doc: ProseMirrorNode, blocks: LiveBlocksState | undefined): HighlightsState {
  const now = [...state.unbuilt].filter((id) => {
    const highlight = state.annotations.get(id);
    return !highlight || inLiveBlock(highlight, blocks);
  });
  if (now.length === 0) return state;
  const unbuilt = new Set(state.unbuilt);
  const made: Decoration[] = [];
  for (const id of now) {
    unbuilt.delete(id);
    const highlight = state.annotations.get(id);
    if (highlight) made.push(...highlightDecorations(highlight, id === state.selectedId, id === state.flashId, doc));
  }
  return { ...state, decorations: state.decorations.add(doc, made), unbuilt };
}

/** `state.unbuilt` without `id` (the same set when it was not there). */
function built(state: HighlightsState, id: string): ReadonlySet<string> {
  if (!state.unbuilt.has(id)) return state.unbuilt;
  const unbuilt = new Set(state.unbuilt);
  unbuilt.delete(id);
  return unbuilt;
}

/**
 * Draws `highlight` in place of whatever was drawn under its id (nothing, when the range is not drawable); outside
 * the live blocks it is only remembered, and made when one of its blocks becomes live.
 */
function replace(state: HighlightsState, highlight: HighlightSpec, doc: ProseMirrorNode, blocks: LiveBlocksState | undefined): HighlightsState {
  const old = state.annotations.get(highlight.id);
  let decorations = old && !state.unbuilt.has(highlight.id) ? state.decorations.remove(decorationsOf(state.decorations, old)) : state.decorations;
  const annotations = new Map(state.annotations);
  let { selectedId, flashId } = state;
  let unbuilt = built(state, highlight.id);
  if (isDrawableRange(doc, highlight.from, highlight.to)) {
    const id = highlight.id;
    if (inLiveBlock(highlight, blocks)) decorations = decorations.add(doc, highlightDecorations(highlight, id === selectedId, id === flashId, doc));
    else unbuilt = new Set(unbuilt).add(id);
    annotations.set(id, highlight);
  } else {
    annotations.delete(highlight.id);
    if (selectedId === highlight.id) selectedId = null;
    if (flashId === highlight.id) flashId = null;
  }
  return { decorations, annotations, unbuilt, selectedId, flashId };
}

function remove(state: HighlightsState, id: string): HighlightsState {
  const old = state.annotations.get(id);
  if (!old) return state;
  const annotations = new Map(state.annotations);
  annotations.delete(id);
  return {
    decorations: state.decorations.remove(decorationsOf(state.decorations, old)),
    annotations,
    unbuilt: built(state, id),
    selectedId: state.selectedId === id ? null : state.selectedId,
    flashId: state.flashId === id ? null : state.flashId,
  };
}

/** Redraws the highlights whose selected/flashing look changed from `before` to `after`. */
function restyle(before: HighlightsState, after: HighlightsState, doc: ProseMirrorNode): HighlightsState {
  let decorations = after.decorations;
  const changed = new Set([before.selectedId, after.selectedId, before.flashId, after.flashId]);
  for (const id of changed) {
    const highlight = id === null ? undefined : after.annotations.get(id);
    // One not made yet is made with its look when its block becomes live.
    if (!highlight || after.unbuilt.has(highlight.id)) continue;
    decorations = decorations
      .remove(decorationsOf(decorations, highlight))
      .add(doc, highlightDecorations(highlight, highlight.id === after.selectedId, highlight.id === after.flashId, doc));
  }
  return { ...after, decorations };
}

function marker(state: HighlightsState, id: string | null): string | null {
  return id !== null && state.annotations.has(id) ? id : null;
}

/** The state after `action`, touching only the decorations the action is about (all of them for `set`). */
export function applyHighlightsAction(state: HighlightsState, action: HighlightsAction, doc: ProseMirrorNode, blocks?: LiveBlocksState): HighlightsState {
  switch (action.type) {
    case 'set':
      return setAll(state, action.highlights, doc, blocks);
    case 'add':
    case 'update':
      return replace(state, action.highlight, doc, blocks);
    case 'remove':
      return remove(state, action.id);
    case 'select': {
      const selectedId = marker(state, action.id);
      return selectedId === state.selectedId ? state : restyle(state, { ...state, selectedId }, doc);
    }
    case 'flash': {
      const flashId = marker(state, action.id);
      return flashId === state.flashId ? state : restyle(state, { ...state, flashId }, doc);
    }
    case 'batch':
      return action.actions.reduce((current, next) => applyHighlightsAction(current, next, doc, blocks), state);
  }
}

/** After a document change: maps the decorations and reads every highlight's new range back from them. */
function mapThrough(state: HighlightsState, tr: Transaction): HighlightsState {
  const decorations = state.decorations.map(tr.mapping, tr.doc);
  const annotations = new Map<string, HighlightSpec>();
  for (const decoration of decorations.find()) {
    const { id, kind } = decoration.spec as HighlightDecorationSpec;
    const known = annotations.get(id);
    const from = Math.min(decoration.from, known?.from ?? Infinity);
    const to = Math.max(decoration.to, known?.to ?? -Infinity);
    const mark = known?.mark ?? state.annotations.get(id)?.mark;
    annotations.set(id, mark === undefined ? { id, kind, from, to } : { id, kind, from, to, mark });
  }
  const mapped = { ...state, decorations, annotations };
  // A highlight whose text was deleted is gone, and so is its selected or flashing mark.
  return { ...mapped, selectedId: marker(mapped, state.selectedId), flashId: marker(mapped, state.flashId) };
}

/**
 * The highlights plugin. Change its highlights with the commands in `actions.ts` (or
 * `tr.setMeta(highlightsKey, action)`); read them with `highlightsKey.getState(state)`.
 */
export function highlightsPlugin(): Plugin<HighlightsState> {
  return new Plugin<HighlightsState>({
    key: highlightsKey,
    state: {
      init: emptyState,
      apply(tr: Transaction, value: HighlightsState, old: EditorState, newState: EditorState): HighlightsState {
        // Mapping reads the highlights back from their decorations: every one is made first.
        let next = tr.docChanged ? mapThrough(buildLive(value, old.doc, undefined), tr) : value;
        const blocks = liveBlocksKey.getState(newState);
        const action = tr.getMeta(highlightsKey) as HighlightsAction | undefined;
        if (action) next = applyHighlightsAction(next, action, newState.doc, blocks);
        // Blocks that became live make their highlights (the blocks' state changes only then).
        return blocks === liveBlocksKey.getState(old) || next.unbuilt.size === 0 ? next : buildLive(next, newState.doc, blocks);
      },
    },
    props: {
      // The set lives in plugin state and is handed out as it is: it holds the live blocks' highlights only, and
      // a change to one highlight leaves the rest of its tree shared, so the view redraws that highlight's block only.
      decorations: (state) => highlightsKey.getState(state)?.decorations,
    },
  });
}

// Which blocks of the article draw their decorations: those that came near the scroller's viewport (renderer).
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { DecorationSet, type Decoration, type EditorView } from 'prosemirror-view';

/**
 * The live blocks, by index, and where every block of the doc lies. Every block holds its text from the start
 * (reading, the caret, find-in-page and the page's layout need it); only a live one also gets the highlights,
 * suggestions and search hits inside it. A block becomes live when it comes within a viewport's height of the
 * scroller's viewport, or when a command needs one of its decorations in the DOM (`showBlocks`), and stays live.
 *
 * Blocks, not sections: a section of SECTION_SIZE blocks is several screens long, and drawing a whole one when a
 * screen of it shows would make an article open drawing six times what is seen.
 */
export interface LiveBlocksState {
  /** Where block i lies: positions `[starts[i], ends[i])` of the doc, in order. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The live blocks; null when all are (no IntersectionObserver here, or a short article: DRAWN_WHOLE_BELOW). */
  readonly live: ReadonlySet<number> | null;
}

/**
 * The text the blocks live from the start hold, in characters: those at the top of the article, where it opens,
 * until they hold this much (about two screens of prose at the reading width), so that its first frame draws what
 * it shows; the blocks the viewport then comes near are drawn as they do.
 */
export const FIRST_LIVE_CHARACTERS = 4000;

/**
 * An article holding less text than this is drawn whole from the start: drawing all of it costs little, and its
 * reader never sees a highlight come as it scrolls. Longer ones draw their blocks as they come near.
 */
export const DRAWN_WHOLE_BELOW = 10 * FIRST_LIVE_CHARACTERS;

export const liveBlocksKey = new PluginKey<LiveBlocksState>('live-blocks');

type LiveBlocksAction = { readonly type: 'show'; readonly blocks: readonly number[] };

/** How many blocks are live when `doc` opens: from the first, until they hold FIRST_LIVE_CHARACTERS (at least one). */
export function blocksLiveAtOpen(doc: ProseMirrorNode): number {
  let [count, characters] = [0, 0];
  for (let s = 0; s < doc.childCount; s++) {
    const section = doc.child(s);
    for (let b = 0; b < section.childCount && characters < FIRST_LIVE_CHARACTERS; b++, count++) characters += section.child(b).content.size;
    if (characters >= FIRST_LIVE_CHARACTERS) break;
  }
  return count;
}

function initialState(doc: ProseMirrorNode, lazy: boolean): LiveBlocksState {
  let [count, characters] = [0, 0];
  doc.forEach((section) => {
    count += section.childCount;
    characters += section.content.size - 2 * section.childCount;
  });
  const [starts, ends] = [new Int32Array(count), new Int32Array(count)];
  let i = 0;
  doc.forEach((section, offset) => {
    section.forEach((block, inner) => {
      starts[i] = offset + 1 + inner;
      ends[i] = offset + 1 + inner + block.nodeSize;
      i++;
    });
  });
  const live = lazy && characters >= DRAWN_WHOLE_BELOW ? new Set(Array.from({ length: blocksLiveAtOpen(doc) }, (_, b) => b)) : null;
  return { starts, ends, live };
}

function show(state: LiveBlocksState, blocks: readonly number[]): LiveBlocksState {
  if (state.live === null) return state;
  const added = blocks.filter((i) => i >= 0 && i < state.starts.length && !state.live?.has(i));
  if (added.length === 0) return state;
  const live = new Set([...state.live, ...added]);
  return { ...state, live: live.size === state.starts.length ? null : live };
}

/** The index of the block holding position `pos` (the last one starting at or before it; 0 before the first). */
export function blockAt(state: LiveBlocksState, pos: number): number {
  let [low, high, found] = [0, state.starts.length - 1, 0];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((state.starts[middle] as number) <= pos) [found, low] = [middle, middle + 1];
    else high = middle - 1;
  }
  return found;
}

/** Whether any block that `[from, to)` touches is live (every block is when none is pending). */
export function touchesLiveBlock(state: LiveBlocksState | undefined, from: number, to: number): boolean {
  const live = state?.live;
  if (!state || !live) return true;
  const last = blockAt(state, Math.max(from, to - 1));
  for (let i = blockAt(state, from); i <= last; i++) if (live.has(i)) return true;
  return false;
}

/** The doc ranges the blocks `blocks` cover, in order, neighbours joined into one range. */
export function rangesOfBlocks(state: LiveBlocksState, blocks: Iterable<number>): [number, number][] {
  const sorted = [...blocks].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  let previous = -2;
  for (const i of sorted) {
    const [start, end] = [state.starts[i] as number, state.ends[i] as number];
    const last = ranges[ranges.length - 1];
    if (last && i === previous + 1) last[1] = end;
    else ranges.push([start, end]);
    previous = i;
  }
  return ranges;
}

/** What `visibleDecorations` made of a set, for the live blocks it was made for. */
const windows = new WeakMap<DecorationSet, { live: ReadonlySet<number>; set: DecorationSet }>();

/**
 * The part of `set` that lies in live blocks — `set` itself when every block is live. The part is made again only
 * when the set or the live blocks change; ProseMirror then redraws only the blocks whose decorations differ.
 */
export function visibleDecorations(state: EditorState, set: DecorationSet | undefined): DecorationSet | undefined {
  const blocks = liveBlocksKey.getState(state);
  if (!set || !blocks || blocks.live === null || set === DecorationSet.empty) return set;
  const cached = windows.get(set);
  if (cached?.live === blocks.live) return cached.set;
  const kept: Decoration[] = [];
  for (const [from, to] of rangesOfBlocks(blocks, blocks.live)) kept.push(...set.find(from, to));
  const part = DecorationSet.create(state.doc, kept);
  windows.set(set, { live: blocks.live, set: part });
  return part;
}

/** The nearest ancestor of `element` that scrolls, or null (the viewport). */
function scrollerOf(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

/**
 * The blocks on screen now, first to last (none when the browser cannot tell, as without layout): where the text at
 * the top and at the bottom of the scroller's viewport lies, asked of ProseMirror.
 */
function blocksOnScreen(view: EditorView, root: HTMLElement | null, state: LiveBlocksState): number[] {
  const { ownerDocument } = view.dom;
  if (typeof ownerDocument.elementFromPoint !== 'function') return [];
  const article = view.dom.getBoundingClientRect();
  const screen = root ? root.getBoundingClientRect() : { top: 0, bottom: ownerDocument.defaultView?.innerHeight ?? 0 };
  const [top, bottom] = [Math.max(screen.top, article.top) + 1, Math.min(screen.bottom, article.bottom) - 1];
  if (bottom <= top) return [];
  const left = article.left + Math.min(16, article.width / 2);
  const [first, last] = [view.posAtCoords({ left, top }), view.posAtCoords({ left, top: bottom })];
  if (!first || !last) return [];
  const [from, to] = [blockAt(state, first.pos), blockAt(state, last.pos)];
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** Makes the blocks holding positions `positions` live at once (before a command looks for their decorations). */
export function showBlocks(view: EditorView, positions: readonly number[]): void {
  const state = liveBlocksKey.getState(view.state);
  if (!state || state.live === null) return;
  const blocks = positions.map((pos) => blockAt(state, pos));
  if (blocks.every((i) => state.live?.has(i))) return;
  view.dispatch(view.state.tr.setMeta(liveBlocksKey, { type: 'show', blocks } satisfies LiveBlocksAction));
}

/**
 * Watches the article from its first frame on, in two steps, so that the browser never follows thousands of
 * elements: an IntersectionObserver on the sections (the children of the view's DOM) tells which are within a
 * viewport's height of the scroller's viewport; a second one follows the blocks of those sections only, and makes
 * those within that distance live (a block, once live, is no longer followed).
 */
function watchBlocks(view: EditorView): { destroy(): void } {
  let sectionsObserver: IntersectionObserver | null = null;
  let blocksObserver: IntersectionObserver | null = null;
  const live = () => liveBlocksKey.getState(view.state);
  const frame = requestAnimationFrame(() => {
    const state = live();
    if (!state || state.live === null) return;
    const options: IntersectionObserverInit = { root: scrollerOf(view.dom as HTMLElement), rootMargin: '100% 0px' };
    const blockOf = new Map<Element, number>();
    const stop = () => {
      sectionsObserver?.disconnect();
      blocksObserver?.disconnect();
    };
    blocksObserver = new IntersectionObserver((entries) => {
      const shown: number[] = [];
      for (const entry of entries) {
        const block = blockOf.get(entry.target);
        if (!entry.isIntersecting || block === undefined) continue;
        shown.push(block);
        blocksObserver?.unobserve(entry.target);
        blockOf.delete(entry.target);
      }
      if (shown.length > 0) view.dispatch(view.state.tr.setMeta(liveBlocksKey, { type: 'show', blocks: shown } satisfies LiveBlocksAction));
      if (live()?.live === null) stop();
    }, options);
    /** Follows the blocks of `section` that are not live (or none, with `on` false); true when none of it is live. */
    const follow = (section: Element, on: boolean): boolean => {
      const current = live();
      let dark = true;
      for (const element of section.children) {
        if (!on) {
          blocksObserver?.unobserve(element);
          blockOf.delete(element);
          continue;
        }
        const block = current ? blockAt(current, view.posAtDOM(element, 0)) : -1;
        if (current?.live?.has(block) !== false) dark = false;
        if (block < 0 || blockOf.has(element) || current?.live?.has(block) !== false) continue;
        blockOf.set(element, block);
        blocksObserver?.observe(element);
      }
      return on && dark;
    };
    sectionsObserver = new IntersectionObserver((entries) => {
      let jumped = false;
      for (const entry of entries) if (follow(entry.target, entry.isIntersecting)) jumped = true;
      // A section none of whose blocks is live came near. After a jump to a part not seen yet, the blocks on screen
      // are drawn now, not after the frame in which the blocks' observer first looks at them; after a scroll, those
      // on screen are live already and nothing is drawn.
      const current = live();
      const onScreen = jumped && current ? blocksOnScreen(view, options.root as HTMLElement | null, current) : [];
      if (onScreen.some((block) => current?.live?.has(block) === false)) {
        view.dispatch(view.state.tr.setMeta(liveBlocksKey, { type: 'show', blocks: onScreen } satisfies LiveBlocksAction));
      }
    }, options);
    for (const section of view.dom.children) sectionsObserver.observe(section);
  });
  return {
    destroy() {
      cancelAnimationFrame(frame);
      sectionsObserver?.disconnect();
      blocksObserver?.disconnect();
    },
  };
}

/**
 * The live-blocks plugin. Highlights and suggestions make their decorations as blocks become live; search hits,
 * made all at once, hand out `visibleDecorations(state, theirSet)`. Without an IntersectionObserver (tests without
 * layout) every block is live.
 */
export function liveBlocksPlugin(): Plugin<LiveBlocksState> {
  const lazy = typeof IntersectionObserver === 'function' && typeof requestAnimationFrame === 'function';
  return new Plugin<LiveBlocksState>({
    key: liveBlocksKey,
    state: {
      init: (config) => initialState(config.doc as ProseMirrorNode, lazy),
      apply(tr, value) {
        const action = tr.getMeta(liveBlocksKey) as LiveBlocksAction | undefined;
        return action?.type === 'show' ? show(value, action.blocks) : value;
      },
    },
    view: (view) => (lazy ? watchBlocks(view) : { destroy() {} }),
  });
}

// Which sections of the article draw their decorations: those that came near the scroller's viewport (renderer).
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { DecorationSet, type Decoration, type EditorView } from 'prosemirror-view';

/**
 * The live sections, by index, and where every section of the doc lies. Every section holds its text from the
 * start (reading, the caret, find-in-page and the page's layout need it); only a live one also gets the highlights,
 * suggestions and search hits inside it. A section becomes live when it comes within a viewport's height of the
 * scroller's viewport, or when a command needs one of its decorations in the DOM (`showSections`), and stays live.
 */
export interface LiveSectionsState {
  /** Where section i lies: positions `[starts[i], ends[i])` of the doc. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** The live sections; null when all are (no IntersectionObserver here, or an article of one section). */
  readonly live: ReadonlySet<number> | null;
}

/**
 * Sections live from the start: the top of the article, where it opens. One: a section holds SECTION_SIZE blocks,
 * more than a screen, and the next one becomes live as it comes within a viewport's height (an article opens
 * drawing the highlights and suggestions of this one only).
 */
export const FIRST_LIVE_SECTIONS = 1;

export const liveSectionsKey = new PluginKey<LiveSectionsState>('live-sections');

type LiveSectionsAction = { readonly type: 'show'; readonly sections: readonly number[] };

function initialState(doc: ProseMirrorNode, lazy: boolean): LiveSectionsState {
  const starts: number[] = [];
  const ends: number[] = [];
  doc.forEach((section, offset) => {
    starts.push(offset);
    ends.push(offset + section.nodeSize);
  });
  const live = lazy && starts.length > FIRST_LIVE_SECTIONS ? new Set(Array.from({ length: FIRST_LIVE_SECTIONS }, (_, i) => i)) : null;
  return { starts, ends, live };
}

function show(state: LiveSectionsState, sections: readonly number[]): LiveSectionsState {
  if (state.live === null) return state;
  const added = sections.filter((i) => i >= 0 && i < state.starts.length && !state.live?.has(i));
  if (added.length === 0) return state;
  const live = new Set([...state.live, ...added]);
  return { ...state, live: live.size === state.starts.length ? null : live };
}

/** The index of the section holding position `pos` (the last one whose start is at or before it). */
export function sectionAt(state: LiveSectionsState, pos: number): number {
  let [low, high, found] = [0, state.starts.length - 1, 0];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((state.starts[middle] as number) <= pos) [found, low] = [middle, middle + 1];
    else high = middle - 1;
  }
  return found;
}

/** What `visibleDecorations` made of a set, for the live sections it was made for. */
const windows = new WeakMap<DecorationSet, { live: ReadonlySet<number>; set: DecorationSet }>();

/**
 * The part of `set` that lies in live sections — `set` itself when every section is live. The part is made again
 * only when the set or the live sections change; ProseMirror then redraws only the sections whose decorations differ.
 */
export function visibleDecorations(state: EditorState, set: DecorationSet | undefined): DecorationSet | undefined {
  const sections = liveSectionsKey.getState(state);
  if (!set || !sections || sections.live === null || set === DecorationSet.empty) return set;
  const cached = windows.get(set);
  if (cached?.live === sections.live) return cached.set;
  const kept: Decoration[] = [];
  for (const i of sections.live) kept.push(...set.find(sections.starts[i], sections.ends[i]));
  const part = DecorationSet.create(state.doc, kept);
  windows.set(set, { live: sections.live, set: part });
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

/** Makes the sections holding positions `positions` live at once (before a command looks for their decorations). */
export function showSections(view: EditorView, positions: readonly number[]): void {
  const state = liveSectionsKey.getState(view.state);
  if (!state || state.live === null) return;
  const sections = positions.map((pos) => sectionAt(state, pos));
  if (sections.every((i) => state.live?.has(i))) return;
  view.dispatch(view.state.tr.setMeta(liveSectionsKey, { type: 'show', sections } satisfies LiveSectionsAction));
}

/**
 * Watches the article's sections (the children of the view's DOM) with an IntersectionObserver on its scroller,
 * from the first frame on, and makes those within a viewport's height of it live.
 */
function watchSections(view: EditorView): { destroy(): void } {
  let observer: IntersectionObserver | null = null;
  const frame = requestAnimationFrame(() => {
    if (liveSectionsKey.getState(view.state)?.live === null) return;
    const sections = [...view.dom.children];
    observer = new IntersectionObserver(
      (entries) => {
        const shown = entries.filter((entry) => entry.isIntersecting).map((entry) => sections.indexOf(entry.target));
        if (shown.length > 0) view.dispatch(view.state.tr.setMeta(liveSectionsKey, { type: 'show', sections: shown } satisfies LiveSectionsAction));
        if (liveSectionsKey.getState(view.state)?.live === null) observer?.disconnect();
      },
      { root: scrollerOf(view.dom as HTMLElement), rootMargin: '100% 0px' },
    );
    for (const section of sections) observer.observe(section);
  });
  return {
    destroy() {
      cancelAnimationFrame(frame);
      observer?.disconnect();
    },
  };
}

/**
 * The live-sections plugin. Highlights and suggestions make their decorations as sections become live; search hits,
 * made all at once, hand out `visibleDecorations(state, theirSet)`. Without an
 * IntersectionObserver (tests without layout) every section is live.
 */
export function liveSectionsPlugin(): Plugin<LiveSectionsState> {
  const lazy = typeof IntersectionObserver === 'function' && typeof requestAnimationFrame === 'function';
  return new Plugin<LiveSectionsState>({
    key: liveSectionsKey,
    state: {
      init: (config) => initialState(config.doc as ProseMirrorNode, lazy),
      apply(tr, value) {
        const action = tr.getMeta(liveSectionsKey) as LiveSectionsAction | undefined;
        return action?.type === 'show' ? show(value, action.sections) : value;
      },
    },
    view: (view) => (lazy ? watchSections(view) : { destroy() {} }),
  });
}

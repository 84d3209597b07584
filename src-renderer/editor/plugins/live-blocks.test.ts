// @vitest-environment jsdom
// The article view's live blocks: every block holds its text, only blocks near the viewport (or asked for) draw their decorations.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationSchema, defaultAttributes, type Annotation } from '../../../src-shared/model/annotation';
import type { Block } from '../../../src-shared/model/document';
import { articleSchema, SECTION_SIZE } from '../../../src-shared/editor/schema';
import { docFromArticle, type OffsetMap } from '../../../src-shared/editor/text-mapping';
import { textTargetFor } from '../../../src-shared/text/quote';
import { SuggestionKindSchema } from '../../../src-shared/suggest/types';
import { ArticleView } from '../article-view';
import type { EditorView } from 'prosemirror-view';
import { highlightsKey } from './highlights/highlights-plugin';
import { blocksLiveAtOpen, DRAWN_WHOLE_BELOW, FIRST_LIVE_CHARACTERS } from './live-blocks';

const PARAGRAPHS = SECTION_SIZE * 3 + 8; // four sections, the last one short
// Paragraphs of about 400 characters, as in prose: the blocks live at open are a handful, not a section.
const TEXT = Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i} says the talks went well, ${'and more was said about them '.repeat(13)}until the end.`).join('\n\n');
const BLOCKS: Block[] = [];
for (let i = 0, at = 0; i < PARAGRAPHS; i++) {
  const end = TEXT.indexOf('.', at) + 1;
  BLOCKS.push({ type: 'paragraph', start: at, end });
  at = end + 2;
}
/** Four sections of short paragraphs: less text than DRAWN_WHOLE_BELOW. */
const SHORT_TEXT = Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i} says the talks went well.`).join('\n\n');
const SHORT_BLOCKS: Block[] = [];
for (let i = 0, at = 0; i < PARAGRAPHS; i++) {
  const end = SHORT_TEXT.indexOf('.', at) + 1;
  SHORT_BLOCKS.push({ type: 'paragraph', start: at, end });
  at = end + 2;
}
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const TAGS: Annotation[] = BLOCKS.map((block, i) =>
  AnnotationSchema.parse({
    id: id(i),
    documentId: '00000000-0000-4000-8000-0000000000aa',
    kind: 'claim',
    target: textTargetFor(TEXT, block.start, block.start + 'Paragraph'.length),
    attributes: defaultAttributes('claim'),
    note: '',
    analystId: '00000000-0000-4000-8000-0000000000bb',
    createdAt: '2026-01-20T10:00:00.000Z',
    updatedAt: '2026-01-20T10:00:00.000Z',
    deletedAt: null,
  }),
);

/** The IntersectionObservers made, to call back as the browser would. */
interface ObserverRecord {
  callback: IntersectionObserverCallback;
  targets: Set<Element>;
}
let observers: ObserverRecord[] = [];
let frames: FrameRequestCallback[] = [];
let mount: HTMLElement;
let view: ArticleView;

/** How many blocks are live at open: those holding the first FIRST_LIVE_CHARACTERS of text. */
const FIRST = blocksLiveAtOpen(docFromArticle(articleSchema, TEXT, BLOCKS).doc);
const firstBlocks = Array.from({ length: FIRST }, (_, i) => i);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const sectionElements = () => [...mount.querySelectorAll('.pm-section')];
const blockElements = () => [...mount.querySelectorAll('.pm-section > p')];
/** The indices of the blocks that hold at least one element matching `selector` (a highlight by default). */
const drawnBlocks = (selector = '.hl') => blockElements().flatMap((block, i) => (block.querySelector(selector) ? [i] : []));
/** The observer that follows the sections, and the one that follows blocks of the sections near the viewport. */
const sectionsObserver = () => observers.find((o) => [...o.targets].some((t) => t.classList.contains('pm-section')));
const blocksObserver = () => observers.find((o) => o !== sectionsObserver());
/**
 * Sections `sections` come within a viewport's height of it (or leave, with `near` false), then the blocks `blocks`
 * among those followed (by default all those followed): as the browser would report them.
 */
function scrollNear(sections: number[], blocks?: number[], near = true) {
  const [outer, inner] = [sectionsObserver(), blocksObserver()];
  if (!outer || !inner) throw new Error('no observers');
  const elements = sectionElements();
  outer.callback(sections.map((i) => ({ target: elements[i], isIntersecting: near }) as unknown as IntersectionObserverEntry), {} as IntersectionObserver);
  if (!near) return;
  const all = blockElements();
  const targets = blocks ? blocks.map((i) => all[i] as Element).filter((t) => inner.targets.has(t)) : [...inner.targets];
  inner.callback(targets.map((target) => ({ target, isIntersecting: true }) as unknown as IntersectionObserverEntry), {} as IntersectionObserver);
}

beforeEach(() => {
  observers = [];
  frames = [];
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      readonly record: ObserverRecord;
      constructor(callback: IntersectionObserverCallback) {
        this.record = { callback, targets: new Set() };
        observers.push(this.record);
      }
      observe(target: Element) {
        this.record.targets.add(target);
      }
      unobserve(target: Element) {
        this.record.targets.delete(target);
      }
      disconnect() {
        this.record.targets.clear();
      }
    },
  );
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', () => {});
  mount = document.createElement('div');
  document.body.append(mount);
  view = new ArticleView(mount, { text: TEXT, blocks: BLOCKS }, TAGS, { onSelectionChange: vi.fn(), onHighlightClick: vi.fn(), onHighlightHover: vi.fn() });
  for (const frame of frames.splice(0)) frame(0);
});

afterEach(() => {
  view.destroy();
  mount.remove();
  vi.unstubAllGlobals();
});

describe('live blocks', () => {
  it('holds the whole text from the start, and the highlights of the first blocks only: about two screens of text', () => {
    expect(sectionElements()).toHaveLength(4);
    expect(blockElements().map((p) => p.textContent)).toEqual(BLOCKS.map((b) => TEXT.slice(b.start, b.end)));
    // Those holding the first FIRST_LIVE_CHARACTERS: a handful of these paragraphs, far fewer than a section.
    const lengths = BLOCKS.map((b) => b.end - b.start);
    expect(lengths.slice(0, FIRST - 1).reduce((a, b) => a + b, 0)).toBeLessThan(FIRST_LIVE_CHARACTERS);
    expect(lengths.slice(0, FIRST).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(FIRST_LIVE_CHARACTERS);
    expect(FIRST).toBeLessThan(SECTION_SIZE / 4);
    expect(TEXT.length).toBeGreaterThanOrEqual(DRAWN_WHOLE_BELOW);
    expect(drawnBlocks()).toEqual(firstBlocks);
    // The sections are followed; no block is until its section comes near the viewport.
    expect(sectionsObserver()?.targets).toEqual(new Set(sectionElements()));
    expect(blocksObserver()?.targets.size).toBe(0);
  });

  it('follows the blocks of the sections near the viewport only, each until it is live, and draws those that come near', () => {
    scrollNear([0, 1], []);
    const blocks = blockElements();
    // The blocks not live yet of the two sections near, and no other.
    expect(blocksObserver()?.targets).toEqual(new Set(blocks.slice(FIRST, 2 * SECTION_SIZE)));
    scrollNear([], [SECTION_SIZE - 1, SECTION_SIZE]);
    expect(drawnBlocks()).toEqual([...firstBlocks, SECTION_SIZE - 1, SECTION_SIZE]);
    expect(blocksObserver()?.targets.has(blocks[SECTION_SIZE] as Element)).toBe(false);
    // A section that leaves is no longer followed; it is again when it comes back (its live blocks are not).
    scrollNear([0], undefined, false);
    expect(blocksObserver()?.targets).toEqual(new Set(blocks.slice(SECTION_SIZE + 1, 2 * SECTION_SIZE)));
    scrollNear([0], []);
    expect(blocksObserver()?.targets).toEqual(new Set([...blocks.slice(FIRST, SECTION_SIZE - 1), ...blocks.slice(SECTION_SIZE + 1, 2 * SECTION_SIZE)]));
  });

  it('draws a block’s highlights once it comes near the viewport, and keeps them', () => {
    const inLast = SECTION_SIZE * 3 + 2;
    scrollNear([3], [inLast, inLast + 1]);
    expect(drawnBlocks()).toEqual([...firstBlocks, inLast, inLast + 1]);
    scrollNear([3], undefined, false);
    expect(drawnBlocks()).toEqual([...firstBlocks, inLast, inLast + 1]);
    scrollNear([1, 2]);
    expect(drawnBlocks()).toEqual([...firstBlocks, ...range(SECTION_SIZE, 3 * SECTION_SIZE), inLast, inLast + 1]);
    view.addAnnotation(AnnotationSchema.parse({ ...TAGS[0], id: id(9999) }));
    expect(mount.querySelectorAll(`[data-annotation-id="${id(9999)}"]`)).toHaveLength(1);
  });

  it('draws every block once all have come near, and then follows nothing', () => {
    scrollNear([0, 1, 2, 3]);
    expect(drawnBlocks()).toEqual(range(0, PARAGRAPHS));
    expect(blocksObserver()?.targets.size).toBe(0);
    expect(sectionsObserver()).toBeUndefined(); // disconnected: it follows no section any more
  });

  it('draws the block of a tag scrolled to and of a search hit shown, so that they can be found in the DOM', () => {
    const inThird = SECTION_SIZE * 2 + 5;
    view.scrollToAnnotation(id(inThird), false);
    expect(drawnBlocks()).toEqual([...firstBlocks, inThird]);
    const last = BLOCKS[PARAGRAPHS - 1]!;
    view.setSearchHits([{ start: last.start, end: last.start + 9 }], null);
    expect(mount.querySelector('mark[data-search-hit]')).toBeNull();
    view.showSearchHit(0);
    expect(mount.querySelector('mark[data-search-hit="0"]')?.textContent).toBe('Paragraph');
    expect(drawnBlocks('mark[data-search-hit]')).toEqual([PARAGRAPHS - 1]);
  });

  it('draws suggestions of the live blocks only, asking their hover text only for those drawn (once), and the block of one focused', () => {
    const suggestions = BLOCKS.map((b, i) => ({ key: `s${i}`, start: b.start + 'Paragraph '.length, end: b.start + 'Paragraph '.length + String(i).length }));
    const figure = SuggestionKindSchema.options.indexOf('figure');
    const columns = { keys: suggestions.map((s) => s.key), kinds: suggestions.map(() => figure), starts: suggestions.map((s) => s.start), ends: suggestions.map((s) => s.end) };
    const asked: string[] = [];
    view.setSuggestions(columns, (i) => {
      asked.push(`s${i}`);
      return `Suggested figure s${i}`;
    });
    expect(drawnBlocks('.sg')).toEqual(firstBlocks);
    expect(new Set(asked)).toEqual(new Set(suggestions.slice(0, FIRST).map((s) => s.key)));
    const askedBefore = asked.length;
    const inLast = SECTION_SIZE * 3;
    scrollNear([3], [inLast, inLast + 1, inLast + 2]);
    expect(drawnBlocks('.sg')).toEqual([...firstBlocks, inLast, inLast + 1, inLast + 2]);
    // Only the blocks that came into view were drawn: the others' suggestions were not made again.
    expect(asked.slice(askedBefore)).toEqual([`s${inLast}`, `s${inLast + 1}`, `s${inLast + 2}`]);
    expect(mount.querySelector(`[data-suggestion-key="s${inLast}"]`)?.getAttribute('title')).toBe(`Suggested figure s${inLast}`);
    view.focusSuggestion(`s${SECTION_SIZE * 2}`);
    expect(drawnBlocks('.sg')).toEqual([...firstBlocks, SECTION_SIZE * 2, inLast, inLast + 1, inLast + 2]);
    expect(mount.querySelector('.sg-focused')?.getAttribute('data-suggestion-key')).toBe(`s${SECTION_SIZE * 2}`);
  });

  it('opens with the suggestions it is given drawn in its first state, and draws the same ones given again as they are', () => {
    view.destroy();
    const figure = SuggestionKindSchema.options.indexOf('figure');
    const starts = BLOCKS.map((b) => b.start + 'Paragraph '.length);
    const columns = { keys: BLOCKS.map((_, i) => `s${i}`), kinds: BLOCKS.map(() => figure), starts, ends: starts.map((start, i) => start + String(i).length) };
    const asked: number[] = [];
    const titleOf = (i: number) => {
      asked.push(i);
      return `Suggested figure s${i}`;
    };
    // Every offset map is of one class: its placing of ranges is counted.
    const placing = vi.spyOn(Object.getPrototypeOf(docFromArticle(articleSchema, TEXT, BLOCKS).map) as OffsetMap, 'toPosRange');
    view = new ArticleView(mount, { text: TEXT, blocks: BLOCKS }, [], { onSelectionChange: vi.fn(), onHighlightClick: vi.fn(), onHighlightHover: vi.fn() }, { suggestions: { spans: columns, titleOf } });
    // Those drawn, and the few a binary search looks at to find where the first blocks end: not all of them.
    expect(placing.mock.calls.length).toBeLessThanOrEqual(FIRST + 2 * Math.ceil(Math.log2(PARAGRAPHS)) + 2);
    placing.mockRestore();
    expect(drawnBlocks('.sg')).toEqual(firstBlocks);
    expect(mount.querySelector('[data-suggestion-key="s0"]')?.textContent).toBe('0');
    expect(asked).toEqual(firstBlocks);
    // Given again (the workbench hands a view made again for its document the suggestions it was made with): nothing is made anew.
    const first = mount.querySelector('[data-suggestion-key="s0"]');
    view.setSuggestions(columns, titleOf);
    expect(asked).toHaveLength(FIRST);
    expect(mount.querySelector('[data-suggestion-key="s0"]')).toBe(first);
    // Others (a new answer, even with the same content) are drawn in their place.
    view.setSuggestions({ ...columns }, titleOf);
    expect(asked).toHaveLength(2 * FIRST);
  });

  it('makes the decorations of the live blocks’ tags only, and a tag selected meanwhile once, with its look, when its block comes into view', () => {
    const highlights = () => highlightsKey.getState((view as unknown as { view: EditorView }).view.state);
    const made = () => new Set(highlights()?.decorations.find().map((d) => (d.spec as { id: string }).id));
    expect(made()).toEqual(new Set(TAGS.slice(0, FIRST).map((t) => t.id)));
    expect(highlights()?.annotations.size).toBe(TAGS.length);
    // The view gets the plugin's set itself, not a copy made for the live blocks at every change.
    const state = (view as unknown as { view: EditorView }).view.state;
    const installed = highlightsKey.get(state);
    expect(installed?.props.decorations?.call(installed, state)).toBe(highlights()?.decorations);
    const far = SECTION_SIZE * 3 + 2;
    view.select(id(far));
    expect(made().has(id(far))).toBe(false);
    scrollNear([3], [far]);
    const drawn = mount.querySelectorAll(`.hl[data-annotation-id="${id(far)}"]`);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]?.className).toContain('hl-selected');
    scrollNear([0, 1, 2, 3]);
    expect(made()).toEqual(new Set(TAGS.map((t) => t.id)));
    expect(highlights()?.decorations.find().filter((d) => !(d.spec as { marker?: boolean }).marker)).toHaveLength(TAGS.length);
  });

  it('keeps tags outside the live blocks: they are drawn when their block comes into view', () => {
    const inLast = SECTION_SIZE * 3;
    view.removeAnnotation(id(inLast));
    view.updateAnnotation({ ...TAGS[inLast + 1]!, kind: 'actor', attributes: defaultAttributes('actor') } as Annotation);
    scrollNear([3]);
    expect(mount.querySelector(`[data-annotation-id="${id(inLast)}"]`)).toBeNull();
    expect(mount.querySelector(`[data-annotation-id="${id(inLast + 1)}"]`)?.className).toContain('hl-actor');
  });

  it('draws a tag that crosses into a live block, though it begins in one that is not', () => {
    const [before, after] = [BLOCKS[FIRST]!, BLOCKS[FIRST + 1]!];
    view.destroy();
    const across = AnnotationSchema.parse({ ...TAGS[0], id: id(5000), target: textTargetFor(TEXT, before.start + 4, after.end - 3) });
    view = new ArticleView(mount, { text: TEXT, blocks: BLOCKS }, [across], { onSelectionChange: vi.fn(), onHighlightClick: vi.fn(), onHighlightHover: vi.fn() });
    observers = [];
    for (const frame of frames.splice(0)) frame(0);
    expect(drawnBlocks()).toEqual([]);
    scrollNear([0], [FIRST + 1]);
    expect(drawnBlocks()).toEqual([FIRST, FIRST + 1]);
  });

  it('draws a short article whole from the start, however many sections it has, and follows nothing', () => {
    for (const [blocks, text] of [
      // A section of these paragraphs, and four sections of short ones.
      [BLOCKS.slice(0, SECTION_SIZE), TEXT],
      [SHORT_BLOCKS, SHORT_TEXT],
    ] as const) {
      view.destroy();
      const upTo = text.slice(0, blocks[blocks.length - 1]!.end);
      expect(upTo.length).toBeLessThan(DRAWN_WHOLE_BELOW);
      const tags = blocks.map((block, i) => AnnotationSchema.parse({ ...TAGS[0], id: id(i), target: textTargetFor(upTo, block.start, block.start + 'Paragraph'.length) }));
      view = new ArticleView(mount, { text: upTo, blocks }, tags, { onSelectionChange: vi.fn(), onHighlightClick: vi.fn(), onHighlightHover: vi.fn() });
      observers = [];
      for (const frame of frames.splice(0)) frame(0);
      expect(drawnBlocks()).toEqual(range(0, blocks.length));
      expect(observers).toHaveLength(0);
    }
  });
});

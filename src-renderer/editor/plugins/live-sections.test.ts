// @vitest-environment jsdom
// The article view's lazy sections: every section holds its text, only sections near the viewport (or asked for) draw their decorations.
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
import { FIRST_LIVE_SECTIONS } from './live-sections';

const PARAGRAPHS = SECTION_SIZE * 3 + 8; // four sections, the last one short
const TEXT = Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i} says the talks went well.`).join('\n\n');
const BLOCKS: Block[] = [];
for (let i = 0, at = 0; i < PARAGRAPHS; i++) {
  const end = TEXT.indexOf('.', at) + 1;
  BLOCKS.push({ type: 'paragraph', start: at, end });
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
let observers: { callback: IntersectionObserverCallback; targets: Element[] }[] = [];
let frames: FrameRequestCallback[] = [];
let mount: HTMLElement;
let view: ArticleView;

/** The sections live from the start. */
const FIRST = Array.from({ length: FIRST_LIVE_SECTIONS }, (_, i) => i);
const sectionElements = () => [...mount.querySelectorAll('.pm-section')];
/** The indices of the sections that hold at least one highlight span. */
const drawnSections = () => sectionElements().flatMap((section, i) => (section.querySelector('.hl') ? [i] : []));
function intersect(indices: number[]) {
  const observer = observers[0];
  if (!observer) throw new Error('no observer');
  const entries = indices.map((i) => ({ target: observer.targets[i], isIntersecting: true }) as unknown as IntersectionObserverEntry);
  observer.callback(entries, {} as IntersectionObserver);
}

beforeEach(() => {
  observers = [];
  frames = [];
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      readonly record: { callback: IntersectionObserverCallback; targets: Element[] };
      constructor(callback: IntersectionObserverCallback) {
        this.record = { callback, targets: [] };
        observers.push(this.record);
      }
      observe(target: Element) {
        this.record.targets.push(target);
      }
      disconnect() {}
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

describe('lazy sections', () => {
  it('holds the whole text from the start, and the highlights of the first sections only', () => {
    expect(sectionElements()).toHaveLength(4);
    expect([...mount.querySelectorAll('p')].map((p) => p.textContent)).toEqual(BLOCKS.map((b) => TEXT.slice(b.start, b.end)));
    expect(drawnSections()).toEqual(FIRST);
    expect(observers[0]?.targets).toEqual(sectionElements());
  });

  it('draws a section’s highlights once it comes near the viewport, and keeps them', () => {
    intersect([3]);
    expect(drawnSections()).toEqual([...FIRST, 3]);
    expect(mount.querySelectorAll('.pm-section')[3]?.querySelectorAll('.hl')).toHaveLength(8);
    intersect([1, 2]);
    expect(drawnSections()).toEqual([0, 1, 2, 3]);
    view.addAnnotation(AnnotationSchema.parse({ ...TAGS[0], id: id(9999) }));
    expect(mount.querySelectorAll(`[data-annotation-id="${id(9999)}"]`)).toHaveLength(1);
  });

  it('draws the section of a tag scrolled to and of a search hit shown, so that they can be found in the DOM', () => {
    const inThird = SECTION_SIZE * 2 + 5;
    view.scrollToAnnotation(id(inThird), false);
    expect(drawnSections()).toEqual([...FIRST, 2]);
    const last = BLOCKS[PARAGRAPHS - 1]!;
    view.setSearchHits([{ start: last.start, end: last.start + 9 }], null);
    expect(mount.querySelector('mark[data-search-hit]')).toBeNull();
    view.showSearchHit(0);
    expect(mount.querySelector('mark[data-search-hit="0"]')?.textContent).toBe('Paragraph');
  });

  it('draws suggestions of the live sections only, asking their hover text only for those drawn (once), and the section of one focused', () => {
    const suggestions = BLOCKS.map((b, i) => ({ key: `s${i}`, start: b.start + 'Paragraph '.length, end: b.start + 'Paragraph '.length + String(i).length }));
    const figure = SuggestionKindSchema.options.indexOf('figure');
    const columns = { keys: suggestions.map((s) => s.key), kinds: suggestions.map(() => figure), starts: suggestions.map((s) => s.start), ends: suggestions.map((s) => s.end) };
    const asked: string[] = [];
    view.setSuggestions(columns, (i) => {
      asked.push(`s${i}`);
      return `Suggested figure s${i}`;
    });
    const suggestedSections = () => sectionElements().flatMap((section, i) => (section.querySelector('.sg') ? [i] : []));
    expect(suggestedSections()).toEqual(FIRST);
    expect(new Set(asked)).toEqual(new Set(suggestions.slice(0, SECTION_SIZE * FIRST_LIVE_SECTIONS).map((s) => s.key)));
    const askedBefore = asked.length;
    intersect([3]);
    expect(suggestedSections()).toEqual([...FIRST, 3]);
    // Only the section that came into view was drawn: the others' suggestions were not made again.
    expect(asked.slice(askedBefore)).toEqual(suggestions.slice(SECTION_SIZE * 3).map((s) => s.key));
    expect(mount.querySelector('[data-suggestion-key="s' + (SECTION_SIZE * 3) + '"]')?.getAttribute('title')).toBe(`Suggested figure s${SECTION_SIZE * 3}`);
    view.focusSuggestion(`s${SECTION_SIZE * 2}`);
    expect(suggestedSections()).toEqual([...FIRST, 2, 3]);
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
    // Those drawn, and the few a binary search looks at to find where the first section's end: not all of them.
    expect(placing.mock.calls.length).toBeLessThanOrEqual(SECTION_SIZE * FIRST_LIVE_SECTIONS + 2 * Math.ceil(Math.log2(PARAGRAPHS)) + 2);
    placing.mockRestore();
    const suggestedSections = () => sectionElements().flatMap((section, i) => (section.querySelector('.sg') ? [i] : []));
    expect(suggestedSections()).toEqual(FIRST);
    expect(mount.querySelector('[data-suggestion-key="s0"]')?.textContent).toBe('0');
    expect(asked).toEqual(Array.from({ length: SECTION_SIZE * FIRST_LIVE_SECTIONS }, (_, i) => i));
    // Given again (the workbench hands a view made again for its document the suggestions it was made with): nothing is made anew.
    const first = mount.querySelector('[data-suggestion-key="s0"]');
    view.setSuggestions(columns, titleOf);
    expect(asked).toHaveLength(SECTION_SIZE * FIRST_LIVE_SECTIONS);
    expect(mount.querySelector('[data-suggestion-key="s0"]')).toBe(first);
    // Others (a new answer, even with the same content) are drawn in their place.
    view.setSuggestions({ ...columns }, titleOf);
    expect(asked).toHaveLength(2 * SECTION_SIZE * FIRST_LIVE_SECTIONS);
  });

  it('makes the decorations of the live sections’ tags only, and a tag selected meanwhile once, with its look, when its section comes into view', () => {
    const highlights = () => highlightsKey.getState((view as unknown as { view: EditorView }).view.state);
    const made = () => new Set(highlights()?.decorations.find().map((d) => (d.spec as { id: string }).id));
    expect(made()).toEqual(new Set(TAGS.slice(0, SECTION_SIZE * FIRST_LIVE_SECTIONS).map((t) => t.id)));
    expect(highlights()?.annotations.size).toBe(TAGS.length);
    // The view gets the plugin's set itself, not a copy made for the live sections at every change.
    const state = (view as unknown as { view: EditorView }).view.state;
    const installed = highlightsKey.get(state);
    expect(installed?.props.decorations?.call(installed, state)).toBe(highlights()?.decorations);
    const far = id(SECTION_SIZE * 3 + 2);
    view.select(far);
    expect(made().has(far)).toBe(false);
    intersect([3]);
    const drawn = mount.querySelectorAll(`.hl[data-annotation-id="${far}"]`);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]?.className).toContain('hl-selected');
    intersect([1, 2]);
    expect(made()).toEqual(new Set(TAGS.map((t) => t.id)));
    expect(highlights()?.decorations.find().filter((d) => !(d.spec as { marker?: boolean }).marker)).toHaveLength(TAGS.length);
  });

  it('keeps tags outside the live sections: they are drawn when their section comes into view', () => {
    view.removeAnnotation(id(SECTION_SIZE * 3));
    view.updateAnnotation({ ...TAGS[SECTION_SIZE * 3 + 1]!, kind: 'actor', attributes: defaultAttributes('actor') } as Annotation);
    intersect([3]);
    expect(mount.querySelector(`[data-annotation-id="${id(SECTION_SIZE * 3)}"]`)).toBeNull();
    expect(mount.querySelector(`[data-annotation-id="${id(SECTION_SIZE * 3 + 1)}"]`)?.className).toContain('hl-actor');
  });
});

// @vitest-environment jsdom
// The article view in a DOM without layout: nested highlight spans, tag changes, selection snapping, keyboard selection, read-only caret.
import type { EditorView } from 'prosemirror-view';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { AnnotationSchema, defaultAttributes, type Annotation, type AnnotationKind } from '../../src-shared/model/annotation';
import type { Block } from '../../src-shared/model/document';
import { textTargetFor } from '../../src-shared/text/quote';
import { ArticleView, FLASH_DURATION_MS, type ArticleViewCallbacks } from './article-view';

const TEXT = 'Talks in Miami\n\nRustem Umerov said the talks went well, and drones struck Kyiv.\n- More than 200 drones struck.';
const PARAGRAPH_START = TEXT.indexOf('Rustem');
const PARAGRAPH_END = TEXT.indexOf('Kyiv.') + 'Kyiv.'.length;
const ITEM_START = TEXT.indexOf('More');
const BLOCKS: Block[] = [
  { type: 'heading', start: 0, end: 14, level: 1 },
  { type: 'paragraph', start: PARAGRAPH_START, end: PARAGRAPH_END },
  { type: 'list_item', start: ITEM_START, end: TEXT.length },
];

const ID = {
  warning: '00000000-0000-4000-8000-000000000001',
  claim: '00000000-0000-4000-8000-000000000002',
  actor: '00000000-0000-4000-8000-000000000003',
  wholeDocument: '00000000-0000-4000-8000-000000000004',
  deleted: '00000000-0000-4000-8000-000000000005',
  figure: '00000000-0000-4000-8000-000000000006',
};

function annotation(id: string, kind: AnnotationKind, quote: string | null, deleted = false): Annotation {
  const start = quote === null ? -1 : TEXT.indexOf(quote);
  return AnnotationSchema.parse({
    id,
    documentId: '00000000-0000-4000-8000-0000000000aa',
    kind,
    target: quote === null ? null : textTargetFor(TEXT, start, start + quote.length),
    attributes: defaultAttributes(kind),
    note: '',
    analystId: '00000000-0000-4000-8000-0000000000bb',
    createdAt: '2026-01-20T10:00:00.000Z',
    updatedAt: '2026-01-20T10:00:00.000Z',
    deletedAt: deleted ? '2026-01-20T11:00:00.000Z' : null,
  });
}

const ANNOTATIONS = [
  annotation(ID.warning, 'reliability_warning', 'Rustem Umerov said the talks went well, and drones struck Kyiv'),
  annotation(ID.claim, 'claim', 'Rustem Umerov said the talks went well'),
  annotation(ID.actor, 'actor', 'Rustem Umerov'),
  annotation(ID.wholeDocument, 'reliability_warning', null),
  annotation(ID.deleted, 'figure', '200', true),
];

let mount: HTMLElement;
let view: ArticleView;
let callbacks: { [K in keyof ArticleViewCallbacks]-?: Mock<NonNullable<ArticleViewCallbacks[K]>> };

function spans(id?: string): HTMLElement[] {
  const all = [...mount.querySelectorAll<HTMLElement>('[data-annotation-id]')];
  return id === undefined ? all : all.filter((el) => el.dataset.annotationId === id);
}

function textNodeContaining(fragment: string): Text {
  const walker = document.createTreeWalker(mount, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue?.includes(fragment)) return node as Text;
  }
  throw new Error(`No text node holds "${fragment}".`);
}

function idsAround(node: Node): string[] {
  const ids: string[] = [];
  for (let el = node.parentElement; el && el !== mount; el = el.parentElement) {
    if (el.dataset.annotationId) ids.push(el.dataset.annotationId);
  }
  return ids;
}

/** Puts the document selection on `fragment` (or collapses it at its start) inside one text node. */
function selectInText(fragment: string, collapsed = false): void {
  const node = textNodeContaining(fragment);
  const offset = (node.nodeValue ?? '').indexOf(fragment);
  document.getSelection()?.setBaseAndExtent(node, offset, node, collapsed ? offset : offset + fragment.length);
}

function pm(): HTMLElement {
  return mount.querySelector('.ProseMirror') as HTMLElement;
}

function mouseSelect(fragment: string, altKey = false): void {
  // Outside any layout box, so ProseMirror's own mousedown handling finds no position and stays out of the way.
  pm().dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0, clientX: -100, clientY: -100, altKey }));
  selectInText(fragment);
  document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, clientX: -100, clientY: -100, altKey }));
  vi.runAllTimers();
}

function key(init: KeyboardEventInit & { key: string }, type: 'keydown' | 'keyup' = 'keydown'): void {
  pm().dispatchEvent(new KeyboardEvent(type, { bubbles: true, cancelable: true, ...init }));
}

function lastSelection(): { start: number; end: number } | null {
  const call = callbacks.onSelectionChange.mock.calls.at(-1);
  const range = call?.[0] as { start: number; end: number } | null | undefined;
  return range ? { start: range.start, end: range.end } : null;
}

beforeEach(() => {
  vi.useFakeTimers();
  // jsdom has no layout: ProseMirror's hit testing needs elementFromPoint to exist.
  if (!document.elementFromPoint) document.elementFromPoint = () => null;
  mount = document.createElement('div');
  document.body.append(mount);
  callbacks = {
    onSelectionChange: vi.fn<ArticleViewCallbacks['onSelectionChange']>(),
    onHighlightClick: vi.fn<ArticleViewCallbacks['onHighlightClick']>(),
    onHighlightHover: vi.fn<ArticleViewCallbacks['onHighlightHover']>(),
    describe: vi.fn<NonNullable<ArticleViewCallbacks['describe']>>((a) => (a.kind === 'actor' ? '→ Rustem Umerov' : '')),
  };
  view = new ArticleView(mount, { text: TEXT, blocks: BLOCKS }, ANNOTATIONS, callbacks);
});

afterEach(() => {
  view.destroy();
  mount.remove();
  vi.useRealTimers();
});

describe('ArticleView drawing', () => {
  it('draws each marked tag’s mark on its first character, adding no text, and replaces the marks with the tags', () => {
    const unmarked = pm().textContent;
    view.setAnnotations(ANNOTATIONS, new Map([[ID.actor, 'only_a'], [ID.figure, 'agreed']]));
    const marks = [...mount.querySelectorAll<HTMLElement>('.hl-mark')];
    expect(marks.map((m) => [m.dataset.markFor, m.dataset.mark, m.textContent])).toEqual([[ID.actor, 'only_a', 'R']]);
    // The article's text is unchanged: the mark is an attribute of the text, not an element inserted into it.
    expect(pm().textContent).toBe(unmarked);
    const actor = spans(ID.actor).filter((el) => el.classList.contains('hl'));
    expect(actor.map((el) => el.textContent).join('')).toBe('Rustem Umerov');
    // Pointing at the mark is pointing at its tag first (then at the tags around it).
    marks[0]?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(callbacks.onHighlightHover.mock.lastCall?.[0][0]).toBe(ID.actor);
    view.setAnnotations(ANNOTATIONS, new Map([[ID.claim, 'overlap']]));
    expect([...mount.querySelectorAll<HTMLElement>('.hl-mark')].map((m) => [m.dataset.markFor, m.dataset.mark])).toEqual([[ID.claim, 'overlap']]);
  });

  it('renders the blocks as semantic elements in a labelled text box', () => {
    const root = pm();
    expect(root.getAttribute('aria-label')).toBe('Article text');
    expect(root.classList.contains('article')).toBe(true);
    expect(root.querySelector('h1')?.textContent).toBe('Talks in Miami');
    expect(root.querySelector('p')?.textContent).toBe(TEXT.slice(PARAGRAPH_START, PARAGRAPH_END));
    expect(root.querySelector('.pm-list-item')?.textContent).toBe('More than 200 drones struck.');
  });

  it('says on hover what a tag is about, not only its kind', () => {
    expect(spans(ID.actor)[0]?.title).toBe('Actor: → Rustem Umerov');
    expect(spans(ID.claim)[0]?.title).toBe('Claim');
  });

  it('nests one span per overlapping tag, each with its id, kind and title', () => {
    const warning = spans(ID.warning);
    const claim = spans(ID.claim);
    const actor = spans(ID.actor);
    expect(warning.length).toBeGreaterThan(0);
    expect(warning.every((el) => el.classList.contains('hl') && el.classList.contains('hl-reliability_warning'))).toBe(true);
    expect(claim.every((el) => el.classList.contains('hl-claim') && el.dataset.kind === 'claim')).toBe(true);
    expect(actor.every((el) => el.classList.contains('hl-actor'))).toBe(true);
    expect(actor[0]?.title).toBe('Actor: → Rustem Umerov');
    expect(claim[0]?.title).toBe('Claim');
    expect(warning[0]?.title).toBe('Reliability warning');
    // "Rustem Umerov" sits inside all three spans, nested.
    expect(idsAround(textNodeContaining('Rustem')).sort()).toEqual([ID.actor, ID.claim, ID.warning].sort());
    expect(idsAround(textNodeContaining(' said')).sort()).toEqual([ID.claim, ID.warning].sort());
    const covered = (id: string) => spans(id).map((el) => el.textContent).join('');
    expect(covered(ID.actor)).toBe('Rustem Umerov');
    expect(covered(ID.warning)).toBe('Rustem Umerov said the talks went well, and drones struck Kyiv');
  });

  it('draws neither whole-document warnings nor deleted tags', () => {
    expect(spans(ID.wholeDocument)).toHaveLength(0);
    expect(spans(ID.deleted)).toHaveLength(0);
    expect(new Set(spans().map((el) => el.dataset.annotationId))).toEqual(new Set([ID.warning, ID.claim, ID.actor]));
  });

  it('removes one tag and leaves the others', () => {
    view.removeAnnotation(ID.claim);
    expect(spans(ID.claim)).toHaveLength(0);
    expect(spans(ID.actor).map((el) => el.textContent).join('')).toBe('Rustem Umerov');
    expect(spans(ID.warning).length).toBeGreaterThan(0);
    expect(idsAround(textNodeContaining('Rustem')).sort()).toEqual([ID.actor, ID.warning].sort());
  });

  it('adds, updates and replaces tags', () => {
    view.addAnnotation(annotation(ID.figure, 'figure', '200 drones'));
    expect(spans(ID.figure).map((el) => el.textContent).join('')).toBe('200 drones');
    expect(spans(ID.figure)[0]?.classList.contains('hl-figure')).toBe(true);
    view.updateAnnotation(annotation(ID.actor, 'actor', 'Kyiv'));
    expect(spans(ID.actor).map((el) => el.textContent).join('')).toBe('Kyiv');
    view.updateAnnotation(annotation(ID.claim, 'claim', null));
    expect(spans(ID.claim)).toHaveLength(0);
    view.setAnnotations([annotation(ID.figure, 'figure', 'Miami')]);
    expect(new Set(spans().map((el) => el.dataset.annotationId))).toEqual(new Set([ID.figure]));
  });

  it('marks the selected tag and clears the mark for an undrawn id', () => {
    view.select(ID.actor);
    const selected = () => [...new Set([...mount.querySelectorAll<HTMLElement>('.hl-selected')].map((el) => el.dataset.annotationId))];
    expect(selected()).toEqual([ID.actor]);
    view.select(ID.claim);
    expect(selected()).toEqual([ID.claim]);
    view.select(ID.wholeDocument);
    expect(selected()).toEqual([]);
  });

  it('flashes a tag scrolled to for the flash duration', () => {
    view.scrollToAnnotation(ID.claim);
    expect(spans(ID.claim).every((el) => el.classList.contains('hl-flash'))).toBe(true);
    expect(spans(ID.actor).some((el) => el.classList.contains('hl-flash'))).toBe(false);
    vi.advanceTimersByTime(FLASH_DURATION_MS);
    expect(mount.querySelectorAll('.hl-flash')).toHaveLength(0);
    view.scrollToAnnotation(ID.claim, false);
    expect(mount.querySelectorAll('.hl-flash')).toHaveLength(0);
  });
});

describe('ArticleView pointer', () => {
  it('reports hovered tags innermost first, and [] on leaving', () => {
    const rustem = textNodeContaining('Rustem').parentElement as HTMLElement;
    rustem.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    rustem.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(callbacks.onHighlightHover).toHaveBeenCalledTimes(1);
    expect(callbacks.onHighlightHover.mock.calls[0]?.[0]).toEqual(idsAround(textNodeContaining('Rustem')));
    pm().dispatchEvent(new MouseEvent('mouseleave'));
    expect(callbacks.onHighlightHover).toHaveBeenLastCalledWith([]);
  });

  it('picks the shortest tag under a click, then walks outward on repeated clicks', () => {
    const editor = (view as unknown as { view: EditorView }).view;
    const target = textNodeContaining('Rustem').parentElement as HTMLElement;
    const click = () => {
      const event = new MouseEvent('click');
      Object.defineProperty(event, 'target', { value: target });
      editor.someProp('handleClick', (f) => f(editor, 20, event));
      const id = callbacks.onHighlightClick.mock.calls.at(-1)?.[0] as string;
      view.select(id); // what the app does with the click
      return id;
    };
    expect([click(), click(), click(), click()]).toEqual([ID.actor, ID.claim, ID.warning, ID.actor]);
  });

  it('snaps a mouse selection to whole words and shows the snapped range', () => {
    mouseSelect('id the ta');
    const expected = { start: TEXT.indexOf('said'), end: TEXT.indexOf('talks') + 'talks'.length };
    expect(lastSelection()).toEqual(expected);
    expect(view.currentRange()).toEqual(expected);
    expect(document.getSelection()?.toString()).toBe('said the talks');
    const reported = callbacks.onSelectionChange.mock.calls.at(-1)?.[0] as { rect: unknown };
    expect(reported.rect).toBeDefined();
  });

  it('keeps a selection made with Alt held exactly as it is', () => {
    mouseSelect('id the ta', true);
    const start = TEXT.indexOf('id the ta');
    expect(lastSelection()).toEqual({ start, end: start + 'id the ta'.length });
    expect(view.currentRange()).toEqual({ start, end: start + 'id the ta'.length });
  });

  it('reports null when a click collapses the selection', () => {
    mouseSelect('talks');
    expect(lastSelection()).not.toBeNull();
    pm().dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0, clientX: -100, clientY: -100 }));
    selectInText('went', true);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
    vi.runAllTimers();
    expect(view.currentRange()).toBeNull();
    expect(callbacks.onSelectionChange).toHaveBeenLastCalledWith(null);
  });

  it('draws a passage being saved as pending and collapses the selection, unless told the analyst selected another', () => {
    mouseSelect('talks went');
    const first = view.drawPending('claim', { start: TEXT.indexOf('talks'), end: TEXT.indexOf('went') + 'went'.length });
    expect(spans(first ?? '')).toHaveLength(1);
    expect(document.getSelection()?.toString()).toBe('');
    mouseSelect('drones struck');
    const second = view.drawPending('actor', { start: TEXT.indexOf('Rustem'), end: TEXT.indexOf('Umerov') + 'Umerov'.length }, { collapseSelection: false });
    expect(spans(second ?? '')).toHaveLength(1);
    expect(document.getSelection()?.toString()).toBe('drones struck');
    expect(view.currentRange()).toEqual({ start: TEXT.indexOf('drones struck'), end: TEXT.indexOf('drones struck') + 'drones struck'.length });
  });

  it('clears the selection on request', () => {
    mouseSelect('talks');
    view.clearSelection();
    expect(view.currentRange()).toBeNull();
    expect(document.getSelection()?.toString()).toBe('');
  });
});

describe('ArticleView caret and keyboard selection', () => {
  const internals = () => (view as unknown as { view: EditorView }).view;

  it('is a read-only text box with a caret: contenteditable, marked read-only, no spell checking', () => {
    expect(pm().getAttribute('contenteditable')).toBe('true');
    expect(pm().getAttribute('role')).toBe('textbox');
    expect(pm().getAttribute('aria-readonly')).toBe('true');
    expect(pm().getAttribute('spellcheck')).toBe('false');
  });

  it('drops every transaction that would change the text, and cancels typing, pasting and cutting', () => {
    const editor = internals();
    const before = editor.state.doc;
    editor.dispatch(editor.state.tr.insertText('typed ', 5));
    expect(editor.state.doc).toBe(before);
    expect(pm().textContent).toContain('Talks in Miami');
    for (const event of [new InputEvent('beforeinput', { inputType: 'insertText', data: 'x', bubbles: true, cancelable: true }), new Event('cut', { bubbles: true, cancelable: true })]) {
      pm().dispatchEvent(event);
      expect(event.defaultPrevented).toBe(true);
    }
    expect(editor.someProp('handleTextInput', (f) => f(editor, 3, 3, 'x', () => editor.state.tr))).toBe(true);
  });

  it('reports a selection made with the keyboard when Shift is released, snapped to words', () => {
    const node = textNodeContaining('said the');
    const at = node.data.indexOf('said the');
    document.getSelection()?.setBaseAndExtent(node, at, node, at + 'said th'.length);
    key({ key: 'ArrowRight', shiftKey: true }, 'keyup');
    expect(callbacks.onSelectionChange).not.toHaveBeenCalled();
    key({ key: 'Shift' }, 'keyup');
    const start = TEXT.indexOf('said');
    expect(lastSelection()).toEqual({ start, end: start + 'said the'.length });
  });

  it('keeps a selection the page made but has not reported yet when a tag is drawn meanwhile', () => {
    // The browser tells ProseMirror of a new selection by a later 'selectionchange' event (jsdom sends none): a
    // saved tag drawn in between must not put the previous selection back.
    view.placeCaret(TEXT.indexOf('Miami'));
    selectInText('drones struck');
    view.addAnnotation(annotation('00000000-0000-4000-8000-000000000009', 'figure', 'More than 200'));
    expect(document.getSelection()?.toString()).toBe('drones struck');
    expect(view.currentRange()).toEqual({ start: TEXT.indexOf('drones struck'), end: TEXT.indexOf('drones struck') + 'drones struck'.length });
  });

  it('places the caret after a tag and focuses the article', () => {
    const end = TEXT.indexOf('Umerov') + 'Umerov'.length;
    view.placeCaret(end);
    const { selection } = internals().state;
    expect(selection.empty).toBe(true);
    expect(selection.head).toBe(internals().state.doc.resolve(selection.head).pos);
    expect(view.currentRange()).toBeNull();
    expect(document.activeElement).toBe(pm());
  });

  it('leaves plain keys to the page', () => {
    const event = new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true });
    pm().dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('ArticleView search hits', () => {
  const hitsOf = (word: string) => [...TEXT.matchAll(new RegExp(word, 'g'))].map((m) => ({ start: m.index, end: m.index + word.length }));

  it('draws the hits as marks apart from the tag highlights, none once they are taken away', () => {
    view.setSearchHits(hitsOf('drones'), null);
    const marks = [...mount.querySelectorAll('mark.search-hit')];
    expect(marks.map((m) => m.textContent)).toEqual(['drones', 'drones']);
    expect(marks.every((m) => !m.hasAttribute('data-annotation-id'))).toBe(true);
    expect(spans(ID.actor).map((s) => s.textContent).join('')).toBe('Rustem Umerov');
    view.setSearchHits([], null);
    expect(mount.querySelectorAll('mark.search-hit')).toHaveLength(0);
  });

  it('showing a hit marks it current, selects its text and reports it as the selection, so the number keys tag it', () => {
    view.setSearchHits(hitsOf('drones'), null);
    view.showSearchHit(1, { focus: true });
    expect(mount.querySelector('mark.search-hit-current')?.getAttribute('data-search-hit')).toBe('1');
    const second = TEXT.lastIndexOf('drones');
    expect(callbacks.onSelectionChange).toHaveBeenLastCalledWith(expect.objectContaining({ start: second, end: second + 'drones'.length }));
    expect(view.currentRange()).toEqual({ start: second, end: second + 'drones'.length });
  });

  it('ignores a hit that is not drawn', () => {
    view.setSearchHits(hitsOf('drones'), null);
    view.showSearchHit(5);
    expect(mount.querySelector('mark.search-hit-current')).toBeNull();
    expect(callbacks.onSelectionChange).not.toHaveBeenCalled();
  });
});

describe('ArticleView lifecycle', () => {
  it('takes its DOM away on destroy and reports nothing afterwards', () => {
    const other = document.createElement('div');
    document.body.append(other);
    const second = new ArticleView(other, { text: TEXT, blocks: BLOCKS }, [], callbacks);
    second.destroy();
    expect(other.childElementCount).toBe(0);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    vi.runAllTimers();
    other.remove();
  });

  it('copes with an article without text', () => {
    const other = document.createElement('div');
    const empty = new ArticleView(other, { text: '', blocks: [] }, [], callbacks);
    expect(other.querySelector('p')).not.toBeNull();
    expect(empty.currentRange()).toBeNull();
    empty.destroy();
  });
});

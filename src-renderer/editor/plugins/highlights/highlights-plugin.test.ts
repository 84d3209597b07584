// Headless tests of the highlights plugin: EditorState only, no DOM.
import { EditorState, type Command, type Transaction } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../../../src-shared/editor/schema';
import {
  addHighlight,
  flashHighlight,
  removeHighlight,
  selectHighlight,
  setHighlights,
  updateHighlight,
} from './actions';
import type { HighlightSpec } from './highlight-spec';
import { highlightsKey, highlightsPlugin, type HighlightDecorationSpec, type HighlightsState } from './highlights-plugin';

const PARAGRAPH_TEXT = 'The Miami talks did not announce any agreement.'; // 47 characters

/** A doc of `count` paragraphs; paragraph i's text starts at position i * (47 + 2) + 1. */
function stateWithParagraphs(count: number): EditorState {
  const paragraphs = Array.from({ length: count }, () => articleSchema.nodes.paragraph.create(null, articleSchema.text(PARAGRAPH_TEXT)));
  return EditorState.create({ doc: articleSchema.topNodeType.create(null, [articleSchema.nodes.section.create(null, paragraphs)]), plugins: [highlightsPlugin()] });
}

function paragraphStart(i: number): number {
  return i * (PARAGRAPH_TEXT.length + 2) + 2; // after the section's and the paragraph's opening tokens
}

function run(state: EditorState, command: Command): EditorState {
  let next = state;
  const ok = command(state, (tr: Transaction) => {
    next = state.apply(tr);
  });
  expect(ok).toBe(true);
  return next;
}

function plugin(state: EditorState): HighlightsState {
  const value = highlightsKey.getState(state);
  if (!value) throw new Error('The highlights plugin is not installed.');
  return value;
}

function decorationsFor(state: EditorState, id: string): Decoration[] {
  return plugin(state).decorations.find(undefined, undefined, (spec: HighlightDecorationSpec) => spec.id === id);
}

function specOf(decoration: Decoration): HighlightDecorationSpec {
  return decoration.spec as HighlightDecorationSpec;
}

const kinds = ['claim', 'actor', 'figure', 'reliability_warning'] as const;

function manyHighlights(count: number): HighlightSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `a${i}`,
    kind: kinds[i % kinds.length] as HighlightSpec['kind'],
    from: paragraphStart(i) + 4,
    to: paragraphStart(i) + 9,
  }));
}

describe('highlights plugin', () => {
  const base = stateWithParagraphs(5000);
  const loaded = run(base, setHighlights(manyHighlights(5000)));

  it('draws 5,000 highlights on a 5,000-paragraph doc with one set action', () => {
    const all = plugin(loaded).decorations.find();
    expect(all).toHaveLength(5000);
    expect(plugin(loaded).annotations.size).toBe(5000);
    const last = decorationsFor(loaded, 'a4999');
    expect(last.map((d) => [d.from, d.to])).toEqual([[paragraphStart(4999) + 4, paragraphStart(4999) + 9]]);
    expect(loaded.doc.textBetween(last[0]?.from ?? 0, last[0]?.to ?? 0)).toBe('Miami');
  });

  it('hands the stored set to the view unchanged', () => {
    const installed = highlightsKey.get(loaded);
    const fromProp = installed?.props.decorations?.call(installed, loaded);
    expect(fromProp).toBe(plugin(loaded).decorations);
  });

  it('adds one highlight and leaves the others untouched', () => {
    const before = plugin(loaded).decorations.find();
    const added = run(loaded, addHighlight({ id: 'new', kind: 'figure', from: paragraphStart(10) + 1, to: paragraphStart(10) + 20 }));
    const after = plugin(added).decorations.find();
    expect(after).toHaveLength(5001);
    expect(decorationsFor(added, 'new')).toHaveLength(1);
    // Untouched decorations keep their very spec objects: nothing was rebuilt.
    const specsBefore = new Set(before.map((d) => d.spec));
    expect(after.filter((d) => !specsBefore.has(d.spec)).map((d) => specOf(d).id)).toEqual(['new']);
  });

  it('removes only the highlight asked for', () => {
    const removed = run(loaded, removeHighlight('a42'));
    expect(plugin(removed).decorations.find()).toHaveLength(4999);
    expect(decorationsFor(removed, 'a42')).toHaveLength(0);
    expect(decorationsFor(removed, 'a41')).toHaveLength(1);
    expect(decorationsFor(removed, 'a43')).toHaveLength(1);
    expect(plugin(removed).annotations.has('a42')).toBe(false);
  });

  it('updates the range and kind of one highlight', () => {
    const updated = run(loaded, updateHighlight({ id: 'a7', kind: 'actor', from: paragraphStart(7) + 10, to: paragraphStart(8) + 5 }));
    const pieces = decorationsFor(updated, 'a7');
    // It now crosses into the next paragraph (the view splits it per block when drawing).
    expect(pieces.map((d) => [d.from, d.to])).toEqual([[paragraphStart(7) + 10, paragraphStart(8) + 5]]);
    expect(pieces.every((d) => specOf(d).kind === 'actor')).toBe(true);
    expect(plugin(updated).annotations.get('a7')).toEqual({ id: 'a7', kind: 'actor', from: paragraphStart(7) + 10, to: paragraphStart(8) + 5 });
    expect(plugin(updated).decorations.find()).toHaveLength(5000);
    expect(plugin(run(updated, removeHighlight('a7'))).decorations.find()).toHaveLength(4999);
  });

  it('selects one highlight at a time', () => {
    const first = run(loaded, selectHighlight('a3'));
    expect(plugin(first).selectedId).toBe('a3');
    expect(decorationsFor(first, 'a3').map((d) => specOf(d).selected)).toEqual([true]);
    const second = run(first, selectHighlight('a4'));
    expect(decorationsFor(second, 'a3').map((d) => specOf(d).selected)).toEqual([false]);
    expect(decorationsFor(second, 'a4').map((d) => specOf(d).selected)).toEqual([true]);
    expect(plugin(second).decorations.find(undefined, undefined, (s: HighlightDecorationSpec) => s.selected)).toHaveLength(1);
    const none = run(second, selectHighlight(null));
    expect(plugin(none).selectedId).toBeNull();
    expect(plugin(none).decorations.find(undefined, undefined, (s: HighlightDecorationSpec) => s.selected)).toHaveLength(0);
    expect(plugin(none).decorations.find()).toHaveLength(5000);
  });

  it('keeps the selection through an update and drops it on removal', () => {
    const selected = run(loaded, selectHighlight('a5'));
    const updated = run(selected, updateHighlight({ id: 'a5', kind: 'claim', from: paragraphStart(5), to: paragraphStart(5) + 3 }));
    expect(decorationsFor(updated, 'a5').map((d) => specOf(d).selected)).toEqual([true]);
    const removed = run(updated, removeHighlight('a5'));
    expect(plugin(removed).selectedId).toBeNull();
  });

  it('flashes a highlight and ends the flash', () => {
    const flashing = run(loaded, flashHighlight('a9'));
    expect(decorationsFor(flashing, 'a9').map((d) => specOf(d).flashing)).toEqual([true]);
    const done = run(flashing, flashHighlight(null));
    expect(decorationsFor(done, 'a9').map((d) => specOf(d).flashing)).toEqual([false]);
  });

  it('draws overlapping highlights each with its own decoration', () => {
    const start = paragraphStart(0);
    const state = run(
      stateWithParagraphs(3),
      setHighlights([
        { id: 'warning', kind: 'reliability_warning', from: start, to: start + 40 },
        { id: 'claim', kind: 'claim', from: start + 4, to: start + 30 },
        { id: 'actor', kind: 'actor', from: start + 4, to: start + 9 },
      ]),
    );
    const atMiami = plugin(state).decorations.find(start + 6, start + 6);
    expect(atMiami.map((d) => specOf(d).id).sort()).toEqual(['actor', 'claim', 'warning']);
    const withoutClaim = run(state, removeHighlight('claim'));
    expect(plugin(withoutClaim).decorations.find(start + 6, start + 6).map((d) => specOf(d).id).sort()).toEqual(['actor', 'warning']);
  });

  it('maps highlights through document changes', () => {
    const start = paragraphStart(1);
    const state = run(
      stateWithParagraphs(3),
      setHighlights([
        { id: 'kept', kind: 'claim', from: start + 4, to: start + 9 },
        { id: 'deleted', kind: 'actor', from: paragraphStart(2) + 4, to: paragraphStart(2) + 9 },
      ]),
    );
    const selected = run(state, selectHighlight('deleted'));
    const inserted = selected.apply(selected.tr.insertText('Breaking: ', start));
    expect(plugin(inserted).annotations.get('kept')).toEqual({ id: 'kept', kind: 'claim', from: start + 14, to: start + 19 });
    expect(inserted.doc.textBetween(start + 14, start + 19)).toBe('Miami');
    const deleteFrom = paragraphStart(2) + 10 + 2;
    const deleted = inserted.apply(inserted.tr.delete(deleteFrom, deleteFrom + 30));
    expect(plugin(deleted).annotations.has('deleted')).toBe(false);
    expect(plugin(deleted).selectedId).toBeNull();
    expect(decorationsFor(deleted, 'kept')).toHaveLength(1);
  });

  it('answers "can this apply?" without dispatching', () => {
    expect(removeHighlight('nope')(loaded)).toBe(false);
    expect(updateHighlight({ id: 'nope', kind: 'claim', from: 1, to: 3 })(loaded)).toBe(false);
    expect(selectHighlight('nope')(loaded)).toBe(false);
    expect(selectHighlight(null)(loaded)).toBe(true);
    expect(addHighlight({ id: 'x', kind: 'claim', from: 5, to: 5 })(loaded)).toBe(false);
    expect(addHighlight({ id: 'x', kind: 'claim', from: 5, to: loaded.doc.content.size + 1 })(loaded)).toBe(false);
    expect(addHighlight({ id: 'x', kind: 'claim', from: 5, to: 9 })(loaded)).toBe(true);
    expect(removeHighlight('a1')(loaded)).toBe(true);
    const withoutPlugin = EditorState.create({ doc: base.doc });
    expect(setHighlights([])(withoutPlugin)).toBe(false);
  });

  it('leaves undrawable ranges out of a set', () => {
    const state = run(
      stateWithParagraphs(2),
      setHighlights([
        { id: 'ok', kind: 'claim', from: 2, to: 6 },
        { id: 'empty', kind: 'claim', from: 6, to: 6 },
        { id: 'outside', kind: 'claim', from: 2, to: 10_000 },
      ]),
    );
    expect([...plugin(state).annotations.keys()]).toEqual(['ok']);
  });

  it('changes only the decorations of the highlights a change is about, on 5,000 highlights', () => {
    let state = loaded;
    for (let i = 0; i < 200; i++) {
      state = run(state, selectHighlight(`a${i * 7}`));
      state = run(state, updateHighlight({ id: `a${i * 3}`, kind: 'figure', from: paragraphStart(i * 3) + 1, to: paragraphStart(i * 3) + 3 }));
    }
    expect(plugin(state).decorations.find()).toHaveLength(5000);
    // Every highlight no action touched is still drawn by the very same decoration (its spec object is shared by
    // the copies `find` returns): nothing was rebuilt.
    const touched = new Set(Array.from({ length: 200 }, (_, i) => [`a${i * 7}`, `a${i * 3}`]).flat());
    const before = new Map(plugin(loaded).decorations.find().map((d) => [specOf(d).id, d.spec as unknown]));
    const after = plugin(state).decorations.find();
    const untouched = after.filter((d) => !touched.has(specOf(d).id));
    expect(untouched.length).toBeGreaterThan(4000);
    expect(untouched.every((d) => before.get(specOf(d).id) === d.spec)).toBe(true);
    expect(after.filter((d) => touched.has(specOf(d).id)).some((d) => before.get(specOf(d).id) === d.spec)).toBe(false);
  });

  it('draws a mark as a decoration of its highlight’s first character, kept through every change', () => {
    const marked: HighlightSpec = { id: 'm', kind: 'claim', from: paragraphStart(0) + 4, to: paragraphStart(0) + 9, mark: 'only_a' };
    let state = run(stateWithParagraphs(3), setHighlights([marked, { id: 'plain', kind: 'actor', from: paragraphStart(1), to: paragraphStart(1) + 3 }]));
    const markerOf = (s: EditorState) => decorationsFor(s, 'm').filter((d) => specOf(d).marker);
    expect(decorationsFor(state, 'plain').filter((d) => specOf(d).marker)).toHaveLength(0);
    expect(markerOf(state).map((d) => [d.from, d.to])).toEqual([[marked.from, marked.from + 1]]);
    expect(markerOf(state)[0]?.spec).toMatchObject({ id: 'm', marker: true });
    state = run(state, selectHighlight('m'));
    expect(markerOf(state)).toHaveLength(1);
    expect(decorationsFor(state, 'm').find((d) => !specOf(d).marker)?.spec).toMatchObject({ selected: true });
    // Typing before it moves both; the plugin's record of the highlight keeps its mark.
    state = state.apply(state.tr.insertText('xx', paragraphStart(0)));
    expect(markerOf(state).map((d) => d.from)).toEqual([marked.from + 2]);
    expect(plugin(state).annotations.get('m')?.mark).toBe('only_a');
    state = run(state, removeHighlight('m'));
    expect(decorationsFor(state, 'm')).toHaveLength(0);
  });

});

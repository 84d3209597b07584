// Headless tests of the suggestions plugin: each suggestion drawn once with its kind's class, undrawable ones left
// out, and focus moving between suggestions.
import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { articleSchema } from '../../../src-shared/editor/schema';
import type { SuggestionKind } from '../../../src-shared/suggest/types';
import { drawnSuggestions, suggestionsKey, suggestionsPlugin, type SuggestionMarks, type SuggestionsAction, type SuggestionsState } from './suggestions';

const TEXT = 'Kyrylo Budanov met Rustem Umerov for four hours in Miami.';

function initial(): EditorState {
  const doc = articleSchema.topNodeType.create(null, [articleSchema.nodes.section.create(null, [articleSchema.nodes.paragraph.create(null, articleSchema.text(TEXT))])]);
  return EditorState.create({ doc, plugins: [suggestionsPlugin()] });
}

function act(state: EditorState, action: SuggestionsAction): EditorState {
  return state.apply(state.tr.setMeta(suggestionsKey, action));
}

function plugin(state: EditorState): SuggestionsState {
  const value = suggestionsKey.getState(state);
  if (!value) throw new Error('The suggestions plugin is not installed.');
  return value;
}

function drawn(state: EditorState): { key: string; className: string }[] {
  const all: Decoration[] = drawnSuggestions(state).find();
  return all
    .map((d) => ({ key: (d.spec as { key: string }).key, className: String((d as unknown as { type: { attrs: { class: string } } }).type.attrs.class) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

interface Mark {
  key: string;
  kind: SuggestionKind;
  from: number;
  to: number;
}

const mark = (key: string, kind: SuggestionKind, word: string): Mark => {
  const from = TEXT.indexOf(word) + 2; // after the section's and paragraph's opening tokens
  return { key, kind, from, to: from + word.length };
};

/** The plugin's columns of `list`, in document order. */
function columns(list: readonly Mark[]): SuggestionMarks {
  const ordered = [...list].sort((a, b) => a.from - b.from);
  return {
    keys: ordered.map((m) => m.key),
    kindOf: (i) => ordered[i]?.kind ?? 'actor',
    from: (i) => ordered[i]?.from ?? 0,
    to: (i) => ordered[i]?.to ?? 0,
    title: (i) => ordered[i]?.key ?? '',
  };
}

describe('suggestions plugin', () => {
  it('draws each suggestion with its kind and leaves out ranges outside the document', () => {
    const state = act(initial(), {
      type: 'set',
      marks: columns([mark('a', 'actor', 'Kyrylo Budanov'), mark('b', 'figure', 'four hours'), { key: 'c', kind: 'claim', from: 5, to: 5000 }]),
    });
    expect(drawn(state)).toEqual([
      { key: 'a', className: 'sg sg-actor' },
      { key: 'b', className: 'sg sg-figure' },
    ]);
  });

  it('moves the focus from one suggestion to another, the others drawn as before', () => {
    let state = act(initial(), { type: 'set', marks: columns([mark('a', 'actor', 'Kyrylo Budanov'), mark('b', 'actor', 'Rustem Umerov'), mark('c', 'figure', 'four hours')]) });
    state = act(state, { type: 'focus', key: 'a' });
    state = act(state, { type: 'focus', key: 'b' });
    expect(plugin(state).focusedKey).toBe('b');
    expect(drawn(state).map((d) => d.className)).toEqual(['sg sg-actor', 'sg sg-actor sg-focused', 'sg sg-figure']);
  });

  it('drops the focus when the focused suggestion is no longer drawn, and ignores an unknown key', () => {
    let state = act(initial(), { type: 'set', marks: columns([mark('a', 'actor', 'Kyrylo Budanov'), mark('b', 'actor', 'Rustem Umerov')]) });
    state = act(state, { type: 'focus', key: 'a' });
    expect(plugin(act(state, { type: 'focus', key: 'zz' })).focusedKey).toBeNull();
    state = act(state, { type: 'set', marks: columns([mark('b', 'actor', 'Rustem Umerov')]) });
    expect(plugin(state).focusedKey).toBeNull();
  });

  it('keeps exactly one focused decoration, on the last key focused, over any sequence of focus moves', () => {
    const keys = ['a', 'b', 'c'];
    const base = act(initial(), { type: 'set', marks: columns([mark('a', 'actor', 'Kyrylo Budanov'), mark('b', 'actor', 'Rustem Umerov'), mark('c', 'figure', 'four hours')]) });
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', null), { minLength: 1, maxLength: 12 }), (moves) => {
        let state = base;
        for (const key of moves) state = act(state, { type: 'focus', key });
        const last = moves[moves.length - 1] ?? null;
        const focused = drawn(state).filter((d) => d.className.includes('sg-focused')).map((d) => d.key);
        expect(focused).toEqual(last === null ? [] : [last]);
        expect(drawn(state).map((d) => d.key)).toEqual(keys);
      }),
    );
  });
});

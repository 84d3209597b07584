// Headless tests of the search hits plugin: hits drawn as <mark> decorations, the current one marked, moves and clears.
import fc from 'fast-check';
import { EditorState, type Command } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../../src-shared/editor/schema';
import { highlightsKey, highlightsPlugin } from './highlights/highlights-plugin';
import { setHighlights } from './highlights/actions';
import { searchHitsKey, searchHitsPlugin, setCurrentSearchHit, setSearchHits, type HitRange } from './search-hits';

const TEXT = 'Budanov said Budanov would meet Budanov.'; // 40 characters, hits at 0, 13, 32

function state(): EditorState {
  const paragraph = articleSchema.nodes.paragraph.create(null, articleSchema.text(TEXT));
  const doc = articleSchema.topNodeType.create(null, [articleSchema.nodes.section.create(null, [paragraph])]);
  return EditorState.create({ doc, plugins: [highlightsPlugin(), searchHitsPlugin()] });
}

/** Positions of text offsets in the one paragraph (after the section's and paragraph's opening tokens). */
const at = (offset: number) => offset + 2;
const HITS: HitRange[] = [0, 13, 32].map((o) => ({ from: at(o), to: at(o + 7) }));

function run(s: EditorState, command: Command): EditorState {
  let next = s;
  expect(command(s, (tr) => (next = s.apply(tr)))).toBe(true);
  return next;
}

/** Every drawn hit as [from, to, class]. */
function drawn(s: EditorState): [number, number, string][] {
  const value = searchHitsKey.getState(s);
  if (!value) throw new Error('The search hits plugin is not installed.');
  return value.decorations.find().map((d) => [d.from, d.to, String((d as unknown as { type: { attrs: { class: string } } }).type.attrs.class)]);
}

describe('search hits plugin', () => {
  it('draws every hit, the current one with its own class', () => {
    const s = run(state(), setSearchHits(HITS, 1));
    expect(drawn(s)).toEqual([
      [at(0), at(7), 'search-hit'],
      [at(13), at(20), 'search-hit search-hit-current'],
      [at(32), at(39), 'search-hit'],
    ]);
  });

  it('moves the current mark from one hit to another and refuses an index that is not a hit', () => {
    let s = run(state(), setSearchHits(HITS, 0));
    s = run(s, setCurrentSearchHit(2));
    expect(drawn(s).map(([, , c]) => c)).toEqual(['search-hit', 'search-hit', 'search-hit search-hit-current']);
    expect(searchHitsKey.getState(s)?.current).toBe(2);
    expect(setCurrentSearchHit(3)(s)).toBe(false);
  });

  it('takes every hit away when given none, and leaves tag highlights alone', () => {
    let s = run(state(), setHighlights([{ id: 'a', kind: 'actor', from: at(0), to: at(7) }]));
    s = run(s, setSearchHits(HITS, 0));
    s = run(s, setSearchHits([], null));
    expect(drawn(s)).toEqual([]);
    expect(searchHitsKey.getState(s)?.current).toBeNull();
    expect([...(highlightsKey.getState(s)?.annotations.keys() ?? [])]).toEqual(['a']);
  });

  it('skips hits outside the document and a current index past the end', () => {
    const s = run(state(), setSearchHits([...HITS, { from: 1_000, to: 1_007 }], 9));
    expect(drawn(s).length).toBe(3);
    expect(searchHitsKey.getState(s)?.current).toBeNull();
  });

  it('after any walk of current hits, exactly one hit (the last chosen) is current', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 20 }), (walk) => {
        let s = run(state(), setSearchHits(HITS, null));
        for (const index of walk) s = run(s, setCurrentSearchHit(index));
        const current = drawn(s).filter(([, , c]) => c.includes('search-hit-current'));
        expect(current).toEqual([[HITS[walk[walk.length - 1] as number]?.from, HITS[walk[walk.length - 1] as number]?.to, 'search-hit search-hit-current']]);
        expect(drawn(s).length).toBe(3);
      }),
    );
  });
});

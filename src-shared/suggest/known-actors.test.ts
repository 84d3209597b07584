// Checks the known-actor source: word bounds, case and accents, line breaks, possessives, longest match, surnames,
// initials, reference forms, other spellings, modifiers, tagged and rejected spans.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSuggestions } from './index';
import type { SuggestActor } from './types';

const BUDANOV: SuggestActor = { id: 'a-budanov', name: 'Kyrylo Budanov', kind: 'person', aliases: [] };
const ZELENSKYY: SuggestActor = { id: 'a-zelenskyy', name: 'Volodymyr Zelenskyy', kind: 'person', aliases: [] };
const TRUMP: SuggestActor = { id: 'a-trump', name: 'Donald Trump', kind: 'person', aliases: [] };
const MEARSHEIMER: SuggestActor = { id: 'a-mearsheimer', name: 'John J. Mearsheimer', kind: 'person', aliases: [] };

function mentions(text: string, actors: SuggestActor[], tags: { start: number; end: number; kind?: string }[] = [], rejected: string[] = []) {
  const suggestions = computeSuggestions({
    documents: [{ id: 'd1', textHash: 'h1', text }],
    actors,
    tags: tags.map((t) => ({ documentId: 'd1', kind: t.kind ?? 'actor', start: t.start, end: t.end })),
    rejected: new Set(rejected),
    kind: 'actor',
  });
  return suggestions.map((s) => ({ quote: s.quote, actor: s.actorId, reason: s.reason, key: s.key, newAlias: s.newAlias }));
}

describe('known actors', () => {
  it('finds the full name, the longest match winning over the surname inside it', () => {
    expect(mentions('Kyrylo Budanov met Budanov.', [BUDANOV]).map((m) => [m.quote, m.reason])).toEqual([
      ['Kyrylo Budanov', 'registered name'],
      ['Budanov', 'surname of “Kyrylo Budanov”'],
    ]);
  });

  it('ignores case and accents, and matches across a line break', () => {
    expect(mentions('KYRYLO\nBUDÁNOV spoke', [BUDANOV]).map((m) => m.quote)).toEqual(['KYRYLO\nBUDÁNOV']);
  });

  it('leaves a possessive out of the span and counts a name used as a modifier', () => {
    expect(mentions("Zelenskyy's office and the Trump administration, the Trump-Zelenskyy call", [ZELENSKYY, TRUMP]).map((m) => m.quote)).toEqual([
      'Zelenskyy',
      'Trump',
      'Trump',
      'Zelenskyy',
    ]);
  });

  it('is word-bounded: a name inside a longer word is not a mention', () => {
    expect(mentions('Trumpism and trumpeters, Budanovsky', [TRUMP, BUDANOV])).toEqual([]);
  });

  it('offers a surname alone only when no other registered actor shares it, and only written with a capital', () => {
    const melania: SuggestActor = { id: 'a-melania', name: 'Melania Trump', kind: 'person', aliases: [] };
    expect(mentions('Trump said', [TRUMP, melania])).toEqual([]);
    expect(mentions('Donald Trump and Melania Trump', [TRUMP, melania]).map((m) => m.actor)).toEqual(['a-trump', 'a-melania']);
    expect(mentions('a trump card', [TRUMP])).toEqual([]);
  });

  it('takes surnames from personal names only, not from a role given as an alias, and keeps particles ("von der Leyen")', () => {
    const withRole: SuggestActor = { ...BUDANOV, aliases: ['Head of the Presidential Office'] };
    expect(mentions('The Office said. Budanov agreed.', [withRole]).map((m) => m.quote)).toEqual(['Budanov']);
    const leyen: SuggestActor = { id: 'a-leyen', name: 'Ursula von der Leyen', kind: 'person', aliases: [] };
    expect(mentions('Leyen spoke.', [leyen]).map((m) => [m.quote, m.actor])).toEqual([['Leyen', 'a-leyen']]);
  });

  it('counts a middle initial and a reference-list form (initials and all) as the same person', () => {
    expect(mentions('Donald J. Trump signed', [TRUMP]).map((m) => [m.quote, m.actor])).toEqual([['Donald J. Trump', 'a-trump']]);
    expect(mentions('See Mearsheimer, J.J. (2014) and John Mearsheimer.', [MEARSHEIMER]).map((m) => m.quote)).toEqual(['Mearsheimer, J.J.', 'John Mearsheimer']);
    expect(mentions('Zelenskyy, V. (2026). Speech; Budanov, Zelenskyy, and others', [ZELENSKYY, BUDANOV]).map((m) => [m.quote, m.newAlias])).toEqual([
      ['Zelenskyy, V.', undefined],
      ['Budanov', undefined],
      ['Zelenskyy', undefined],
    ]);
  });

  it('tries another spelling even where the word starts another registered name', () => {
    const dmitriev: SuggestActor = { id: 'a-d', name: 'Kirill Dmitriev', kind: 'person', aliases: [] };
    expect(mentions('Kirill Budanov met Kirill Dmitriev', [BUDANOV, dmitriev]).map((m) => [m.quote, m.actor, m.reason])).toEqual([
      ['Kirill Budanov', 'a-budanov', 'possible other spelling'],
      ['Kirill Dmitriev', 'a-d', 'registered name'],
    ]);
  });

  it('offers transliteration variants as a possible other spelling, with the spelling to add as an alias', () => {
    const found = mentions('Zelensky and Zelenskiy met Kirill Budanov; Dmytro Kuleba', [ZELENSKYY, BUDANOV, { id: 'a-k', name: 'Dmitry Kuleba', kind: 'person', aliases: [] }]);
    expect(found.map((m) => [m.quote, m.actor, m.reason, m.newAlias])).toEqual([
      ['Zelensky', 'a-zelenskyy', 'possible other spelling', 'Zelensky'],
      ['Zelenskiy', 'a-zelenskyy', 'possible other spelling', 'Zelenskiy'],
      ['Kirill Budanov', 'a-budanov', 'possible other spelling', 'Kirill Budanov'],
      ['Dmytro Kuleba', 'a-k', 'possible other spelling', 'Dmytro Kuleba'],
    ]);
  });

  it('does not take a different word for another spelling (Russia is not Russell)', () => {
    expect(mentions('Russia and Russell', [{ id: 'a-r', name: 'Bertrand Russell', kind: 'person', aliases: [] }]).map((m) => m.quote)).toEqual(['Russell']);
  });

  it('leaves out spans already tagged as actors (a tag of another kind does not hide them) and rejected keys', () => {
    const text = 'Budanov and Budanov and Budanov';
    const all = mentions(text, [BUDANOV]);
    expect(all).toHaveLength(3);
    const left = mentions(text, [BUDANOV], [{ start: 0, end: 7 }, { start: 12, end: 19, kind: 'claim' }], [all[2]?.key ?? '']);
    expect(left.map((m) => m.key)).toEqual([all[1]?.key]);
  });

  it('gives every suggestion a key that depends only on the text, kind, span and actor', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Budanov', 'said', 'Kyrylo', 'Zelenskyy', ',', 'and'), { maxLength: 30 }), (words) => {
        const text = words.join(' ');
        const first = mentions(text, [BUDANOV, ZELENSKYY]);
        const again = mentions(text, [ZELENSKYY, BUDANOV]);
        expect(again.map((m) => m.key).sort()).toEqual(first.map((m) => m.key).sort());
        expect(new Set(first.map((m) => m.key)).size).toBe(first.length);
      }),
    );
  });
});

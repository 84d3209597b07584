// Checks the new-actor source: names compromise finds, without titles, and not where a registered
// actor is already suggested.
import { describe, expect, it } from 'vitest';
import { computeSuggestions } from './index';
import { findNamedActors } from './new-actors';

describe('new actor suggestions', () => {
  it('offers person names without their title', () => {
    const text = 'Russian Foreign Minister Sergei Lavrov spoke. Then President Donald Trump arrived.';
    const found = findNamedActors(text).filter((m) => m.kind === 'person');
    expect(found.map((m) => [text.slice(m.start, m.end), m.name])).toEqual([
      ['Sergei Lavrov', 'Sergei Lavrov'],
      ['Donald Trump', 'Donald Trump'],
    ]);
  });

  it('offers each name of a list as its own, without a bracket that closes the text around it', () => {
    const text = 'Discussed by: Kyiv Independent, International Crisis Group, and others. The alliance (NATO) met.';
    const names = findNamedActors(text).map((m) => [text.slice(m.start, m.end), m.name]);
    expect(names).toContainEqual(['Kyiv Independent', 'Kyiv Independent']);
    expect(names).toContainEqual(['International Crisis Group', 'International Crisis Group']);
    expect(names.every(([quote]) => !(quote ?? '').includes(',') && !(quote ?? '').endsWith(')'))).toBe(true);
  });

  it('does not offer a name a registered actor is already suggested for', () => {
    const suggestions = computeSuggestions({
      documents: [{ id: 'd', textHash: 'h', text: 'Sergei Lavrov met Steve Witkoff in Moscow.' }],
      actors: [{ id: 'l', name: 'Sergei Lavrov', kind: 'person', aliases: [] }],
      tags: [],
      rejected: new Set(),
      kind: 'actor',
    });
    expect(suggestions.map((s) => [s.quote, s.source, s.actorKind])).toEqual([
      ['Sergei Lavrov', 'actor-name', undefined],
      ['Steve Witkoff', 'new-actor', 'person'],
    ]);
  });
});

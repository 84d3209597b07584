// Same-named actors: grouped by any shared name or alias (transitively), and the sentence that points them out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src-shared/model/actor';
import { duplicateActorGroups, duplicateActorsNotice, sameNamedActors } from './same-named-actors';

function actor(id: string, name: string, aliases: string[] = []): Actor {
  return { id, name, aliases, kind: 'person', analystId: 'a', createdAt: '', updatedAt: '', deletedAt: null } as unknown as Actor;
}

describe('same-named actors', () => {
  const kyrylo1 = actor('1', 'Kyrylo Budanov');
  const kyrylo2 = actor('2', 'kyrylo  budanov');
  const kirill = actor('3', 'Kirill Budanov', ['Budanov']);
  const budanov = actor('4', 'Budanov');
  const zelensky = actor('5', 'Volodymyr Zelensky');

  it('groups actors sharing a name or an alias, transitively, ignoring case and spacing', () => {
    const groups = duplicateActorGroups([kyrylo1, kyrylo2, kirill, budanov, zelensky]);
    expect(groups.map((g) => g.map((a) => a.id).sort())).toEqual([['1', '2'], ['3', '4']]);
    expect(sameNamedActors(budanov, [kyrylo1, kirill, budanov]).map((a) => a.id)).toEqual(['3']);
  });

  it('says which name is in the registry twice, and nothing when every name is unique', () => {
    expect(duplicateActorsNotice([kyrylo1, kyrylo2, zelensky])).toEqual({ text: '“Kyrylo Budanov” is in the registry twice: combine them if they are one actor.', firstId: '1' });
    expect(duplicateActorsNotice([kyrylo1, zelensky])).toBeNull();
  });
});

describe('duplicateActorGroups (property)', () => {
  it('puts exactly the actors that share a name with another actor in groups, each actor in at most one', () => {
    const names = fc.constantFrom('Budanov', 'budanov', 'Kyrylo Budanov', 'Zelensky', 'Witkoff', 'NSDC');
    const registry = fc.array(fc.record({ name: names, aliases: fc.array(names, { maxLength: 2 }) }), { maxLength: 8 });
    fc.assert(
      fc.property(registry, (specs) => {
        const actors = specs.map((s, i) => actor(String(i), s.name, s.aliases));
        const grouped = duplicateActorGroups(actors).flat().map((a) => a.id);
        expect(new Set(grouped).size).toBe(grouped.length);
        const shared = actors.filter((a) => sameNamedActors(a, actors).length > 0).map((a) => a.id);
        expect([...grouped].sort()).toEqual([...shared].sort());
      }),
    );
  });
});

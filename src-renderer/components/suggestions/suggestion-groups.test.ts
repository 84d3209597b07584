// Checks the Suggestions panel's model: groups by registered actor, new name and kind with counts here and in the
// project (the open document's taken from its own, fresher list), their order, and the rows of collapsed groups.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src-shared/suggest/types';
import { groupSuggestions, rowsOf } from './suggestion-groups';

let n = 0;
function suggestion(documentId: string, kind: Suggestion['kind'], who?: { actorId?: string; actor: string; source?: Suggestion['source'] }): Suggestion {
  n++;
  return {
    key: `k${n}`,
    documentId,
    kind,
    start: n,
    end: n + 1,
    quote: who?.actor ?? 'x',
    reason: 'r',
    source: who?.source ?? (kind === 'actor' ? 'actor-name' : kind),
    ...(who?.actorId ? { actorId: who.actorId } : {}),
    ...(who ? { actor: who.actor } : {}),
  };
}

const budanov = { actorId: 'b', actor: 'Kyrylo Budanov' };
const witkoff = { actor: 'Steve Witkoff', source: 'new-actor' as const };

describe('suggestion groups', () => {
  it('groups by actor and kind, known actors first, with counts here and in the project', () => {
    const here = [suggestion('d1', 'actor', budanov), suggestion('d1', 'figure'), suggestion('d1', 'actor', witkoff)];
    // The project list is older: it still holds a suggestion of d1 that is gone, which must not be counted.
    const project = [suggestion('d0', 'actor', budanov), suggestion('d1', 'actor', budanov), suggestion('d1', 'actor', budanov), suggestion('d2', 'claim', budanov), suggestion('d2', 'actor', budanov)];
    const groups = groupSuggestions(here, project, 'd1');
    expect(groups.map((g) => [g.id, g.section, g.here.length, g.everywhere.length, g.documents])).toEqual([
      ['actor:b', 'known', 1, 3, 3],
      ['new:Steve Witkoff', 'new', 1, 1, 1],
      ['figure', 'figure', 1, 1, 1],
      ['claim', 'claim', 0, 1, 1],
    ]);
    expect(groups[0]?.everywhere.map((s) => s.documentId)).toEqual(['d0', 'd1', 'd2']);
    expect(groups[1]?.scope).toEqual({ kind: 'actor', newActor: 'Steve Witkoff' });
  });

  it('lists a collapsed group by its header alone and leaves out groups with nothing in the scope', () => {
    const here = [suggestion('d1', 'actor', budanov), suggestion('d1', 'actor', budanov)];
    const groups = groupSuggestions(here, [...here, suggestion('d2', 'figure')], 'd1');
    expect(rowsOf(groups, 'document', new Set()).map((r) => r.type)).toEqual(['group', 'item', 'item']);
    expect(rowsOf(groups, 'document', new Set(['actor:b'])).map((r) => r.type)).toEqual(['group']);
    expect(rowsOf(groups, 'project', new Set(['actor:b'])).map((r) => r.type)).toEqual(['group', 'group', 'item']);
  });

  it('counts every suggestion once in the project, whatever the lists hold', () => {
    const arbitrary = fc.array(fc.record({ doc: fc.constantFrom('d1', 'd2', 'd3'), kind: fc.constantFrom('actor', 'figure', 'claim') as fc.Arbitrary<Suggestion['kind']> }), { maxLength: 30 });
    fc.assert(
      fc.property(arbitrary, arbitrary, (a, b) => {
        const here = a.map((x) => suggestion('d1', x.kind, x.kind === 'actor' ? budanov : undefined));
        const project = b.map((x) => suggestion(x.doc, x.kind, x.kind === 'actor' ? budanov : undefined));
        const groups = groupSuggestions(here, project, 'd1');
        const expected = here.length + project.filter((s) => s.documentId !== 'd1').length;
        expect(groups.reduce((sum, g) => sum + g.everywhere.length, 0)).toBe(expected);
        expect(groups.reduce((sum, g) => sum + g.here.length, 0)).toBe(here.length);
      }),
    );
  });
});

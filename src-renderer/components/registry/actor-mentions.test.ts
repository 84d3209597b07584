// The registry's figures: mentions per actor (actor tags and claimants, deleted tags left out), same-named groups, combine previews.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src-shared/model/actor';
import type { Annotation } from '../../../src-shared/model/annotation';
import { combinePreview, duplicateActorGroups, duplicateActorsNotice, mentionsByActor, mentionsPerDocument, sameNamedActors } from './actor-mentions';

function actor(id: string, name: string, aliases: string[] = []): Actor {
  return { id, name, aliases, kind: 'person', analystId: 'a', createdAt: '', updatedAt: '', deletedAt: null } as unknown as Actor;
}

function tag(id: string, start: number, attributes: { actorId?: string; claimantId?: string }, deleted = false): Annotation {
  const base = { id, documentId: 'd', note: '', analystId: 'a', createdAt: '', updatedAt: '', deletedAt: deleted ? 'x' : null, review: null, target: { start, end: start + 1, exact: `q${id}`, prefix: '', suffix: '' } };
  return (attributes.actorId !== undefined
    ? { ...base, kind: 'actor', attributes: { actorId: attributes.actorId } }
    : { ...base, kind: 'claim', attributes: { status: 'unverified', claimantId: attributes.claimantId ?? null } }) as unknown as Annotation;
}

describe('mentionsByActor', () => {
  it('counts actor tags and claimants, in text order, and leaves deleted tags out', () => {
    const docs = [
      { id: 'd1', title: 'One', annotations: [tag('t2', 20, { claimantId: 'k' }), tag('t1', 5, { actorId: 'k' }), tag('t3', 9, { actorId: 'k' }, true)] },
      { id: 'd2', title: 'Two', annotations: [tag('t4', 1, { actorId: 'z' }), tag('t5', 2, { claimantId: undefined })] },
    ];
    const mentions = mentionsByActor(docs);
    expect(mentions.get('k')?.map((m) => `${m.annotationId}:${m.role}`)).toEqual(['t1:actor', 't2:claimant']);
    expect(mentions.get('z')?.map((m) => m.documentId)).toEqual(['d2']);
    expect([...mentions.keys()].sort()).toEqual(['k', 'z']);
    expect(mentionsPerDocument(mentions.get('k') ?? [], docs).map((d) => [d.title, d.mentions.length])).toEqual([['One', 2]]);
  });

  it('finds every live naming tag exactly once (property)', () => {
    const tags = fc.array(fc.record({ actor: fc.constantFrom('k', 'z', null), claim: fc.boolean(), deleted: fc.boolean(), start: fc.nat(100) }), { maxLength: 30 });
    fc.assert(
      fc.property(tags, (specs) => {
        const annotations = specs.map((s, i) => tag(`t${i}`, s.start, s.claim ? { claimantId: s.actor ?? undefined } : s.actor === null ? { claimantId: undefined } : { actorId: s.actor }, s.deleted));
        const mentions = mentionsByActor([{ id: 'd', title: 'D', annotations }]);
        const total = [...mentions.values()].reduce((n, list) => n + list.length, 0);
        expect(total).toBe(specs.filter((s) => !s.deleted && s.actor !== null).length);
      }),
    );
  });
});

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

describe('combinePreview', () => {
  it('lists the names the kept actor gains and the tags that move', () => {
    const keep = actor('1', 'Kyrylo Budanov', ['K. Budanov']);
    const merge = actor('2', 'Kirill Budanov', ['k. budanov', 'Budanov']);
    const mentions = [
      { annotationId: 'a', documentId: 'd1', role: 'actor' as const, quote: 'x' },
      { annotationId: 'b', documentId: 'd1', role: 'claimant' as const, quote: 'y' },
      { annotationId: 'c', documentId: 'd2', role: 'actor' as const, quote: 'z' },
    ];
    expect(combinePreview(keep, merge, mentions)).toEqual({ newAliases: ['Kirill Budanov', 'Budanov'], retagged: 3, documents: 2 });
    expect(combinePreview(keep, actor('3', 'kyrylo budanov'), []).newAliases).toEqual([]);
  });
});

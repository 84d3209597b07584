// Checks the actor registry: spellings, refusals, edits, mention counts and combining with a preview.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTestProject, type TestProject } from '../test-support/project-fixture';

let project: TestProject;
beforeEach(() => (project = newTestProject()));
afterEach(() => project.close());

describe('the actor registry', () => {
  it('keeps one actor for several spellings and finds it by any of them, ignoring case and accents', async () => {
    const budanov = await project.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person', aliases: ['Kirill Budanov', 'kyrylo budanov'] });
    expect(budanov.aliases).toEqual(['Kirill Budanov']);
    for (const query of ['kirill', 'BUDANOV', 'Kyrýlo']) {
      expect((await project.call('actor.list', { query })).actors.map((a) => a.id)).toEqual([budanov.id]);
    }
  });

  it('refuses a second actor whose name is already an alias of another', async () => {
    await project.call('actor.create', { name: 'Volodymyr Zelensky', kind: 'person', aliases: ['Zelenskyy'] });
    const clash = await project.result('actor.create', { name: 'zelenskyy', kind: 'person' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/alias of “Volodymyr Zelensky”/) } });
  });

  it('renames and changes kind and aliases', async () => {
    const actor = await project.call('actor.create', { name: 'NSDC', kind: 'other' });
    const updated = await project.call('actor.update', { id: actor.id, name: 'National Security and Defense Council', kind: 'organisation', aliases: ['NSDC'] });
    expect(updated).toMatchObject({ name: 'National Security and Defense Council', kind: 'organisation', aliases: ['NSDC'] });
  });

  it('counts the live tags naming each actor, per document and in all, and lists them', async () => {
    const first = await project.call('document.import', { source: { type: 'text', text: 'Budanov spoke. Budanov said more.', title: 'One' } });
    const second = await project.call('document.import', { source: { type: 'text', text: 'Then Budanov left.', title: 'Two' } });
    const budanov = await project.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' });
    const other = await project.call('actor.create', { name: 'Witkoff', kind: 'person' });
    const tag = (documentId: string, start: number, end: number) =>
      project.call('annotation.create', { documentId, kind: 'actor', target: { start, end }, attributes: { actorId: budanov.id } });
    await tag(first.document.id, 0, 7);
    const deleted = await tag(first.document.id, 15, 22);
    await project.call('annotation.create', { documentId: second.document.id, kind: 'claim', target: { start: 0, end: 17 }, attributes: { claimantId: budanov.id } });
    await project.call('annotation.delete', { id: deleted.id });
    await tag(first.document.id, 15, 22);

    const { actors } = await project.call('actor.list', { withMentions: true });
    const counts = Object.fromEntries(actors.map((a) => [a.name, a.mentions]));
    expect(counts['Kyrylo Budanov']).toEqual({
      total: 3,
      byDocument: expect.arrayContaining([
        { documentId: first.document.id, title: 'One', count: 2 },
        { documentId: second.document.id, title: 'Two', count: 1 },
      ]),
    });
    expect(counts[other.name]).toEqual({ total: 0, byDocument: [] });
    const mentions = await project.call('actor.mentions', { actorId: budanov.id });
    expect(mentions.total).toBe(3);
    expect(mentions.annotations.map((a) => a.kind).sort()).toEqual(['actor', 'actor', 'claim']);
  });

  it('previews a combine (what moves) without writing, then combines', async () => {
    const { document } = await project.call('document.import', { source: { type: 'text', text: 'Kirill Budanov spoke.', title: 'One' } });
    const keep = await project.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' });
    const merge = await project.call('actor.create', { name: 'Kirill Budanov', kind: 'person' });
    await project.call('annotation.create', { documentId: document.id, kind: 'actor', target: { start: 0, end: 14 }, attributes: { actorId: merge.id } });
    const preview = await project.call('actor.combine', { keepId: keep.id, mergeId: merge.id, dryRun: true });
    expect(preview).toMatchObject({ retagged: 1, actor: { id: keep.id, aliases: ['Kirill Budanov'] } });
    expect((await project.call('actor.list', {})).actors).toHaveLength(2);
    expect((await project.call('actor.mentions', { actorId: merge.id })).total).toBe(1);
    const done = await project.call('actor.combine', { keepId: keep.id, mergeId: merge.id });
    expect(done.retagged).toBe(1);
    expect((await project.call('actor.mentions', { actorId: keep.id })).total).toBe(1);
  });
});

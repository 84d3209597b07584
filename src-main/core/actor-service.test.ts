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
});

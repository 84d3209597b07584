// Checks search.tagAll: every hit tagged with the attributes given in one undo step, the dry run, skipped hits, refusals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newTestProject, testProjects, type TestProject } from '../../test-support/project-fixture';

const project = testProjects();

async function tagsOf(p: TestProject, documentId: string) {
  return (await p.call('annotation.listForDocument', { documentId })).annotations;
}

describe('search.tagAll', () => {
  it('tags every hit as the kind with the attributes given, and one undo takes them all back', async () => {
    const p = project();
    const a = await p.paste('Kyiv', 'Intelligence chief Budanov said the front held. Budanov added more.');
    const b = await p.paste('Talks', 'Kyrylo Budanov met the envoys.');
    const actor = await p.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' });
    const result = await p.call('search.tagAll', { query: 'budanov', kind: 'actor', attributes: { actorId: actor.id } });
    expect(result).toEqual({ tagged: 3, documentCount: 2, skipped: 0 });
    const tags = [...(await tagsOf(p, a)), ...(await tagsOf(p, b))];
    expect(tags.map((t) => [t.kind, t.target?.exact, t.kind === 'actor' ? t.attributes.actorId : null])).toEqual(Array(3).fill(['actor', 'Budanov', actor.id]));
    const { undone } = await p.call('history.undo', {});
    expect(undone?.label).toBe('Tag 3 hits of “budanov” as actor');
    expect([...(await tagsOf(p, a)), ...(await tagsOf(p, b))]).toEqual([]);
  });

  it('with dryRun counts the hits and writes nothing', async () => {
    const p = project();
    const a = await p.paste('Kyiv', 'Budanov and Budanov again.');
    expect(await p.call('search.tagAll', { query: 'Budanov', kind: 'claim', dryRun: true })).toEqual({ tagged: 2, documentCount: 1, skipped: 0 });
    expect(await tagsOf(p, a)).toEqual([]);
    expect((await p.call('project.info', {})).annotationCount).toBe(0);
  });

  it('skips hits already tagged with that kind on the same span, and counts them', async () => {
    const p = project();
    const a = await p.paste('Kyiv', 'Budanov spoke; Budanov left; Budanov returned.');
    await p.call('annotation.create', { documentId: a, kind: 'actor', target: { start: 0, end: 7 } });
    await p.call('annotation.create', { documentId: a, kind: 'claim', target: { start: 15, end: 22 } });
    expect(await p.call('search.tagAll', { query: 'Budanov', kind: 'actor' })).toEqual({ tagged: 2, documentCount: 1, skipped: 1 });
    const actorStarts = (await tagsOf(p, a)).filter((t) => t.kind === 'actor').map((t) => t.target?.start).sort((x, y) => (x ?? 0) - (y ?? 0));
    expect(actorStarts).toEqual([0, 15, 29]);
    expect(await p.call('search.tagAll', { query: 'Budanov', kind: 'actor' })).toEqual({ tagged: 0, documentCount: 0, skipped: 3 });
  });

  it('refuses attributes the kind cannot take, tagging nothing', async () => {
    const p = project();
    const a = await p.paste('Kyiv', 'Budanov spoke.');
    const result = await p.result('search.tagAll', { query: 'Budanov', kind: 'actor', attributes: { actorId: '0190a0a0-0000-7000-8000-000000000000' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/not in this project's actor registry/);
    expect(await tagsOf(p, a)).toEqual([]);
  });

  it('refuses a malformed search in one sentence', async () => {
    const p = project();
    await p.paste('Kyiv', 'Budanov spoke.');
    const result = await p.result('search.tagAll', { query: '(Budanov OR', kind: 'actor' });
    expect(result.ok ? 'accepted' : result.error.message).toBe('The search “(Budanov OR” is not valid: it ends where a word was expected.');
  });

  it('tags exactly the spans search.query finds, and a second run tags none of them again', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('budanov', 'Budanov,', 'umerov', 'talks', 'kyiv.'), { minLength: 1, maxLength: 30 }), async (words) => {
        const p = newTestProject();
        try {
          const id = await p.paste('Generated', words.join(' '));
          const { hits } = await p.call('search.query', { query: 'budanov', limit: 10_000 });
          const first = await p.call('search.tagAll', { query: 'budanov', kind: 'figure' });
          expect(first.tagged + first.skipped).toBe(hits.length);
          const spans = (await tagsOf(p, id)).map((t) => `${t.target?.start}-${t.target?.end}`).sort();
          expect(spans).toEqual(hits.map((h) => `${h.start}-${h.end}`).sort());
          expect(await p.call('search.tagAll', { query: 'budanov', kind: 'figure' })).toEqual({ tagged: 0, documentCount: 0, skipped: hits.length });
        } finally {
          p.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});

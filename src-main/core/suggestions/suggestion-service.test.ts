// Checks suggestions through the contract: accepting as tags (source noted, one undo step), aliases from other
// spellings, rejections kept in the file and merged by key, accept-all previews, and refusals that change nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newTestProject, temporaryDirectory, type TestProject } from '../../test-support/project-fixture';
import { mergeProjectFile, packProject } from '../merge/index';
import { openProject } from '../session';
import { createProjectApi } from '../handlers';
import { spanAt } from '../../../src-shared/suggest/spans';

const open: TestProject[] = [];
const dirs: ReturnType<typeof temporaryDirectory>[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
  for (const d of dirs.splice(0)) d.remove();
});

async function projectWithBudanov(analyst = 'Anna'): Promise<TestProject> {
  const p = newTestProject(analyst);
  open.push(p);
  await p.importSample('000_734da4ab211b7c49.txt');
  await p.importSample('004_27bf8040a9b2cbc5.txt');
  await p.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' });
  return p;
}

async function budanovId(p: TestProject): Promise<string> {
  const { actors } = await p.call('actor.list', { query: 'Budanov' });
  return actors[0]?.id ?? '';
}

describe('suggestions', () => {
  it('follows every change at once although findings are remembered: a new actor, a rename, a tag, a rejection', async () => {
    const p = await projectWithBudanov();
    const actorId = await budanovId(p);
    const all = async () => (await p.call('suggestion.list', {})).suggestions.filter((s) => s.actorId === actorId && s.kind === 'actor').map((s) => s.quote);
    expect(await all()).toEqual(['Kyrylo Budanov']);
    await p.call('actor.create', { name: 'David Arakhamia', kind: 'person' });
    expect((await p.call('suggestion.list', {})).suggestions.filter((s) => s.actor === 'David Arakhamia' && s.source === 'actor-name').map((s) => s.quote)).toEqual(['David Arakhamia']);
    await p.call('actor.update', { id: actorId, name: 'Kyrylo O. Budanov' });
    const renamed = (await p.call('suggestion.list', {})).suggestions.filter((s) => s.actorId === actorId && s.kind === 'actor');
    expect(renamed.map((s) => [s.quote, s.actor])).toEqual([['Kyrylo Budanov', 'Kyrylo O. Budanov']]);
    const [first] = renamed;
    if (!first) throw new Error('no suggestion');
    await p.call('annotation.create', { documentId: first.documentId, kind: 'actor', target: { start: first.start, end: first.end } });
    expect(await all()).toEqual([]);
    const arakhamia = (await p.call('suggestion.list', {})).suggestions.filter((s) => s.actor === 'David Arakhamia' && s.source === 'actor-name');
    await p.call('suggestion.reject', { keys: arakhamia.map((s) => s.key) });
    expect((await p.call('suggestion.list', { kind: 'actor' })).suggestions.filter((s) => s.actor === 'David Arakhamia' && s.source === 'actor-name')).toEqual([]);
    // One document's listing is its part of the project's.
    const everywhere = (await p.call('suggestion.list', {})).suggestions;
    const documentId = everywhere[0]?.documentId ?? '';
    const here = (await p.call('suggestion.list', { documentId })).suggestions;
    expect(here).toEqual(everywhere.filter((s) => s.documentId === documentId));
  });

  it('answers one document’s spans with the same suggestions as its listing, in text order, each quote the text of its span', async () => {
    const p = await projectWithBudanov();
    const documents = (await p.call('document.list', {})).documents;
    for (const { id: documentId } of documents) {
      const { suggestions } = await p.call('suggestion.list', { documentId });
      const answer = await p.call('suggestion.spans', { documentId });
      const spans = answer.keys.map((_, i) => spanAt(answer, i));
      expect(spans.length).toBeGreaterThan(0);
      const byKey = new Map(suggestions.map((s) => [s.key, s]));
      expect(spans.map((s) => s.key).sort()).toEqual([...byKey.keys()].sort());
      const text = (await p.call('document.get', { id: documentId })).text;
      for (const [i, span] of spans.entries()) {
        const full = byKey.get(span.key);
        expect(span).toEqual({ key: full?.key, kind: full?.kind, start: full?.start, end: full?.end, ...(full?.actor !== undefined ? { actor: full.actor } : {}), reason: full?.reason });
        expect(full?.quote).toBe(text.slice(span.start, span.end));
        if (i > 0) expect(span.start).toBeGreaterThanOrEqual(spans[i - 1]?.start ?? 0);
      }
    }
  });

  it('answers without the new names while they are not read, the same again (remembered), then with them once read', async () => {
    const p = await projectWithBudanov();
    const documentId = (await p.call('document.list', {})).documents[0]?.id ?? '';
    const first = await p.call('suggestion.spans', { documentId, newActors: false });
    expect(first.complete).toBe(false);
    const again = await p.call('suggestion.spans', { documentId, newActors: false });
    expect(again).toEqual(first);
    // A tag made meanwhile is left out of what was remembered.
    const figure = first.keys.findIndex((_, i) => spanAt(first, i).kind === 'figure');
    const { start, end } = spanAt(first, figure);
    await p.call('annotation.create', { documentId, kind: 'figure', target: { start, end } });
    const tagged = await p.call('suggestion.spans', { documentId, newActors: false });
    expect(tagged.keys).toEqual(first.keys.filter((_, i) => i !== figure));
    // Read in full: the new names join what was found without them, and every listing has them.
    const complete = await p.call('suggestion.spans', { documentId });
    expect(complete.complete).toBe(true);
    const newNames = complete.keys.filter((_, i) => spanAt(complete, i).reason.includes('new actor'));
    expect(newNames.length).toBeGreaterThan(0);
    expect(complete.keys.filter((key) => !newNames.includes(key))).toEqual(tagged.keys);
    expect((await p.call('suggestion.spans', { documentId, newActors: false })).keys).toEqual(complete.keys);
  });

  it('refuses the spans of a document that is not in the project', async () => {
    const p = await projectWithBudanov();
    await expect(p.call('suggestion.spans', { documentId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/no document/);
  });

  it('accepts every suggestion for an actor as tags linked to it, noting the source, in one undo step', async () => {
    const p = await projectWithBudanov();
    const actorId = await budanovId(p);
    const preview = await p.call('suggestion.acceptAll', { actorId, dryRun: true });
    expect(preview.count).toBeGreaterThan(0);
    expect(preview.created).toBe(0);
    const accepted = await p.call('suggestion.acceptAll', { actorId });
    expect(accepted.created).toBe(preview.count);
    const { annotations } = await p.call('actor.mentions', { actorId });
    expect(annotations).toHaveLength(preview.count);
    expect(annotations.every((a) => a.note === 'suggested: actor-name' && a.kind === 'actor')).toBe(true);
    const forBudanov = async () => (await p.call('suggestion.list', { kind: 'actor' })).suggestions.filter((s) => s.actorId === actorId).length;
    expect(await forBudanov()).toBe(0);
    await p.call('history.undo', {});
    expect((await p.call('actor.mentions', { actorId })).total).toBe(0);
    expect(await forBudanov()).toBe(preview.count);
  });

  it('accepts for an actor without a kind only the actor’s mentions, not the claims the actor made', async () => {
    const p = newTestProject('Anna');
    open.push(p);
    await p.call('document.import', { source: { type: 'text', text: 'Talks\n\nBudanov said that the talks would resume in May. Later Kyrylo Budanov left.' } });
    const { id: actorId } = await p.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' });
    const claims = async () => (await p.call('suggestion.list', { kind: 'claim' })).suggestions.filter((s) => s.actorId === actorId);
    const claimsBefore = await claims();
    expect(claimsBefore).toHaveLength(1);
    const accepted = await p.call('suggestion.acceptAll', { actorId });
    expect(accepted.created).toBe(2);
    expect(await claims()).toEqual(claimsBefore);
  });

  it('adds an accepted other spelling to the actor’s aliases', async () => {
    const p = newTestProject('Anna');
    open.push(p);
    const doc = await p.call('document.import', { source: { type: 'text', text: 'Kirill Budanov spoke. Later Kirill Budanov left.' } });
    await p.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' });
    const { suggestions } = await p.call('suggestion.list', { documentId: doc.document.id });
    expect(suggestions.map((s) => s.reason)).toEqual(['possible other spelling', 'possible other spelling']);
    const result = await p.call('suggestion.accept', { keys: [suggestions[0]?.key ?? ''] });
    expect(result).toEqual({ created: 1, actorsCreated: 0, aliasesAdded: 1 });
    const { actors } = await p.call('actor.list', {});
    expect(actors[0]?.aliases).toEqual(['Kirill Budanov']);
    // Now a registered alias, the second mention is a plain registered name.
    expect((await p.call('suggestion.list', {})).suggestions.map((s) => s.reason)).toEqual(['registered name']);
  });

  it('keeps a rejection in the project file: not offered after reopening, and carried by a merge to a teammate', async () => {
    const anna = await projectWithBudanov('Anna');
    const dir = temporaryDirectory();
    dirs.push(dir);
    // Ben works on a copy of the project as it was shared, with the same actor.
    const benPath = join(dir.path, 'ben.marginalia');
    packProject(anna.session, benPath);
    const before = (await anna.call('suggestion.list', { kind: 'actor' })).suggestions;
    const target = before[0];
    expect(target).toBeDefined();
    expect(await anna.call('suggestion.reject', { keys: [target?.key ?? ''] })).toEqual({ rejected: 1 });
    anna.session.close();
    anna.session = openProject(anna.path, { analystName: 'Anna' });
    const listed = await createProjectApi(anna.session).call('suggestion.list', { kind: 'actor' });
    if (!listed.ok) throw new Error(listed.error.message);
    expect((listed.value as { suggestions: { key: string }[] }).suggestions.map((s) => s.key)).toEqual(before.slice(1).map((s) => s.key));

    const annaPacked = join(dir.path, 'anna.marginalia');
    packProject(anna.session, annaPacked);
    const ben = openProject(benPath, { analystName: 'Ben' });
    try {
      const keys = async () => {
        const result = await createProjectApi(ben).call('suggestion.list', { kind: 'actor' });
        if (!result.ok) throw new Error(result.error.message);
        return (result.value as { suggestions: { key: string }[] }).suggestions.map((s) => s.key);
      };
      expect(await keys()).toContain(target?.key);
      mergeProjectFile(ben, annaPacked);
      expect(await keys()).toEqual(before.slice(1).map((s) => s.key));
      mergeProjectFile(ben, annaPacked);
      expect(ben.db.prepare('SELECT count(*) FROM rejected_suggestions').pluck().get()).toBe(1);
    } finally {
      ben.close();
    }
  });

  it('registers the actor when a “new actor?” suggestion is accepted, and links the tag to it', async () => {
    const p = newTestProject('Anna');
    open.push(p);
    await p.call('document.import', { source: { type: 'text', text: 'Sergei Lavrov met the press.' } });
    const offered = (await p.call('suggestion.list', { kind: 'actor' })).suggestions.find((s) => s.source === 'new-actor');
    expect(offered?.actor).toBe('Sergei Lavrov');
    expect(await p.call('suggestion.accept', { keys: [offered?.key ?? ''] })).toEqual({ created: 1, actorsCreated: 1, aliasesAdded: 0 });
    const { actors } = await p.call('actor.list', {});
    expect(actors.map((a) => [a.name, a.kind])).toEqual([['Sergei Lavrov', 'person']]);
    const { annotations } = await p.call('actor.mentions', { actorId: actors[0]?.id ?? '' });
    expect(annotations.map((a) => a.note)).toEqual(['suggested: new-actor']);
  });

  it('refuses a key that is not on offer and leaves the file as it was', async () => {
    const p = await projectWithBudanov();
    const bytes = readFileSync(p.path);
    const refused = await p.result('suggestion.accept', { keys: ['nosuchkey'] });
    expect(refused.ok).toBe(false);
    expect(readFileSync(p.path).equals(bytes)).toBe(true);
  });
});

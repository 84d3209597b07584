// Checks creating, editing, deleting, undoing tags, and the refusal of a tag that repeats one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationSchema, type Annotation } from '../../src-shared/model/annotation';
import { allChanges } from '../store/changes';
import { createProjectApi } from './handlers';
import { openProject } from './session';
import { newTestProject, type TestProject } from '../test-support/project-fixture';

const WARNING_FILE = '004_27bf8040a9b2cbc5.txt';
const RETURN_QUOTE = 'did not formally return to office';

let project: TestProject;
let documentId: string;
let text: string;

beforeEach(async () => {
  project = newTestProject();
  documentId = (await project.importSample(WARNING_FILE)).id;
  text = (await project.call('document.get', { id: documentId })).text;
});
afterEach(() => project.close());

function rangeOf(quote: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`${quote} not in text`);
  return { start: at, end: at + quote.length };
}

function expectConsistent(annotation: Annotation): void {
  expect(AnnotationSchema.safeParse(annotation).success).toBe(true);
  if (annotation.target) {
    const { start, end, exact, prefix, suffix } = annotation.target;
    expect(text.slice(start, end)).toBe(exact);
    expect(text.slice(start - prefix.length, start)).toBe(prefix);
    expect(text.slice(end, end + suffix.length)).toBe(suffix);
  }
}

describe('creating tags', () => {
  it('stores a reliability warning on “did not formally return to office” with its quote and context', async () => {
    const annotation = await project.call('annotation.create', {
      documentId,
      kind: 'reliability_warning',
      target: rangeOf(RETURN_QUOTE),
      attributes: { severity: 'high', category: 'factual_error', correction: 'Trump returned to office on 20 January 2025.' },
      note: 'Checked against the inauguration record.',
    });
    expectConsistent(annotation);
    expect(annotation.target?.exact).toBe(RETURN_QUOTE);
    expect(annotation.target?.prefix.length).toBe(32);
    expect(annotation.attributes).toEqual({ severity: 'high', category: 'factual_error', correction: 'Trump returned to office on 20 January 2025.' });
    const { annotations } = await project.call('annotation.listForDocument', { documentId });
    expect(annotations.map((a) => a.id)).toEqual([annotation.id]);
  });

  it('defaults a claim to unverified and accepts a claimant from the registry', async () => {
    const putin = await project.call('actor.create', { name: 'Vladimir Putin', kind: 'person' });
    const claim = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf('Trump'), attributes: { claimantId: putin.id } });
    expect(claim.attributes).toEqual({ status: 'unverified', claimantId: putin.id });
    expectConsistent(claim);
  });

  it('prefills a figure from its quote', async () => {
    const phrase = text.match(/\d[\d,.]*\s?(?:percent|%|billion|million)/)?.[0];
    expect(phrase).toBeDefined();
    const figure = await project.call('annotation.create', { documentId, kind: 'figure', target: rangeOf(phrase as string) });
    expect(figure.kind).toBe('figure');
    if (figure.kind === 'figure') expect(figure.attributes.amount).not.toBeNull();
  });

  it('allows a document-level reliability warning, and only that kind without a span', async () => {
    const warning = await project.call('annotation.create', { documentId, kind: 'reliability_warning', target: null });
    expect(warning.target).toBeNull();
    const refused = await project.result('annotation.create', { documentId, kind: 'claim', target: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_target' } });
  });

  it('refuses ranges outside the text, empty ranges, and unknown documents, writing nothing', async () => {
    for (const target of [{ start: 5, end: 5 }, { start: 10, end: text.length + 1 }]) {
      const result = await project.result('annotation.create', { documentId, kind: 'claim', target });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_target' } });
    }
    const unknown = await project.result('annotation.create', { documentId: crypto.randomUUID(), kind: 'claim', target: { start: 0, end: 3 } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const badAttributes = await project.result('annotation.create', { documentId, kind: 'claim', target: rangeOf('Trump'), attributes: { severity: 'high' } });
    expect(badAttributes).toMatchObject({ ok: false, error: { code: 'invalid_attributes' } });
    const missingActor = await project.result('annotation.create', {
      documentId, kind: 'actor', target: rangeOf('Trump'), attributes: { actorId: crypto.randomUUID() },
    });
    expect(missingActor).toMatchObject({ ok: false, error: { code: 'invalid_attributes' } });
    expect((await project.call('annotation.listForDocument', { documentId })).annotations).toEqual([]);
    expect(project.session.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(0);
  });

  it('keeps every tag’s offsets and quote consistent across many random ranges', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 40; i++) {
      const start = Math.floor(random() * (text.length - 50));
      const end = start + 1 + Math.floor(random() * 40);
      if (text.slice(start, end).trim() === '') continue;
      expectConsistent(await project.call('annotation.create', { documentId, kind: 'claim', target: { start, end } }));
    }
  });
});

describe('editing, deleting, undo and redo', () => {
  it('records each change with before/after snapshots chained to the previous version', async () => {
    const claim = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf('Trump') });
    await project.call('annotation.update', { id: claim.id, attributes: { status: 'false' }, note: 'see source' });
    await project.call('annotation.delete', { id: claim.id });
    const changes = allChanges(project.session.db).filter((c) => c.entityId === claim.id);
    expect(changes.map((c) => c.op)).toEqual(['create', 'update', 'delete']);
    expect(changes[0]?.parentId).toBeNull();
    expect(changes[1]?.parentId).toBe(changes[0]?.id);
    expect(changes[2]?.parentId).toBe(changes[1]?.id);
    expect(JSON.parse(changes[1]?.before ?? '{}').attributes.status).toBe('unverified');
    expect(JSON.parse(changes[1]?.after ?? '{}').attributes.status).toBe('false');
    const analyst = project.session.currentAnalyst();
    expect(changes.every((c) => c.analystId === analyst?.id)).toBe(true);
  });

  it('deletes as a tombstone that stays in the file', async () => {
    const claim = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf('Trump') });
    const deleted = await project.call('annotation.delete', { id: claim.id });
    expect(deleted.deletedAt).not.toBeNull();
    expect((await project.call('annotation.listForDocument', { documentId })).annotations).toEqual([]);
    const all = (await project.call('annotation.listForDocument', { documentId, includeDeleted: true })).annotations;
    expect(all.map((a) => a.id)).toEqual([claim.id]);
    const edit = await project.result('annotation.update', { id: claim.id, note: 'x' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('undoes and redoes create, update and delete in order', async () => {
    const claim = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf('Trump') });
    await project.call('annotation.update', { id: claim.id, attributes: { status: 'disputed' } });
    await project.call('annotation.delete', { id: claim.id });
    const live = async () => (await project.call('annotation.listForDocument', { documentId })).annotations;

    expect((await project.call('history.undo', {})).undone?.label).toMatch(/Delete/);
    expect((await live())[0]?.attributes).toMatchObject({ status: 'disputed' });
    await project.call('history.undo', {});
    expect((await live())[0]?.attributes).toMatchObject({ status: 'unverified' });
    await project.call('history.undo', {});
    expect(await live()).toEqual([]);
    expect((await project.call('history.undo', {})).undone).toBeNull();

    await project.call('history.redo', {});
    expect((await live()).length).toBe(1);
    await project.call('history.redo', {});
    expect((await live())[0]?.attributes).toMatchObject({ status: 'disputed' });
    await project.call('history.redo', {});
    expect(await live()).toEqual([]);
    expect((await project.call('history.redo', {})).redone).toBeNull();
  });

  it('forgets the redo stack after a new action, and never deletes history', async () => {
    const a = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf('Trump') });
    await project.call('history.undo', {});
    await project.call('annotation.create', { documentId, kind: 'figure', target: rangeOf('January') });
    expect((await project.call('history.redo', {})).redone).toBeNull();
    const tombstone = (await project.call('annotation.listForDocument', { documentId, includeDeleted: true })).annotations.find((x) => x.id === a.id);
    expect(tombstone?.deletedAt).not.toBeNull();
    expect(project.session.db.prepare('SELECT count(*) FROM history').pluck().get()).toBe(2);
  });

  it('keeps undo history across closing and reopening the project', async () => {
    const claim = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf('Trump') });
    await project.call('annotation.update', { id: claim.id, note: 'first note' });
    project.session.close();
    const reopened = openProject(project.path, { analystName: 'Ada Analyst' });
    const api = createProjectApi(reopened);
    const undone = await api.call('history.undo', {});
    expect(undone).toMatchObject({ ok: true, value: { undone: { label: expect.stringMatching(/note/) } } });
    const list = await api.call('annotation.listForDocument', { documentId });
    expect(list).toMatchObject({ ok: true, value: { annotations: [{ id: claim.id, note: '' }] } });
    reopened.close();
  });

  it('undoes actor edits too', async () => {
    const actor = await project.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' });
    await project.call('actor.update', { id: actor.id, aliases: ['Kirill Budanov'] });
    await project.call('history.undo', {});
    const { actors } = await project.call('actor.list', {});
    expect(actors[0]?.aliases).toEqual([]);
  });
});

describe('a refused first write', () => {
  it('does not leave the analyst half-recorded for the next write', async () => {
    const fresh = newTestProject('Newcomer');
    try {
      const doc = (await fresh.call('document.import', { source: { type: 'text', text: 'Title\n\nSome words here.' } })).document;
      // A second analyst's very first action is refused and rolled back…
      fresh.session.setAnalystName('Second Analyst');
      const refused = await fresh.result('annotation.create', { documentId: doc.id, kind: 'claim', target: { start: 5, end: 7 } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_target' } });
      // …and their next one still works and is stamped with their name.
      const created = await fresh.call('annotation.create', { documentId: doc.id, kind: 'claim', target: { start: 7, end: 11 } });
      const info = await fresh.call('project.info', {});
      expect(info.analysts.find((a) => a.id === created.analystId)?.name).toBe('Second Analyst');
    } finally {
      fresh.close();
    }
  });
});

describe('a tag that repeats one', () => {
  it('is refused with the existing tag’s id, and allowed again once that tag is deleted or for another kind or analyst', async () => {
    const first = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf(RETURN_QUOTE) });
    const again = await project.result('annotation.create', { documentId, kind: 'claim', target: rangeOf(RETURN_QUOTE) });
    expect(again).toEqual({
      ok: false,
      error: { code: 'duplicate_tag', message: `You already tagged “${RETURN_QUOTE}” as claim; edit that tag instead.`, existingId: first.id },
    });
    const listed = (await project.call('annotation.listForDocument', { documentId })).annotations;
    expect(listed).toHaveLength(1);
    await project.call('annotation.create', { documentId, kind: 'reliability_warning', target: rangeOf(RETURN_QUOTE) });
    project.session.setAnalystName('Ben');
    await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf(RETURN_QUOTE) });
    project.session.setAnalystName('Ada Analyst');
    await project.call('annotation.delete', { id: first.id });
    expect((await project.result('annotation.create', { documentId, kind: 'claim', target: rangeOf(RETURN_QUOTE) })).ok).toBe(true);
  });
});

describe('tag counts', () => {
  it('go down when a tag is deleted and up again when the deletion is undone', async () => {
    const counts = async () => (await project.call('document.list', {})).documents.find((d) => d.id === documentId)?.tagCounts.claim;
    const tag = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf(RETURN_QUOTE) });
    expect(await counts()).toBe(1);
    await project.call('annotation.delete', { id: tag.id });
    expect(await counts()).toBe(0);
    expect((await project.call('project.info', {})).annotationCount).toBe(0);
    await project.call('history.undo', {});
    expect(await counts()).toBe(1);
  });
});

// Checks what exports hold: never deleted tags (but the project JSON, marked), and the analyst, document and status filters.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalystId, DocumentId } from '../../../src-shared/model/ids';
import { newTestProject, type TestProject } from '../../test-support/project-fixture';
import { snapshotOf } from './snapshot';

let project: TestProject;
let ids: { first: DocumentId; second: DocumentId; ada: AnalystId; ben: AnalystId };

beforeEach(async () => {
  project = newTestProject('Ada');
  const first = (await project.call('document.import', { source: { type: 'text', text: 'Alpha beta gamma delta.', title: 'First' } })).document.id;
  const second = (await project.call('document.import', { source: { type: 'text', text: 'Epsilon zeta eta theta.', title: 'Second' } })).document.id;
  const accepted = await project.call('annotation.create', { documentId: first, kind: 'claim', target: { start: 0, end: 5 } });
  const deleted = await project.call('annotation.create', { documentId: first, kind: 'claim', target: { start: 6, end: 10 } });
  await project.call('annotation.delete', { id: deleted.id });
  await project.call('annotation.create', { documentId: second, kind: 'actor', target: { start: 0, end: 7 } });
  project.session.setAnalystName('Ben');
  const bens = await project.call('annotation.create', { documentId: first, kind: 'claim', target: { start: 0, end: 5 } });
  const info = await project.call('project.info', {});
  const ada = info.analysts.find((a) => a.name === 'Ada')!.id;
  const ben = info.analysts.find((a) => a.name === 'Ben')!.id;
  await project.call('review.decide', { documentId: first, analystA: ada, analystB: ben, key: keyOf(await differences(first, ada, ben)), decision: 'accept_a' });
  expect((await project.call('annotation.listForDocument', { documentId: first })).annotations.find((a) => a.id === accepted.id)?.review?.status).toBe('accepted');
  expect((await project.call('annotation.listForDocument', { documentId: first })).annotations.find((a) => a.id === bens.id)?.review?.status).toBe('rejected');
  ids = { first, second, ada, ben };
});
afterEach(() => project.close());

async function differences(documentId: DocumentId, a: AnalystId, b: AnalystId) {
  return (await project.call('review.compare', { documentId, analystA: a, analystB: b })).differences;
}
function keyOf(list: { key: string }[]): string {
  if (list.length !== 1 || !list[0]) throw new Error(`expected one difference, got ${list.length}`);
  return list[0].key;
}

describe('the export snapshot', () => {
  it('never holds deleted tags', () => {
    const snapshot = snapshotOf(project.session);
    expect(snapshot.annotations).toHaveLength(3);
    expect(snapshot.annotations.every((a) => a.deletedAt === null)).toBe(true);
  });

  it('keeps only the analysts, documents and review statuses asked for', () => {
    const quotes = (filters: Parameters<typeof snapshotOf>[1]) =>
      snapshotOf(project.session, filters)
        .annotations.map((a) => `${a.target?.exact}/${a.analystId === ids.ada ? 'Ada' : 'Ben'}`)
        .sort();
    expect(quotes({ analystIds: [ids.ben] })).toEqual(['Alpha/Ben']);
    expect(quotes({ documentIds: [ids.second] })).toEqual(['Epsilon/Ada']);
    expect(snapshotOf(project.session, { documentIds: [ids.second] }).documents.map((d) => d.title)).toEqual(['Second']);
    expect(quotes({ statuses: ['accepted'] })).toEqual(['Alpha/Ada']);
    expect(quotes({ statuses: ['rejected', 'undecided'] })).toEqual(['Alpha/Ben', 'Epsilon/Ada']);
    expect(quotes({ analystIds: [ids.ada], statuses: ['undecided'] })).toEqual(['Epsilon/Ada']);
  });

  it('keeps deleted tags, marked, only in the project’s own JSON, filtered like the rest', async () => {
    const [json] = (await project.call('export.project', { format: 'json', analystIds: [ids.ada] })).files;
    const parsed = JSON.parse(Buffer.from(json!.contentBase64, 'base64').toString('utf8')) as { annotations: { deletedAt: string | null; analyst: string }[] };
    expect(parsed.annotations.map((a) => [a.analyst, a.deletedAt === null])).toEqual(
      expect.arrayContaining([
        ['Ada', true],
        ['Ada', true],
        ['Ada', false],
      ]),
    );
    expect(parsed.annotations).toHaveLength(3);
  });
});

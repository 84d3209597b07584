// Checks annotation.spans: the live tags with a passage of a document, as the full list has them, with only what drawing needs.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newTestProject, type TestProject } from '../test-support/project-fixture';

let project: TestProject;
let documentId: string;
let text: string;

beforeEach(async () => {
  project = newTestProject();
  documentId = (await project.importSample('004_27bf8040a9b2cbc5.txt')).id;
  text = (await project.call('document.get', { id: documentId })).text;
});
afterEach(() => project.close());

const rangeOf = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

it('gives each live tag with a passage as the full list has it, in the same order: id, kind, range, analyst, decision', async () => {
  const claim = await project.call('annotation.create', { documentId, kind: 'claim', target: rangeOf('did not formally return to office') });
  await project.call('annotation.create', { documentId, kind: 'actor', target: rangeOf('did not') });
  await project.call('annotation.create', { documentId, kind: 'reliability_warning', target: null, attributes: { severity: 'low', category: 'other' } });
  const deleted = await project.call('annotation.create', { documentId, kind: 'figure', target: rangeOf('formally') });
  await project.call('annotation.delete', { id: deleted.id });
  const review = { status: 'accepted', reviewerId: claim.analystId, reviewedAt: claim.createdAt, comment: '' };
  project.session.db.prepare('UPDATE annotation_rows SET review = ? WHERE id = ?').run(JSON.stringify(review), claim.id);

  const { annotations } = await project.call('annotation.listForDocument', { documentId });
  const { spans } = await project.call('annotation.spans', { documentId });
  const drawn = annotations.flatMap((a) =>
    a.target ? [{ id: a.id, kind: a.kind, start: a.target.start, end: a.target.end, analystId: a.analystId, review: a.review?.status ?? null }] : [],
  );
  expect(spans).toEqual(drawn);
  expect(spans.map((s) => s.kind)).toEqual(['claim', 'actor']);
  expect(spans[0]?.review).toBe('accepted');
});

it('refuses a document that is not in the project', async () => {
  const result = await project.result('annotation.spans', { documentId: '00000000-0000-4000-8000-000000000009' });
  expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
});

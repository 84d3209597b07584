// The texts read for tagging: remembered for the few documents read last, and always the file's live documents' texts.
import { afterEach, beforeEach, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DocumentId } from '../../src-shared/model/ids';
import { newTestProject, type TestProject } from '../test-support/project-fixture';
import { documentText, recentDocumentText } from './documents';

let project: TestProject;
beforeEach(() => (project = newTestProject()));
afterEach(() => project.close());

it('answers as documentText for any order of reads over more documents than it remembers', async () => {
  const ids: DocumentId[] = [];
  for (let i = 0; i < 7; i++) ids.push((await project.paste(`Note ${i}`, `Note ${i}\n\nThe delegations met ${i} times.`)) as DocumentId);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 40 }), (reads) => {
      for (const id of reads) expect(recentDocumentText(project.session.db, id)).toBe(documentText(project.session.db, id));
    }),
  );
});

it('finds no text for a removed document, though it was read just before, and finds it again once the removal is undone', async () => {
  const id = (await project.paste('Talks in Geneva', 'Talks in Geneva\n\nThe delegations met.')) as DocumentId;
  expect(recentDocumentText(project.session.db, id)).toBe('Talks in Geneva\n\nThe delegations met.');
  await project.call('document.remove', { id });
  expect(recentDocumentText(project.session.db, id)).toBeUndefined();
  await project.call('history.undo', {});
  expect(recentDocumentText(project.session.db, id)).toBe('Talks in Geneva\n\nThe delegations met.');
  expect(recentDocumentText(project.session.db, '00000000-0000-4000-8000-000000000000' as DocumentId)).toBeUndefined();
});

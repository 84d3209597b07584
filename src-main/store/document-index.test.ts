// Checks the document list's index against the file: a change by this connection (a title edited, a document removed
// and brought back) and a commit by another connection (an import by the CLI, say) show in the next list.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openProject } from '../core/session';
import { createProjectApi } from '../core/handlers';
import { newTestProject, type TestProject } from '../test-support/project-fixture';
import { documentRowsMatching } from './document-index';

let project: TestProject;
beforeEach(() => (project = newTestProject()));
afterEach(() => project.close());

const titles = (filter?: string) => documentRowsMatching(project.session.db, filter === undefined ? {} : { filter }).rows.map((row) => row.title);

it('lists what this connection changed since the index was read: an edited title, a removal and its undo', async () => {
  const geneva = await project.paste('Talks in Geneva', 'Talks in Geneva\n\nThe delegations met.');
  expect(titles('geneva')).toEqual(['Talks in Geneva']);
  await project.call('document.update', { id: geneva, title: 'Talks in Zürich' });
  expect(titles('geneva')).toEqual([]);
  expect(titles('ZÜRICH')).toEqual(['Talks in Zürich']);
  await project.call('document.remove', { id: geneva });
  expect(titles()).toEqual([]);
  await project.call('history.undo', {});
  expect(titles()).toEqual(['Talks in Zürich']);
});

it('lists what another connection committed to the same file since the index was read', async () => {
  await project.paste('Talks in Geneva', 'Talks in Geneva\n\nThe delegations met.');
  expect(titles()).toEqual(['Talks in Geneva']);
  const other = openProject(project.path, { analystName: 'Ben' });
  try {
    const result = await createProjectApi(other).call('document.import', { source: { type: 'text', title: 'Miami', text: 'Miami\n\nThe envoys met.' } });
    expect(result.ok).toBe(true);
  } finally {
    other.close();
  }
  expect(titles().sort()).toEqual(['Miami', 'Talks in Geneva']);
});

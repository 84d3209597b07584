// Checks the tag writes a merge relies on: hasAnnotation sees deleted tags too, and insertNewAnnotation never overwrites one.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeId } from '../../src-shared/model/ids';
import { newTestProject, type TestProject } from '../test-support/project-fixture';
import { annotationById, hasAnnotation, insertNewAnnotation } from './annotations';

let project: TestProject;
beforeEach(() => (project = newTestProject()));
afterEach(() => project.close());

describe('writing tags for a merge', () => {
  it('finds live and deleted tags by id, and no other', async () => {
    const documentId = await project.paste('Davos', 'Envoys met in Davos on Tuesday. The plan was discussed.');
    const live = await project.call('annotation.create', { documentId, kind: 'claim', target: { start: 0, end: 6 } });
    const gone = await project.call('annotation.create', { documentId, kind: 'claim', target: { start: 14, end: 19 } });
    await project.call('annotation.delete', { id: gone.id });
    const db = project.session.db;
    expect(hasAnnotation(db, live.id)).toBe(true);
    expect(hasAnnotation(db, gone.id)).toBe(true);
    expect(hasAnnotation(db, randomUUID())).toBe(false);
  });

  it('refuses to insert a tag the project already has, leaving it as it was', async () => {
    const documentId = await project.paste('Davos', 'Envoys met in Davos on Tuesday. The plan was discussed.');
    const annotation = await project.call('annotation.create', { documentId, kind: 'claim', target: { start: 0, end: 6 } });
    const db = project.session.db;
    const stored = annotationById(db, annotation.id);
    if (!stored) throw new Error('the tag was not stored');
    expect(() => insertNewAnnotation(db, { ...stored.annotation, note: 'overwritten' }, stored.headChangeId as ChangeId)).toThrow(/UNIQUE/);
    expect(annotationById(db, annotation.id)).toEqual(stored);
  });
});

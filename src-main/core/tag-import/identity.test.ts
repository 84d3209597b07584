// Checks the ids and analysts of imported tags: our own UUIDs kept, foreign ids mapped stably, and a file never speaking for a local analyst.
import { afterEach, describe, expect, it } from 'vitest';
import { AnnotationIdSchema, type AnalystId } from '../../../src-shared/model/ids';
import { allAnalysts, analystRows, insertAnalyst } from '../../store/project-meta';
import { newTestProject, type TestProject } from '../../test-support/project-fixture';
import { ImportedAnalysts, importedAnnotationId, siblingAnnotationId } from './identity';

let project: TestProject | undefined;
afterEach(() => project?.close());

describe('importedAnnotationId', () => {
  it('keeps our exported ids exactly and maps any other id to the same UUID every time', () => {
    const own = '3f2a9c1e-8b7d-4e6f-a5b4-c3d2e1f0a9b8';
    expect(importedAnnotationId(`urn:uuid:${own}`, '')).toBe(own);
    expect(importedAnnotationId(`{${own.toUpperCase()}}`, '')).toBe(own);
    const hypothesis = importedAnnotationId('hX1q2TzEe-abcdEFGH1', '');
    expect(AnnotationIdSchema.safeParse(hypothesis).success).toBe(true);
    expect(importedAnnotationId('hX1q2TzEe-abcdEFGH1', 'other')).toBe(hypothesis);
    expect(importedAnnotationId('https://example.org/a/1', '')).not.toBe(importedAnnotationId('https://example.org/a/2', ''));
    expect(importedAnnotationId(undefined, 'same content')).toBe(importedAnnotationId('', 'same content'));
    expect(siblingAnnotationId(hypothesis, 0)).toBe(hypothesis);
    expect(siblingAnnotationId(hypothesis, 1)).not.toBe(hypothesis);
  });
});

describe('ImportedAnalysts', () => {
  it('adds each creator once, by id; names an account after its user; refuses to reuse a local id under another name', () => {
    project = newTestProject();
    const { db } = project.session;
    const local = '11111111-2222-4333-8444-555555555555' as AnalystId;
    insertAnalyst(db, { id: local, name: 'Anna', createdAt: '2026-01-01T00:00:00.000Z' });
    const analysts = new ImportedAnalysts(db, '2026-02-01T00:00:00.000Z', 'imported from “a.json”');
    expect(analysts.analystFor({ id: `urn:uuid:${local}`, name: 'Anna' })?.id).toBe(local);
    const forged = analysts.analystFor({ id: `urn:uuid:${local}`, name: 'Mallory' })!;
    expect(forged.id).not.toBe(local);
    expect(forged.name).toBe('Mallory');
    expect(analysts.analystFor({ id: 'acct:ben@hypothes.is' })?.name).toBe('ben');
    expect(analysts.analystFor({ id: 'acct:ben@hypothes.is', name: 'ben' })?.id).toBe(analysts.analystFor({ id: 'acct:ben@hypothes.is' })?.id);
    expect(analysts.analystFor({ name: 'Bidi\u202Ename\u0007' })?.name).toBe('Bidiname');
    expect(analysts.analystFor(undefined)).toBeNull();
    expect(allAnalysts(db).map((a) => a.name).sort()).toEqual(['Anna', 'Bidiname', 'Mallory', 'ben']);
    expect(analystRows(db).find((a) => a.name === 'Mallory')?.origin).toBe('imported from “a.json”');
    // The same file read again maps to the same analysts and adds none.
    const again = new ImportedAnalysts(db, '2026-03-01T00:00:00.000Z', 'imported from “a.json”');
    expect(again.analystFor({ id: `urn:uuid:${local}`, name: 'Mallory' })?.id).toBe(forged.id);
    expect(again.created).toEqual([]);
  });
});

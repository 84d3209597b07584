// Teammates' files that try to speak for the receiver: reused analyst ids, dates from the future, ids in capitals,
// and a multi-file merge that fails part-way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { UserError } from '../../../src-shared/model/result';
import { allAnnotations } from '../../store/annotations';
import { allChanges } from '../../store/changes';
import { allAnalysts } from '../../store/project-meta';
import { tamper } from '../../test-support/hostile-file';
import { newTestProject, temporaryDirectory, type TestProject } from '../../test-support/project-fixture';
import { mergeProjectFile, mergeProjectFiles, packProject } from './index';
import { createProjectApi } from '../handlers';
import { openProject } from '../session';
import { MAX_CLOCK_SKEW_MS } from './plan';

const SAMPLE = '004_27bf8040a9b2cbc5.txt';
const open: TestProject[] = [];
const dirs: ReturnType<typeof temporaryDirectory>[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
  for (const d of dirs.splice(0)) d.remove();
});

function project(analyst: string): TestProject {
  const p = newTestProject(analyst);
  open.push(p);
  return p;
}

/** The project packed into a file of its own, as a teammate would send it. */
function packed(p: TestProject, name = 'teammate.marginalia'): string {
  const dir = temporaryDirectory();
  dirs.push(dir);
  const out = join(dir.path, name);
  packProject(p.session, out);
  return out;
}

async function tagged(p: TestProject, quotes: string[]): Promise<string> {
  const document = await p.importSample(SAMPLE);
  const { text } = await p.call('document.get', { id: document.id });
  for (const quote of quotes) {
    const start = text.indexOf(quote);
    await p.call('annotation.create', { documentId: document.id, kind: 'claim', target: { start, end: start + quote.length } });
  }
  return document.id;
}

async function analystId(p: TestProject): Promise<string> {
  const { analyst } = await p.call('project.info', {});
  if (!analyst) throw new Error('no analyst yet');
  return analyst.id;
}

function expectRefusal(run: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(UserError);
  expect((error as Error).message).toMatch(message);
}

it('keeps an analyst who reuses one of this project’s analyst ids apart, and says so in the preview', async () => {
  const anna = project('Anna');
  await tagged(anna, ['did not formally return to office']);
  const mallory = project('Mallory');
  await tagged(mallory, ['Kamala Harris', 'Davos', 'Steve Witkoff']);
  const file = packed(mallory);
  const [annaId, malloryId] = [await analystId(anna), await analystId(mallory)];
  tamper(
    file,
    `PRAGMA foreign_keys = OFF;
     UPDATE analysts SET id = '${annaId}' WHERE id = '${malloryId}';
     UPDATE analyst_keys SET id = '${annaId}' WHERE id = '${malloryId}';
     UPDATE documents SET imported_by = '${annaId}';
     UPDATE history SET analyst_id = '${annaId}';
     UPDATE changes SET after = replace(after, '${malloryId}', '${annaId}');`,
  );

  const preview = mergeProjectFile(anna.session, file, { dryRun: true });
  expect(preview.summary.newTags).toEqual([{ analyst: expect.stringMatching(/^Mallory \(a different analyst from this project’s “Anna”/), kind: 'claim', count: 3 }]);
  expect(preview.summary.notices).toEqual([expect.stringMatching(/“Mallory” in this file uses the id of this project’s analyst “Anna”/)]);

  mergeProjectFile(anna.session, file);
  const analysts = allAnalysts(anna.session.db);
  const stored = analysts.find((a) => a.name === 'Mallory');
  expect(stored?.id).toBeDefined();
  expect(stored?.id).not.toBe(annaId);
  const tags = allAnnotations(anna.session.db);
  expect(tags.filter((t) => t.analystId === annaId)).toHaveLength(1);
  expect(tags.filter((t) => t.analystId === stored?.id)).toHaveLength(3);
  const theirTags = new Set<string>(tags.filter((t) => t.analystId === stored?.id).map((t) => t.id));
  const theirChanges = allChanges(anna.session.db).filter((c) => theirTags.has(c.entityId));
  expect(theirChanges).toHaveLength(3);
  for (const change of theirChanges) {
    expect(change.analystId).toBe(stored?.id);
    expect(change.after).not.toContain(annaId);
  }
  // Merged again, the same file finds the same separate analyst: nothing new.
  expect(mergeProjectFile(anna.session, file).summary).toMatchObject({ newTags: [], newChanges: 0 });
  expect(allAnalysts(anna.session.db)).toHaveLength(analysts.length);
});

it('sets dates from the future to the merge time, reports them, and does not let them win a conflict', async () => {
  const anna = project('Anna');
  await tagged(anna, ['did not formally return to office']);
  const [tag] = allAnnotations(anna.session.db);
  if (!tag) throw new Error('no tag');
  // A teammate edits the shared tag in their copy, then dates the edit in 2099.
  const benCopy = packed(anna, 'ben.marginalia');
  const benSession = openProject(benCopy, { analystName: 'Ben' });
  const edited = await createProjectApi(benSession).call('annotation.update', { id: tag.id, note: 'from the future' });
  benSession.close();
  expect(edited.ok).toBe(true);
  const future = '2099-01-01T00:00:00.000Z';
  tamper(
    benCopy,
    `UPDATE annotation_rows SET updated_at = '${future}';
     UPDATE changes SET at = '${future}', after = json_set(after, '$.updatedAt', '${future}') WHERE seq = (SELECT max(seq) FROM changes);`,
  );
  await anna.call('annotation.update', { id: tag.id, note: 'mine' });

  const mergedAt = new Date().toISOString();
  const plan = mergeProjectFile(anna.session, benCopy);
  expect(plan.summary.conflicts).toBe(1);
  expect(plan.summary.notices).toEqual([expect.stringMatching(/dates in the future \(up to 2099-01-01\)/)]);
  const after = allAnnotations(anna.session.db).find((t) => t.id === tag?.id);
  expect(after?.note).toBe('mine');
  const latest = Date.parse(mergedAt) + MAX_CLOCK_SKEW_MS + 60_000;
  for (const change of allChanges(anna.session.db)) {
    expect(Date.parse(change.at)).toBeLessThan(latest);
    expect(change.after).not.toContain('2099');
  }
});

it('refuses a copy of a tag under its id in capitals, leaving the project as it was', async () => {
  const anna = project('Anna');
  await tagged(anna, ['did not formally return to office']);
  const file = packed(anna);
  tamper(file, "INSERT INTO annotation_rows SELECT upper(id), document_key, kind, start_offset, end_offset, exact, prefix, suffix, attributes, note, analyst_key, created_at, updated_at, deleted_at, head_seq, review FROM annotation_rows;");
  const receiver = project('Ben');
  await receiver.importSample(SAMPLE);
  const before = readFileSync(receiver.path);
  expectRefusal(() => mergeProjectFile(receiver.session, file), /This file cannot be merged: tag 2 has an id in capitals/);
  expectRefusal(() => mergeProjectFile(receiver.session, file, { dryRun: true }), /id in capitals/);
  expect(readFileSync(receiver.path).equals(before)).toBe(true);
});

it('merges several files in one transaction: when the second fails, the first is not kept', async () => {
  const anna = project('Anna');
  await tagged(anna, ['did not formally return to office']);
  const ben = project('Ben');
  await tagged(ben, ['Kamala Harris']);
  const cleo = project('Cleo');
  await tagged(cleo, ['Davos']);
  const files = [packed(ben, 'ben.marginalia'), packed(cleo, 'cleo.marginalia')];
  // A write that fails only while the second file is applied (a temporary trigger lives in this connection only).
  anna.session.db.exec(`CREATE TEMP TRIGGER fail_on_cleo BEFORE INSERT ON analysts WHEN NEW.display_name = 'Cleo' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
  const tagsBefore = allAnnotations(anna.session.db).length;
  const changesBefore = allChanges(anna.session.db).length;
  expect(() => mergeProjectFiles(anna.session, files)).toThrow(/disk full/);
  expect(allAnnotations(anna.session.db)).toHaveLength(tagsBefore);
  expect(allChanges(anna.session.db)).toHaveLength(changesBefore);
  expect(allAnalysts(anna.session.db).map((a) => a.name)).toEqual(['Anna']);
  anna.session.db.exec('DROP TRIGGER fail_on_cleo');
  expect(mergeProjectFiles(anna.session, files).map((m) => m.plan.summary.newTags.length)).toEqual([1, 1]);
});

it('takes a teammate’s copy made before one of this project’s analysts was renamed without splitting that analyst', async () => {
  const anna = project('Anna');
  await tagged(anna, ['did not formally return to office']);
  const benCopy = packed(anna, 'ben.marginalia');
  const benSession = openProject(benCopy, { analystName: 'Ben' });
  const [documentId] = allAnnotations(benSession.db).map((t) => t.documentId);
  const created = await createProjectApi(benSession).call('annotation.create', { documentId, kind: 'figure', target: { start: 0, end: 5 } });
  benSession.close();
  expect(created.ok).toBe(true);
  await anna.call('analyst.rename', { id: await analystId(anna), name: 'Anna Karlsson' });

  const plan = mergeProjectFile(anna.session, benCopy);
  expect(plan.summary.notices).toEqual([]);
  expect(plan.summary.newTags).toEqual([{ analyst: 'Ben', kind: 'figure', count: 1 }]);
  expect(allAnalysts(anna.session.db).map((a) => a.name).sort()).toEqual(['Anna Karlsson', 'Ben']);
});

// Merging teammates' project files: previews, one-sided edits, conflicts, the merge laws, and refusing tampered files.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-shared/model/annotation';
import { UserError } from '../../../src-shared/model/result';
import { allActors } from '../../store/actors';
import { allAnnotations } from '../../store/annotations';
import { allChanges } from '../../store/changes';
import { tamper } from '../../test-support/hostile-file';
import { SAMPLE_DIR, temporaryDirectory } from '../../test-support/project-fixture';
import { createProjectApi } from '../handlers';
import { createProject, openProject, type ProjectSession } from '../session';
import { mergeProjectFile, packProject } from './index';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const TEXT = 'Envoys met in Davos 👍🏽 on Tuesday. The $800 billion plan was discussed. Trump did not formally return to office, the paper says. Zelensky and Witkoff spoke again.';

async function call(session: ProjectSession, method: string, request: unknown): Promise<unknown> {
  const result = await createProjectApi(session).call(method, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A base project with one document, then forked into files each analyst edits on their own. */
async function forkedProjects(names: string[]): Promise<{ paths: string[]; documentId: string }> {
  const base = join(dir.path, `base-${Math.random().toString(36).slice(2)}.marginalia`);
  const session = createProject(base, 'Shared', { analystName: 'Founder' });
  const { document } = (await call(session, 'document.import', { source: { type: 'text', text: TEXT, title: 'Davos' } })) as { document: { id: string } };
  await call(session, 'annotation.create', { documentId: document.id, kind: 'claim', target: { start: 0, end: 6 } });
  session.close();
  const paths = names.map((name) => {
    const path = join(dir.path, `${name}-${Math.random().toString(36).slice(2)}.marginalia`);
    copyFileSync(base, path);
    return path;
  });
  return { paths, documentId: document.id };
}

type Op =
  | { type: 'create'; kind: 'claim' | 'actor' | 'figure' | 'reliability_warning'; start: number; length: number }
  | { type: 'note'; pick: number; note: string }
  | { type: 'delete'; pick: number }
  | { type: 'undo' };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('create' as const), kind: fc.constantFrom('claim', 'actor', 'figure', 'reliability_warning'), start: fc.nat(TEXT.length - 10), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ type: fc.constant('note' as const), pick: fc.nat(), note: fc.string({ maxLength: 12 }) }),
  fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }),
  fc.constant({ type: 'undo' as const }),
);

async function applyOps(path: string, analyst: string, documentId: string, ops: readonly Op[]): Promise<void> {
  const session = openProject(path, { analystName: analyst });
  try {
    for (const op of ops) {
      const live = allAnnotations(session.db).filter((a) => a.deletedAt === null);
      const target = live.length > 0 && 'pick' in op ? live[op.pick % live.length] : undefined;
      const api = createProjectApi(session);
      if (op.type === 'create') {
        const start = op.start;
        await api.call('annotation.create', { documentId, kind: op.kind, target: { start, end: start + op.length } }); // invalid ranges are refused: fine
      } else if (op.type === 'note' && target) await api.call('annotation.update', { id: target.id, note: op.note });
      else if (op.type === 'delete' && target) await api.call('annotation.delete', { id: target.id });
      else if (op.type === 'undo') await api.call('history.undo', {});
    }
  } finally {
    session.close();
  }
}

/** What must agree between merge results: every tag's state, every actor, and the set of changes. */
function contents(path: string): { annotations: Annotation[]; actors: unknown[]; changes: string[] } {
  const session = openProject(path, { readOnly: true });
  try {
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    return {
      annotations: allAnnotations(session.db).sort(byId),
      actors: allActors(session.db, true).sort(byId),
      changes: allChanges(session.db).map((c) => c.id).sort(),
    };
  } finally {
    session.close();
  }
}

function merge(into: string, from: string, dryRun = false) {
  const session = openProject(into, { analystName: 'Merger' });
  try {
    return mergeProjectFile(session, from, { dryRun });
  } finally {
    session.close();
  }
}

function copyOf(path: string): string {
  const copy = `${path}.copy-${Math.random().toString(36).slice(2)}.marginalia`;
  const session = openProject(path);
  packProject(session, copy);
  session.close();
  return copy;
}

describe('merging teammates’ project files', () => {
  it('brings in new documents and tags, recognises the same article by its hash, and previews before writing', async () => {
    const { paths, documentId } = await forkedProjects(['anna', 'ben']);
    const [anna, ben] = paths as [string, string];
    await applyOps(ben, 'Ben', documentId, [{ type: 'create', kind: 'figure', start: 41, length: 12 }]);
    const benSession = openProject(ben, { analystName: 'Ben' });
    await call(benSession, 'document.import', { source: { type: 'file', fileName: 'a.txt', content: readFileSync(join(SAMPLE_DIR, '000_734da4ab211b7c49.txt')) } });
    benSession.close();
    const annaSession = openProject(anna, { analystName: 'Anna' });
    await call(annaSession, 'document.import', { source: { type: 'file', fileName: 'same.txt', content: readFileSync(join(SAMPLE_DIR, '000_734da4ab211b7c49.txt')) } });
    annaSession.close();

    const before = readFileSync(anna);
    const preview = merge(anna, ben, true);
    expect(readFileSync(anna).equals(before)).toBe(true);
    expect(preview.summary).toMatchObject({ newDocuments: 0, sameDocuments: 2, conflicts: 0, newTags: [{ analyst: 'Ben', kind: 'figure', count: 1 }] });

    merge(anna, ben);
    const merged = contents(anna);
    expect(merged.annotations.filter((a) => a.kind === 'figure')).toHaveLength(1);
    expect(merge(anna, ben).summary).toMatchObject({ newChanges: 0, updatedTags: 0, newTags: [], conflicts: 0 });
  });

  it('stores a merged tag once: its head entry leaves the after to the row, which reads back as the tag and is the next edit’s before', async () => {
    const { paths, documentId } = await forkedProjects(['anna', 'ben']);
    const [anna, ben] = paths as [string, string];
    await applyOps(ben, 'Ben', documentId, [{ type: 'create', kind: 'figure', start: 41, length: 12 }]);
    const benSession = openProject(ben, { analystName: 'Ben' });
    const [figure] = allAnnotations(benSession.db).filter((a) => a.kind === 'figure');
    await call(benSession, 'annotation.update', { id: figure?.id, note: 'checked' });
    benSession.close();
    merge(anna, ben);

    const session = openProject(anna, { analystName: 'Anna' });
    try {
      const tag = allAnnotations(session.db).find((a) => a.id === figure?.id);
      const log = allChanges(session.db).filter((c) => c.entityId === figure?.id);
      expect(log.map((c) => c.op)).toEqual(['create', 'update']);
      expect(JSON.parse(log[1]?.after ?? 'null')).toEqual(tag);
      expect(JSON.parse(log[0]?.after ?? 'null')).toMatchObject({ note: '' });
      const stored = session.db.prepare('SELECT after FROM changes WHERE id = ?').pluck();
      expect([stored.get(log[0]?.id), stored.get(log[1]?.id)]).toEqual([log[0]?.after, null]);
      await call(session, 'annotation.update', { id: figure?.id, note: 'rechecked' });
      const edit = allChanges(session.db).filter((c) => c.entityId === figure?.id)[2];
      expect(JSON.parse(edit?.before ?? 'null')).toEqual(tag);
    } finally {
      session.close();
    }
  });

  it('keeps the snapshot of an entry a file names as the head of another tag than its own', async () => {
    const { paths, documentId } = await forkedProjects(['anna', 'ben']);
    const [anna, ben] = paths as [string, string];
    await applyOps(ben, 'Ben', documentId, [
      { type: 'create', kind: 'figure', start: 41, length: 12 },
      { type: 'create', kind: 'actor', start: 132, length: 7 },
    ]);
    const benSession = openProject(ben, { analystName: 'Ben' });
    const figure = allAnnotations(benSession.db).find((a) => a.kind === 'figure');
    const actor = allAnnotations(benSession.db).find((a) => a.kind === 'actor');
    await call(benSession, 'annotation.update', { id: figure?.id, note: 'checked' });
    const figureCreated = allChanges(benSession.db).find((c) => c.entityId === figure?.id && c.op === 'create');
    benSession.close();
    // The actor's row names the figure's first entry as its head (the figure's own head is its later edit).
    // Its own entry keeps its snapshot, so the file reads as well-formed.
    tamper(
      ben,
      `UPDATE changes SET after = '${JSON.stringify(actor).replace(/'/g, "''")}' WHERE entity_id = '${actor?.id}';
       UPDATE annotation_rows SET head_seq = (SELECT seq FROM changes WHERE id = '${figureCreated?.id}') WHERE id = '${actor?.id}';`,
    );
    merge(anna, ben);

    const session = openProject(anna);
    try {
      const stored = session.db.prepare('SELECT after FROM changes WHERE id = ?').pluck().get(figureCreated?.id) as string | null;
      expect(JSON.parse(stored ?? 'null')).toMatchObject({ id: figure?.id, note: '' });
    } finally {
      session.close();
    }
  });

  it('takes a one-sided edit, and lists an edit-versus-delete as a conflict the newer side wins', async () => {
    const { paths } = await forkedProjects(['anna', 'ben']);
    const [anna, ben] = paths as [string, string];
    const baseTag = contents(anna).annotations[0] as Annotation;
    const annaSession = openProject(anna, { analystName: 'Anna' });
    await call(annaSession, 'annotation.update', { id: baseTag.id, note: 'checked by Anna' });
    annaSession.close();
    const oneSided = merge(ben, anna);
    expect(oneSided.summary).toMatchObject({ updatedTags: 1, conflicts: 0 });
    expect(contents(ben).annotations[0]?.note).toBe('checked by Anna');

    const benSession = openProject(ben, { analystName: 'Ben' });
    await call(benSession, 'annotation.delete', { id: baseTag.id });
    benSession.close();
    const annaAgain = openProject(anna, { analystName: 'Anna' });
    await call(annaAgain, 'annotation.update', { id: baseTag.id, note: 'edited again' });
    annaAgain.close();
    const conflicted = merge(ben, anna);
    expect(conflicted.conflicts).toHaveLength(1);
    const result = contents(ben).annotations[0] as Annotation;
    expect(result.note).toBe('edited again'); // Anna's edit is newer than Ben's deletion
    expect(result.deletedAt).toBeNull();
    const db = new Database(ben, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM merge_conflicts').pluck().get()).toBe(1);
    db.close();
    // Ben's deletion is kept in the history.
    expect(allChangesOf(ben, baseTag.id).some((c) => c.op === 'delete')).toBe(true);
  });

  it('satisfies the merge laws over random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { maxLength: 6 }), fc.array(opArbitrary, { maxLength: 6 }), fc.array(opArbitrary, { maxLength: 4 }), async (opsA, opsB, opsC) => {
        const { paths, documentId } = await forkedProjects(['a', 'b', 'c']);
        const [a, b, c] = paths as [string, string, string];
        await applyOps(a, 'Anna', documentId, opsA);
        await applyOps(b, 'Ben', documentId, opsB);
        await applyOps(c, 'Cleo', documentId, opsC);
        const inputs = [contents(a), contents(b), contents(c)];

        // A into B and B into A agree.
        const step = (label: string, f: () => unknown) => {
          try {
            return f();
          } catch (error) {
            throw new Error(`${label}: ${(error as Error).message}`);
          }
        };
        const ab = copyOf(a);
        step('ab<-b', () => merge(ab, b));
        const ba = copyOf(b);
        step('ba<-a', () => merge(ba, a));
        expect(contents(ab)).toEqual(contents(ba));

        // A tag only the teammate has arrives exactly as they left it: same analyst, attributes, note and dates.
        const inA = new Set(contents(a).annotations.map((tag) => tag.id));
        const mergedTags = new Map(contents(ab).annotations.map((tag) => [tag.id, tag]));
        for (const tag of contents(b).annotations) if (!inA.has(tag.id)) expect(mergedTags.get(tag.id)).toEqual(tag);

        // Merging the same file again changes nothing.
        const again = merge(ab, b);
        expect(again.writes).toEqual([]);
        expect(again.tagWrites.size).toBe(0);
        expect(again.newChangeIds.size).toBe(0);

        // Any order gives the same result.
        const abc = copyOf(a);
        merge(abc, b);
        merge(abc, c);
        const acb = copyOf(a);
        merge(acb, c);
        merge(acb, b);
        const cba = copyOf(c);
        merge(cba, b);
        merge(cba, a);
        expect(contents(abc)).toEqual(contents(acb));
        expect(contents(abc)).toEqual(contents(cba));

        // Every tag and every change of every input is still there, alive or as a tombstone.
        const result = contents(abc);
        const ids = new Set(result.annotations.map((x) => x.id));
        const changes = new Set(result.changes);
        for (const input of inputs) {
          for (const tag of input.annotations) expect(ids.has(tag.id)).toBe(true);
          for (const change of input.changes) expect(changes.has(change)).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

function allChangesOf(path: string, entityId: string) {
  const session = openProject(path, { readOnly: true });
  try {
    return allChanges(session.db).filter((c) => c.entityId === entityId);
  } finally {
    session.close();
  }
}

describe('a teammate’s file is untrusted', () => {
  async function projectWithTag(): Promise<string> {
    const { paths } = await forkedProjects(['t']);
    return paths[0] as string;
  }
  function expectRefused(into: string, from: string, message: RegExp): void {
    const before = readFileSync(into);
    try {
      merge(into, from);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(message);
    }
    expect(readFileSync(into).equals(before)).toBe(true);
  }

  it('refuses extra triggers, views or tables', async () => {
    const mine = await projectWithTag();
    const theirs = copyOf(mine);
    const db = new Database(theirs);
    db.exec("CREATE TRIGGER sneaky AFTER INSERT ON analysts BEGIN DELETE FROM documents; END;");
    db.close();
    expectRefused(mine, theirs, /contains a trigger “sneaky” that Marginalia does not make/);
    const viewFile = copyOf(mine);
    const v = new Database(viewFile);
    v.exec('CREATE VIEW everything AS SELECT * FROM documents');
    v.close();
    expectRefused(mine, viewFile, /contains a view “everything” that Marginalia does not make/);
    const tableFile = copyOf(mine);
    const t = new Database(tableFile);
    t.exec('CREATE TABLE stowaway (payload TEXT) STRICT');
    t.close();
    expectRefused(mine, tableFile, /contains a table “stowaway” that Marginalia does not make/);
  });

  it('refuses a tag whose quote does not match the text, and a text that does not match its hash', async () => {
    const mine = await projectWithTag();
    const badQuote = copyOf(mine);
    tamper(badQuote, "UPDATE annotation_rows SET exact = 'forged'");
    expectRefused(mine, badQuote, /quote does not match/);
    const badText = copyOf(mine);
    tamper(badText, "UPDATE documents SET text = 'Something else entirely'");
    expectRefused(mine, badText, /SHA-256|quote/);
  });

  it('refuses bad kinds, out-of-range offsets and foreign files, and never writes to the teammate’s file', async () => {
    const mine = await projectWithTag();
    const badOffsets = copyOf(mine);
    tamper(badOffsets, 'UPDATE annotation_rows SET end_offset = 100000');
    expectRefused(mine, badOffsets, /outside its document/);
    const garbage = join(dir.path, 'garbage.marginalia');
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    expectRefused(mine, garbage, /not a Marginalia project/);
    const theirs = copyOf(mine);
    const untouched = readFileSync(theirs);
    merge(mine, theirs);
    expect(readFileSync(theirs).equals(untouched)).toBe(true);
  });
});

// Checks `project.compact` and the bounded undo: the change log reads the same after compaction, undo and redo still
// restore the same states, merging a compacted file gives what merging the uncompacted one gives, undo stops at its depth.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allAnnotations } from '../store/annotations';
import { allChanges } from '../store/changes';
import { UNDO_DEPTH } from '../store/history';
import { temporaryDirectory } from '../test-support/project-fixture';
import { createProjectApi } from './handlers';
import { canonical } from './history-service';
import { mergeProjectFile } from './merge/index';
import { createProject, openProject, type ProjectSession } from './session';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const TEXT = 'Envoys met in Davos on Tuesday. The $800 billion plan was discussed. Zelensky and Witkoff spoke again.';

async function call<T = unknown>(session: ProjectSession, method: string, request: unknown): Promise<T> {
  const result = await createProjectApi(session).call(method, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

type Op = { type: 'create'; start: number; length: number } | { type: 'note'; pick: number; note: string } | { type: 'delete'; pick: number } | { type: 'undo' } | { type: 'redo' };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('create' as const), start: fc.nat(TEXT.length - 10), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ type: fc.constant('note' as const), pick: fc.nat(), note: fc.string({ maxLength: 8 }) }),
  fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }),
  fc.constant({ type: 'undo' as const }),
  fc.constant({ type: 'redo' as const }),
);

async function apply(session: ProjectSession, documentId: string, ops: readonly Op[]): Promise<void> {
  for (const op of ops) {
    const live = allAnnotations(session.db).filter((a) => a.deletedAt === null);
    const target = live.length > 0 && 'pick' in op ? live[op.pick % live.length] : undefined;
    const api = createProjectApi(session);
    // Refusals (a range inside a word's surrogate pair, an undo over a later change) are part of the game.
    if (op.type === 'create') await api.call('annotation.create', { documentId, kind: 'claim', target: { start: op.start, end: op.start + op.length } });
    else if (op.type === 'note' && target) await api.call('annotation.update', { id: target.id, note: op.note });
    else if (op.type === 'delete' && target) await api.call('annotation.delete', { id: target.id });
    else if (op.type === 'undo') await api.call('history.undo', {});
    else if (op.type === 'redo') await api.call('history.redo', {});
  }
}

/** Every entry's snapshots written out in full, as files made before the log was compact store them. */
function storeInFull(session: ProjectSession): void {
  const full = allChanges(session.db);
  const write = session.db.prepare('UPDATE changes SET before = ?, after = ? WHERE id = ?');
  session.db.transaction(() => full.forEach((c) => write.run(c.before, c.after, c.id)))();
}

const logOf = (session: ProjectSession) => allChanges(session.db).map((c) => ({ ...c, before: c.before && canonical(JSON.parse(c.before)), after: canonical(JSON.parse(c.after)) }));
const tagsOf = (session: ProjectSession) => allAnnotations(session.db).sort((a, b) => a.id.localeCompare(b.id));

async function newProject(name: string, ops: readonly Op[]): Promise<{ path: string; documentId: string }> {
  const path = join(dir.path, `${name}.marginalia`);
  const session = createProject(path, 'Shared', { analystName: 'Ada' });
  const { document } = await call<{ document: { id: string } }>(session, 'document.import', { source: { type: 'text', text: TEXT, title: 'Davos' } });
  await apply(session, document.id, ops);
  storeInFull(session);
  session.close();
  return { path, documentId: document.id };
}

describe('project.compact', () => {
  it('keeps the change log reading the same, and undo and redo restoring the same states as without compaction', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom<Op>({ type: 'undo' }, { type: 'redo' }), { maxLength: 6 }), async (ops, later) => {
        const { path, documentId } = await newProject(`p${run++}`, ops);
        const copy = `${path}.copy`;
        copyFileSync(path, copy);
        const compacted = openProject(path, { analystName: 'Ada' });
        const plain = openProject(copy, { analystName: 'Ada' });
        try {
          const log = logOf(compacted);
          const result = await call<{ bytesBefore: number; bytesAfter: number; snapshotsDropped: number }>(compacted, 'project.compact', {});
          expect(result.snapshotsDropped).toBeGreaterThanOrEqual(allAnnotations(compacted.db).length);
          expect(logOf(compacted)).toEqual(log);
          await apply(compacted, documentId, later);
          await apply(plain, documentId, later);
          const stripTimes = (tags: ReturnType<typeof tagsOf>) => tags.map(({ updatedAt: _u, deletedAt, ...rest }) => ({ ...rest, deleted: deletedAt !== null }));
          expect(stripTimes(tagsOf(compacted))).toEqual(stripTimes(tagsOf(plain)));
        } finally {
          compacted.close();
          plain.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('gives back space and says how much', async () => {
    const ops: Op[] = Array.from({ length: 40 }, (_, i) => ({ type: 'create', start: (i * 7) % (TEXT.length - 10), length: 3 + (i % 5) }));
    const { path } = await newProject('space', [...ops, ...ops.map((_, i): Op => ({ type: 'note', pick: i, note: `note ${i}` }))]);
    const session = openProject(path, { analystName: 'Ada' });
    try {
      const result = await call<{ bytesBefore: number; bytesAfter: number; snapshotsDropped: number }>(session, 'project.compact', {});
      expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
      expect(result.snapshotsDropped).toBeGreaterThan(40);
    } finally {
      session.close();
    }
  });

  it('merges a compacted file into a teammate’s exactly as the same file uncompacted', async () => {
    const base = await newProject('base', [{ type: 'create', start: 0, length: 6 }]);
    const [into1, into2, from] = ['into1', 'into2', 'from'].map((n) => join(dir.path, `${n}.marginalia`));
    for (const path of [into1!, into2!, from!]) copyFileSync(base.path, path);
    const teammate = openProject(from!, { analystName: 'Ben' });
    await apply(teammate, base.documentId, [{ type: 'create', start: 14, length: 5 }, { type: 'note', pick: 0, note: 'x' }, { type: 'delete', pick: 1 }, { type: 'undo' }]);
    storeInFull(teammate);
    teammate.close();
    const fromCompacted = `${from}.compacted`;
    copyFileSync(from!, fromCompacted);
    const compacting = openProject(fromCompacted, { analystName: 'Ben' });
    await call(compacting, 'project.compact', {});
    compacting.close();
    const results = [];
    for (const [into, source] of [[into1!, from!], [into2!, fromCompacted]] as const) {
      const session = openProject(into, { analystName: 'Ada' });
      mergeProjectFile(session, source);
      results.push({ tags: tagsOf(session), log: logOf(session) });
      session.close();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.tags.length).toBe(2);
  });
});

describe('the change log as written', () => {
  it('stores neither snapshot of a tag’s latest change, and reads both back in full', async () => {
    const session = createProject(join(dir.path, 'written.marginalia'), 'Written', { analystName: 'Ada' });
    try {
      const { document } = await call<{ document: { id: string } }>(session, 'document.import', { source: { type: 'text', text: TEXT, title: 'Davos' } });
      const tag = await call<{ id: string }>(session, 'annotation.create', { documentId: document.id, kind: 'claim', target: { start: 0, end: 6 } });
      await call(session, 'annotation.update', { id: tag.id, note: 'first' });
      await call(session, 'annotation.update', { id: tag.id, note: 'second' });
      const stored = session.db.prepare('SELECT before IS NULL AS noBefore, after IS NULL AS noAfter FROM changes ORDER BY seq').all();
      expect(stored).toEqual([
        { noBefore: 1, noAfter: 0 },
        { noBefore: 1, noAfter: 0 },
        { noBefore: 1, noAfter: 1 },
      ]);
      const notes = allChanges(session.db).map((c) => [c.before && (JSON.parse(c.before) as { note: string }).note, (JSON.parse(c.after) as { note: string }).note]);
      expect(notes).toEqual([
        [null, ''],
        ['', 'first'],
        ['first', 'second'],
      ]);
    } finally {
      session.close();
    }
  });
});

describe('undo', () => {
  it(`takes back at most the last ${UNDO_DEPTH} actions of an analyst`, async () => {
    const session = createProject(join(dir.path, 'deep.marginalia'), 'Deep', { analystName: 'Ada' });
    try {
      const text = 'word '.repeat(UNDO_DEPTH + 3);
      const { document } = await call<{ document: { id: string } }>(session, 'document.import', { source: { type: 'text', text, title: 'Long' } });
      for (let i = 0; i < UNDO_DEPTH + 3; i++) await call(session, 'annotation.create', { documentId: document.id, kind: 'claim', target: { start: 0, end: 4 + 5 * i } });
      let undone = 0;
      while ((await call<{ undone: unknown }>(session, 'history.undo', {})).undone !== null) undone++;
      expect(undone).toBe(UNDO_DEPTH);
      expect(allAnnotations(session.db).filter((a) => a.deletedAt === null)).toHaveLength(3);
    } finally {
      session.close();
    }
  });
});

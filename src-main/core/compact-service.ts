// `project.compact`: the change log's snapshots stored once (a tag's row, a parent's `after`), then the file vacuumed.
import { statSync } from 'node:fs';
import type { ResponseOf } from '../../src-shared/api/contract';
import { ANNOTATION_ROW_AS_JSON, IS_HEAD_OF_ROW } from '../store/changes';
import type { Db } from '../store/open-project';
import { canonical } from './history-service';
import type { ProjectSession } from './session';

/** Rows compared per query: the log is read in pages, never whole. */
const PAGE = 2_000;

const same = (a: string, b: string): boolean => canonical(JSON.parse(a)) === canonical(JSON.parse(b));

/** Sets `column` to NULL on the entries whose stored snapshot equals what readers put back, page by page; returns how many. */
function dropRedundant(db: Db, sql: string, column: 'before' | 'after'): number {
  const page = db.prepare(sql);
  const clear = db.prepare(`UPDATE changes SET ${column} = NULL WHERE seq = ?`);
  let dropped = 0;
  for (let from = 0; ; ) {
    const rows = page.all(from, PAGE) as { seq: number; stored: string; putBack: string | null }[];
    if (rows.length === 0) return dropped;
    for (const row of rows) {
      if (row.putBack !== null && same(row.stored, row.putBack)) {
        clear.run(row.seq);
        dropped++;
      }
    }
    from = rows[rows.length - 1]!.seq;
  }
}

function fileBytes(path: string): number {
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  return size(path) + size(`${path}-wal`);
}

/**
 * Stores every snapshot of the change log once: a `before` equal to its parent's `after` is left to the parent, and
 * the `after` of a tag's latest change is left to the tag's row (what readers put back is checked equal first). Then
 * VACUUM gives the space back. The log stays complete: every entry reads as before. All or nothing.
 */
export function compactProject(session: ProjectSession): ResponseOf<'project.compact'> {
  const db = session.db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytesBefore = fileBytes(session.path);
  const { befores, afters } = db.transaction(() => ({
    befores: dropRedundant(
      db,
      `SELECT c.seq, c.before AS stored, p.after AS putBack FROM changes c JOIN changes p ON p.id = c.parent_id
       WHERE c.seq > ? AND c.before IS NOT NULL AND c.op <> 'create' AND p.after IS NOT NULL ORDER BY c.seq LIMIT ?`,
      'before',
    ),
    afters: dropRedundant(
      db,
      `SELECT c.seq, c.after AS stored, ${ANNOTATION_ROW_AS_JSON('a')} AS putBack FROM changes c
       JOIN annotation_rows a ON a.id = c.entity_id AND ${IS_HEAD_OF_ROW('a', 'c')}
       WHERE c.seq > ? AND c.entity_type = 'annotation' AND c.after IS NOT NULL ORDER BY c.seq LIMIT ?`,
      'after',
    ),
  }))();
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { bytesBefore, bytesAfter: fileBytes(session.path), snapshotsDropped: befores + afters };
}

// The project row and the analysts of a project file.
import type { Analyst } from '../../src-shared/api/contract';
import type { AnalystId, ProjectId } from '../../src-shared/model/ids';
import { onLiveDocumentKey } from './documents';
import type { Db } from './open-project';
import { statement } from './statements';
import { CHANGES_WITH_SNAPSHOTS } from './changes';

export interface ProjectMeta {
  id: ProjectId;
  name: string;
  createdAt: string;
  createdWithVersion: string;
}

export function insertProjectMeta(db: Db, meta: ProjectMeta): void {
  statement(db, 
    'INSERT INTO project (singleton, id, name, created_at, created_with_version) VALUES (1, @id, @name, @createdAt, @createdWithVersion)',
  ).run(meta);
}

export function projectMeta(db: Db): ProjectMeta | undefined {
  return statement(db, 'SELECT id, name, created_at AS createdAt, created_with_version AS createdWithVersion FROM project WHERE singleton = 1')
    .get() as ProjectMeta | undefined;
}

export function allAnalysts(db: Db): Analyst[] {
  return statement(db, 'SELECT id, display_name AS name FROM analysts ORDER BY display_name, id').all() as Analyst[];
}

export function analystByName(db: Db, name: string): Analyst | undefined {
  return statement(db, 'SELECT id, display_name AS name FROM analysts WHERE display_name = ? ORDER BY created_at LIMIT 1').get(name) as
    | Analyst
    | undefined;
}

/** Records an analyst; `origin` says where the identity came from ('local' unless merged or imported). */
export function insertAnalyst(db: Db, analyst: { id: AnalystId; name: string; createdAt: string; origin?: string }): void {
  statement(db, 'INSERT INTO analysts (id, display_name, created_at, origin) VALUES (@id, @name, @createdAt, @origin)').run({
    origin: 'local',
    ...analyst,
  });
}

export interface AnalystRow extends Analyst {
  origin: string;
  /** Live tags made by this analyst. */
  tagCount: number;
}

/** Every analyst with origin and live tag count, by name. */
export function analystRows(db: Db): AnalystRow[] {
  return statement(
    db,
    // One pass over the tags' table for every analyst (it has no index by analyst), by key (see tagCountsByDocument).
    `SELECT a.id, a.display_name AS name, a.origin, coalesce(c.n, 0) AS tagCount
     FROM analysts a LEFT JOIN analyst_keys k ON k.id = a.id
     LEFT JOIN (SELECT analyst_key, count(*) AS n FROM annotation_rows WHERE deleted_at IS NULL AND ${onLiveDocumentKey()} GROUP BY analyst_key) c
       ON c.analyst_key = k.key
     ORDER BY a.display_name COLLATE NOCASE, a.created_at, a.id`,
  ).all() as AnalystRow[];
}

/**
 * The analysts some of whose tags were moved to another analyst (a combine), as recorded in the change log — so a
 * combine made in a teammate's file is known here once merged.
 */
export function analystsCombinedAway(db: Db, candidates: readonly string[]): Set<string> {
  if (candidates.length === 0) return new Set();
  const rows = statement(
    db,
    `SELECT DISTINCT json_extract(before, '$.analystId') AS id FROM (${CHANGES_WITH_SNAPSHOTS} WHERE c.entity_type = 'annotation' AND c.op = 'update')
     WHERE json_extract(before, '$.analystId') <> json_extract(after, '$.analystId')
       AND json_extract(before, '$.analystId') IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(candidates)) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

export function renameAnalyst(db: Db, id: AnalystId, name: string): void {
  statement(db, 'UPDATE analysts SET display_name = ? WHERE id = ?').run(name, id);
}

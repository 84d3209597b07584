// The project row and the analysts of a project file.
import type { Analyst } from '../../src-shared/api/contract';
import type { AnalystId, ProjectId } from '../../src-shared/model/ids';
import type { Db } from './open-project';
import { statement } from './statements';

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

export function insertAnalyst(db: Db, analyst: { id: AnalystId; name: string; createdAt: string }): void {
  statement(db, 'INSERT INTO analysts (id, display_name, created_at) VALUES (@id, @name, @createdAt)').run(analyst);
}

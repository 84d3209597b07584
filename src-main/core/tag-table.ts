// `annotation.query` and `annotation.groups`: the project-wide tag table, one page of rows at a time, and its grouped views.
import type { ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import { tagGroups, tagTableRows } from '../store/tag-table';
import type { ProjectSession } from './session';
import { TagTableIndex } from './tag-table-index';

/** Rows per page when the request names no limit. */
export const DEFAULT_TAG_PAGE = 500;

export function queryTagTable(session: ProjectSession, request: ValidRequestOf<'annotation.query'>): ResponseOf<'annotation.query'> {
  const { sort, offset, limit, ...filters } = request;
  const order = { column: sort?.column ?? 'date', descending: sort?.descending ?? sort === undefined };
  const { ids, total } = session.part(TagTableIndex).page(session.db, filters, order, { offset: offset ?? 0, limit: limit ?? DEFAULT_TAG_PAGE });
  return { rows: tagTableRows(session.db, ids), total } as ResponseOf<'annotation.query'>;
}

export function groupTagTable(session: ProjectSession, request: ValidRequestOf<'annotation.groups'>): ResponseOf<'annotation.groups'> {
  const { by, ...filters } = request;
  return { groups: tagGroups(session.db, filters, by) };
}


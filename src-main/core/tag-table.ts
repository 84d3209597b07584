// `annotation.query` and `annotation.groups`: the project-wide tag table, one page of rows at a time, and its grouped views.
import type { ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import { tagGroups, tagTablePage, tagTableRows } from '../store/tag-table';
import type { ProjectSession } from './session';
import { TagTableIndex } from './tag-table-index';

/** Rows per page when the request names no limit. */
export const DEFAULT_TAG_PAGE = 500;

export function queryTagTable(session: ProjectSession, request: ValidRequestOf<'annotation.query'>): ResponseOf<'annotation.query'> {
  const { sort, offset, limit, ...filters } = request;
  const order = { column: sort?.column ?? 'date', descending: sort?.descending ?? sort === undefined };
  const page = { offset: offset ?? 0, limit: limit ?? DEFAULT_TAG_PAGE };
  const index = session.part(TagTableIndex);
  if (!index.ready) {
    // Reading every tag into memory takes most of a second on a large project: the first page is answered by SQL
    // (the same rows, held to it by the index's property test) and the table is read right after.
    index.warmSoon(session.db);
    return tagTablePage(session.db, filters, order, page) as ResponseOf<'annotation.query'>;
  }
  const { ids, total } = index.page(session.db, filters, order, page);
  return { rows: tagTableRows(session.db, ids), total } as ResponseOf<'annotation.query'>;
}

export function groupTagTable(session: ProjectSession, request: ValidRequestOf<'annotation.groups'>): ResponseOf<'annotation.groups'> {
  const { by, ...filters } = request;
  return { groups: tagGroups(session.db, filters, by) };
}


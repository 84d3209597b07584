// Gathers what the exporters read from an open project, once per export: the live tags the filters keep.
import type { ValidRequestOf } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import { allActors } from '../../store/actors';
import { allAnnotations } from '../../store/annotations';
import { allDocumentMetas, documentById } from '../../store/documents';
import { allAnalysts, projectMeta } from '../../store/project-meta';
import { tagTableIds } from '../../store/tag-table';
import type { Document } from '../../../src-shared/model/document';
import type { ProjectSession } from '../session';
import { reviewStatusOf } from './snapshot-index';
import type { ExportSnapshot } from './types';

/** Which tags an export holds (the filter fields of `export.project`, `tagIds` those its tag-table filters keep); absent fields keep all. */
export type ExportFilters = Pick<ValidRequestOf<'export.project'>, 'analystIds' | 'documentIds' | 'statuses'> & { tagIds?: ReadonlySet<string> };

/** An export request's filters, with the tag table's filters (`tags`) turned into the ids of the live tags they keep. */
export function exportFiltersOf(session: ProjectSession, request: ValidRequestOf<'export.project'>): ExportFilters {
  const { analystIds, documentIds, statuses, tags } = request;
  return { analystIds, documentIds, statuses, ...(tags ? { tagIds: new Set(tagTableIds(session.db, tags)) } : {}) };
}

/** Whether the filters keep a tag, deleted or not. */
export function filtersKeep(filters: ExportFilters, annotation: Annotation): boolean {
  if (filters.analystIds && !filters.analystIds.includes(annotation.analystId)) return false;
  if (filters.documentIds && !filters.documentIds.includes(annotation.documentId)) return false;
  if (filters.statuses && !filters.statuses.includes(reviewStatusOf(annotation))) return false;
  if (filters.tagIds && !filters.tagIds.has(annotation.id)) return false;
  return true;
}

/** The project for the file exporters: deleted tags are never part of it; `--document` keeps only those documents. */
export function snapshotOf(session: ProjectSession, filters: ExportFilters = {}): ExportSnapshot {
  const db = session.db;
  const meta = projectMeta(db);
  if (!meta) throw new Error('project row missing');
  const documents = allDocumentMetas(db)
    .filter((m) => !filters.documentIds || filters.documentIds.includes(m.id))
    .map((m) => documentById(db, m.id))
    .filter((d): d is Document => d !== undefined);
  return {
    project: { id: meta.id, name: meta.name, createdAt: meta.createdAt },
    documents,
    annotations: allAnnotations(db).filter((a) => a.deletedAt === null && filtersKeep(filters, a)),
    actors: allActors(db, true),
    analysts: allAnalysts(db),
    exportedAt: session.now(),
  };
}

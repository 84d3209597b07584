// The `json` export: the whole project — documents with their text, tags, actors, analysts — in a versioned schema.
import { figureValue, type Annotation } from '../../src-shared/model/annotation';
import { allActors } from '../store/actors';
import { allAnnotations } from '../store/annotations';
import { allDocumentMetas, documentById } from '../store/documents';
import { allAnalysts, projectMeta } from '../store/project-meta';
import { filtersKeep, type ExportFilters } from './export/snapshot';
import type { ProjectSession } from './session';

/** Bumped whenever a field changes meaning or disappears; adding fields keeps the version. */
export const JSON_EXPORT_VERSION = 1;

function exportedAttributes(annotation: Annotation): Record<string, unknown> {
  if (annotation.kind === 'figure') return { ...annotation.attributes, value: figureValue(annotation.attributes) };
  return { ...annotation.attributes };
}

/**
 * Builds the export object documented in docs/export-json.md. Offsets count UTF-16 code units. The only export that
 * keeps deleted tags (marked by `deletedAt`); the filters apply as in every format.
 */
export function exportProjectJson(session: ProjectSession, filters: ExportFilters = {}): object {
  const db = session.db;
  const meta = projectMeta(db);
  const analysts = allAnalysts(db);
  const analystNames = new Map(analysts.map((a) => [a.id, a.name]));
  const kept = allDocumentMetas(db).filter((m) => !filters.documentIds || filters.documentIds.includes(m.id));
  const documents = kept.map((m) => {
    const doc = documentById(db, m.id);
    return {
      id: m.id,
      title: m.title,
      author: m.author,
      outlet: m.outlet,
      publishedAt: m.publishedAt,
      sha256: m.sha256,
      format: m.format,
      originalName: m.originalName,
      importedAt: m.importedAt,
      importedBy: m.importedBy,
      text: doc?.text ?? '',
    };
  });
  const annotations = allAnnotations(db).filter((a) => filtersKeep(filters, a)).map((a) => ({
    id: a.id,
    documentId: a.documentId,
    kind: a.kind,
    start: a.target?.start ?? null,
    end: a.target?.end ?? null,
    quote: a.target?.exact ?? null,
    prefix: a.target?.prefix ?? null,
    suffix: a.target?.suffix ?? null,
    attributes: exportedAttributes(a),
    note: a.note,
    analystId: a.analystId,
    analyst: analystNames.get(a.analystId) ?? null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    deletedAt: a.deletedAt,
    review: a.review ?? null,
  }));
  return {
    format: 'marginalia-export',
    version: JSON_EXPORT_VERSION,
    offsetUnit: 'utf16',
    exportedAt: session.now(),
    project: meta ? { id: meta.id, name: meta.name, createdAt: meta.createdAt } : null,
    documents,
    annotations,
    actors: allActors(db, true),
    analysts,
  };
}

// The `json` export: the whole project — documents with their text, tags, actors, analysts — in a versioned schema.
import { figureValue, type Annotation } from '../../src-shared/model/annotation';
import { allActors } from '../store/actors';
import type { DocumentMeta } from '../../src-shared/model/document';
import { allAnnotations, eachAnnotation } from '../store/annotations';
import { allDocumentMetas, documentById, documentText } from '../store/documents';
import { allAnalysts, projectMeta } from '../store/project-meta';
import { StreamedArray, writePrettyJson, type ExportTarget } from './export/chunks';
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
  const documents = keptDocuments(session, filters).map((m) => documentEntry(m, documentById(db, m.id)?.text ?? ''));
  const names = analystNames(session);
  const annotations = allAnnotations(db).filter((a) => filtersKeep(filters, a)).map((a) => annotationEntry(a, names));
  return exportObject(session, documents, annotations);
}

/** `exportProjectJson` as its pretty-printed text (2 spaces), written one document and one tag at a time. */
export function streamProjectJson(session: ProjectSession, filters: ExportFilters, target: ExportTarget): void {
  const db = session.db;
  const names = analystNames(session);
  const documents = function* () {
    for (const m of keptDocuments(session, filters)) yield documentEntry(m, documentText(db, m.id) ?? '');
  };
  const annotations = function* () {
    for (const a of eachAnnotation(db)) if (filtersKeep(filters, a)) yield annotationEntry(a, names);
  };
  target.file(PROJECT_JSON_PATH, PROJECT_JSON_MEDIA_TYPE, (sink) =>
    writePrettyJson(sink, exportObject(session, new StreamedArray(documents()), new StreamedArray(annotations()))),
  );
}

export const PROJECT_JSON_PATH = 'project.json';
export const PROJECT_JSON_MEDIA_TYPE = 'application/json';

function keptDocuments(session: ProjectSession, filters: ExportFilters): DocumentMeta[] {
  return allDocumentMetas(session.db).filter((m) => !filters.documentIds || filters.documentIds.includes(m.id));
}

function analystNames(session: ProjectSession): Map<string, string> {
  return new Map(allAnalysts(session.db).map((a) => [a.id as string, a.name]));
}

function documentEntry(m: DocumentMeta, text: string) {
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
    text,
  };
}

function annotationEntry(a: Annotation, names: ReadonlyMap<string, string>) {
  return {
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
    analyst: names.get(a.analystId) ?? null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    deletedAt: a.deletedAt,
    review: a.review ?? null,
  };
}

function exportObject(session: ProjectSession, documents: unknown, annotations: unknown): object {
  const db = session.db;
  const meta = projectMeta(db);
  return {
    format: 'marginalia-export',
    version: JSON_EXPORT_VERSION,
    offsetUnit: 'utf16',
    exportedAt: session.now(),
    project: meta ? { id: meta.id, name: meta.name, createdAt: meta.createdAt } : null,
    documents,
    annotations,
    actors: allActors(db, true),
    analysts: allAnalysts(db),
  };
}

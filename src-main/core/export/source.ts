// What a streaming export reads: the project's small lists at once, then one document at a time with its tags.
import type { Annotation } from '../../../src-shared/model/annotation';
import type { Document, DocumentMeta } from '../../../src-shared/model/document';
import { allActors } from '../../store/actors';
import { annotationsForDocument } from '../../store/annotations';
import { allDocumentMetas, documentById } from '../../store/documents';
import { allAnalysts, projectMeta } from '../../store/project-meta';
import type { ProjectSession } from '../session';
import { filtersKeep, type ExportFilters } from './snapshot';
import { exportOrder } from './snapshot-index';
import type { ExportSnapshot } from './types';

/** One document of the export: its live tags the filters keep, in export order, and its text loaded on demand. */
export interface ExportDocument {
  meta: DocumentMeta;
  tags: readonly Annotation[];
  load(): Document;
}

/** An ExportSnapshot without its documents' texts and tags, which `eachDocument` gives one document at a time. */
export interface ExportSource extends Omit<ExportSnapshot, 'documents' | 'annotations'> {
  documents: readonly DocumentMeta[];
  eachDocument(): Iterable<ExportDocument>;
}

/** The project as the file exporters stream it: the same documents and tags as `snapshotOf`, read per document. */
export function sourceOfSession(session: ProjectSession, filters: ExportFilters = {}): ExportSource {
  const db = session.db;
  const meta = projectMeta(db);
  if (!meta) throw new Error('project row missing');
  const documents = allDocumentMetas(db).filter((m) => !filters.documentIds || filters.documentIds.includes(m.id));
  return {
    project: { id: meta.id, name: meta.name, createdAt: meta.createdAt },
    documents,
    actors: allActors(db, true),
    analysts: allAnalysts(db),
    exportedAt: session.now(),
    *eachDocument() {
      for (const document of documents) {
        const tags = annotationsForDocument(db, document.id, false).filter((a) => filtersKeep(filters, a));
        yield {
          meta: document,
          tags: tags.sort(exportOrder),
          load: () => {
            const loaded = documentById(db, document.id);
            if (!loaded) throw new Error(`document ${document.id} disappeared during the export`);
            return loaded;
          },
        };
      }
    },
  };
}

// Gathers what the exporters read from an open project, once per export.
import { allActors } from '../../store/actors';
import { allAnnotations } from '../../store/annotations';
import { allDocumentMetas, documentById } from '../../store/documents';
import { allAnalysts, projectMeta } from '../../store/project-meta';
import type { Document } from '../../../src-shared/model/document';
import type { ProjectSession } from '../session';
import type { ExportSnapshot } from './types';

export function snapshotOf(session: ProjectSession): ExportSnapshot {
  const db = session.db;
  const meta = projectMeta(db);
  if (!meta) throw new Error('project row missing');
  const documents = allDocumentMetas(db)
    .map((m) => documentById(db, m.id))
    .filter((d): d is Document => d !== undefined);
  return {
    project: { id: meta.id, name: meta.name, createdAt: meta.createdAt },
    documents,
    annotations: allAnnotations(db),
    actors: allActors(db, true),
    analysts: allAnalysts(db),
    exportedAt: session.now(),
  };
}

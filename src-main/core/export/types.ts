// What an exporter produces: one or more files, text or binary, named relative to the export's destination.
import type { Actor } from '../../../src-shared/model/actor';
import type { Annotation } from '../../../src-shared/model/annotation';
import type { Document } from '../../../src-shared/model/document';
import type { Analyst } from '../../../src-shared/api/contract';

export interface ExportedFile {
  /** Relative path, '/'-separated (e.g. "project.json", "brat/article-1.ann"). */
  path: string;
  mediaType: string;
  content: string | Uint8Array;
}

/** Everything an exporter reads, gathered once from the project (deleted tags included; exporters choose). */
export interface ExportSnapshot {
  project: { id: string; name: string; createdAt: string };
  documents: readonly Document[];
  annotations: readonly Annotation[];
  actors: readonly Actor[];
  analysts: readonly Analyst[];
  exportedAt: string;
}

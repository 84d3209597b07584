// Teammates' project files opened for review without merging them: checked like a file to merge, read once into
// memory, and offered as a second annotation set next to this project's analysts.
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyst, ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import type { Annotation } from '../../src-shared/model/annotation';
import type { AnalystId, AnnotationId, DocumentId } from '../../src-shared/model/ids';
import { UserError } from '../../src-shared/model/result';
import { allDocumentMetas } from '../store/documents';
import { readIncomingProject, refusalOfReceived } from './merge/incoming';
import { newPrivateFolder } from './private-files';
import type { ProjectSession, SessionPart } from './session';

/** One teammate's file as the review reads it: its analysts and, by the SHA-256 of each article's text, its live tags. */
export interface TeammateFile {
  fileName: string;
  projectName: string;
  /** The file's analysts under ids minted for this session (a file may hold this project's analysts too). */
  analysts: Analyst[];
  /** Live tags by article text hash; ids re-minted for this session, so they never collide with this project's. */
  tagsByHash: Map<string, Annotation[]>;
  /** The SHA-256 of every article the file holds, tagged or not. */
  documentHashes: Set<string>;
}

/** How many teammate files stay open at once; opening one more forgets the oldest. */
const MAX_OPEN = 4;

/** The teammates' files one project has open for review, by id; forgotten with the project. */
export class OpenTeammateFiles implements SessionPart {
  readonly files = new Map<string, TeammateFile>();

  close(): void {
    this.files.clear();
  }
}

/**
 * Reads a teammate's file — given as bytes, written to a private folder that is removed at once — with every check
 * of a merge (integrity, application id, version, exact schema, every row validated), and keeps what the review
 * needs. Nothing is written to the project; a refused file leaves no trace.
 */
export function openTeammateFile(session: ProjectSession, request: ValidRequestOf<'review.openFile'>): ResponseOf<'review.openFile'> {
  const dir = newPrivateFolder('review');
  const path = join(dir, 'teammate.marginalia');
  let file: TeammateFile;
  try {
    writeFileSync(path, request.content);
    const incoming = readIncomingProject(path, 'review');
    try {
      const analystIds = new Map(incoming.analysts.map((a) => [a.id, randomUUID() as AnalystId]));
      // The teammate's removed articles are not theirs to review: their tags stay out, like their documents.
      const removed = new Set((incoming.documentRecords ?? []).filter(({ record }) => record.deletedAt !== null).map(({ record }) => record.id));
      const live = incoming.documents.filter((d) => !removed.has(d.id));
      const hashOf = new Map(live.map((d) => [d.id, d.sha256]));
      const tagsByHash = new Map<string, Annotation[]>();
      for (const { annotation } of incoming.annotations) {
        const hash = hashOf.get(annotation.documentId);
        if (annotation.deletedAt !== null || hash === undefined) continue;
        const analystId = analystIds.get(annotation.analystId) ?? (randomUUID() as AnalystId);
        const list = tagsByHash.get(hash) ?? [];
        list.push({ ...annotation, id: randomUUID() as AnnotationId, analystId });
        tagsByHash.set(hash, list);
      }
      file = {
        fileName: request.fileName,
        projectName: incoming.project.name,
        analysts: incoming.analysts.map((a) => ({ id: analystIds.get(a.id) as AnalystId, name: a.name })),
        tagsByHash,
        documentHashes: new Set(live.map((d) => d.sha256)),
      };
    } finally {
      incoming.close();
    }
  } catch (error) {
    throw error instanceof UserError ? refusalOfReceived(error, path, request.fileName) : error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const teammateFileId = randomUUID();
  const open = session.part(OpenTeammateFiles).files;
  open.set(teammateFileId, file);
  while (open.size > MAX_OPEN) open.delete(open.keys().next().value as string);
  const ours = allDocumentMetas(session.db);
  const documents = ours
    .filter((d) => file.documentHashes.has(d.sha256))
    .map((d) => ({ documentId: d.id, title: d.title, tags: file.tagsByHash.get(d.sha256)?.length ?? 0 }));
  const ourHashes = new Set(ours.map((d) => d.sha256));
  const otherDocuments = [...file.documentHashes].filter((hash) => !ourHashes.has(hash)).length;
  return { teammateFileId, fileName: file.fileName, projectName: file.projectName, analysts: file.analysts, documents, otherDocuments };
}

export function closeTeammateFile(session: ProjectSession, request: ValidRequestOf<'review.closeFile'>): ResponseOf<'review.closeFile'> {
  session.part(OpenTeammateFiles).files.delete(request.teammateFileId);
  return {};
}

/** The open teammate file with this id, for this project; a clear error when it was closed or never opened. */
export function teammateFile(session: ProjectSession, id: string): TeammateFile {
  const file = session.part(OpenTeammateFiles).files.get(id);
  if (!file) throw new UserError('not_found', 'That teammate’s file is no longer open for review: choose it again.');
  return file;
}

/** The tags `analystId` of the file made on the article with this text hash, under `documentId` of this project. */
export function teammateTags(file: TeammateFile, analystId: string, sha256: string, documentId: DocumentId): Annotation[] {
  if (!file.analysts.some((a) => a.id === analystId)) throw new UserError('not_found', `The analyst is not in “${file.fileName}”.`);
  return (file.tagsByHash.get(sha256) ?? []).filter((t) => t.analystId === analystId).map((t) => ({ ...t, documentId }));
}

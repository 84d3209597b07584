// Editing a document's details (title, date, author, source) and removing a document with its tags: each one
// undoable step in the change log; the text is never changed, and a removed document is a tombstone that hides it.
import type { ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import type { DocumentMeta, DocumentRecord } from '../../src-shared/model/document';
import { UserError } from '../../src-shared/model/result';
import { documentMetaById, documentRecordById } from '../store/documents';
import { liveAnnotationCountOfDocument } from '../store/annotations';
import { recordChange, runAction, shortQuote } from './record-change';
import type { ProjectSession } from './session';

function liveRecord(session: ProjectSession, id: string): DocumentRecord {
  const stored = documentRecordById(session.db, id);
  if (!stored || stored.record.deletedAt !== null) throw new UserError('not_found', `There is no document with id ${id} in this project.`);
  return stored.record;
}

function metaOf(session: ProjectSession, id: string): DocumentMeta {
  const meta = documentMetaById(session.db, id);
  if (!meta) throw new Error(`document ${id} vanished inside its own transaction`);
  return meta;
}

/** Blank text means "none" for the author and the source. */
function orNull(value: string | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value === null || value.trim() === '' ? null : value.trim();
}

/** Changes the details the request names; nothing is recorded when none differs. */
export function updateDocument(session: ProjectSession, request: ValidRequestOf<'document.update'>): ResponseOf<'document.update'> {
  const current = liveRecord(session, request.id);
  const change: Partial<DocumentRecord> = {};
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if ([request.title, request.author, request.outlet].some((v) => typeof v === 'string' && /[\u0000-\u001f\u007f-\u009f]/.test(v))) {
    throw new UserError('invalid_request', 'A title, author or source is one line of text: it cannot hold line breaks or control characters.');
  }
  if (request.title !== undefined) change.title = request.title.trim();
  if (request.publishedAt !== undefined) change.publishedAt = request.publishedAt;
  const author = orNull(request.author);
  if (author !== undefined) change.author = author;
  const outlet = orNull(request.outlet);
  if (outlet !== undefined) change.outlet = outlet;
  const differs = (Object.keys(change) as (keyof DocumentRecord)[]).some((key) => change[key] !== current[key]);
  if (!differs) return metaOf(session, request.id);
  return runAction(session, `Edit the details of “${shortQuote(current.title)}”`, (historyId) => {
    const edited: DocumentRecord = { ...current, ...change, analystId: session.analystForWriting().id, updatedAt: session.now() };
    recordChange(session, { type: 'document', value: edited }, 'edit', historyId);
    return metaOf(session, request.id);
  });
}

/** Removes a document: it and its tags leave every list, search, count and export until the removal is undone. */
export function removeDocument(session: ProjectSession, request: ValidRequestOf<'document.remove'>): ResponseOf<'document.remove'> {
  const current = liveRecord(session, request.id);
  const document = metaOf(session, request.id);
  const tagCount = liveAnnotationCountOfDocument(session.db, request.id);
  runAction(session, `Remove “${shortQuote(current.title)}”`, (historyId) => {
    const at = session.now();
    recordChange(session, { type: 'document', value: { ...current, analystId: session.analystForWriting().id, updatedAt: at, deletedAt: at } }, 'edit', historyId);
  });
  return { document, tagCount };
}

/** Brings back a removed document (its text imported again), as one undoable step; call inside the import's transaction. */
export function restoreRemovedDocument(session: ProjectSession, id: string): DocumentMeta {
  const stored = documentRecordById(session.db, id);
  if (!stored) throw new Error(`document ${id} is not in the project`);
  if (stored.record.deletedAt === null) return metaOf(session, id);
  return runAction(session, `Import “${shortQuote(stored.record.title)}” again`, (historyId) => {
    const restored: DocumentRecord = { ...stored.record, analystId: session.analystForWriting().id, updatedAt: session.now(), deletedAt: null };
    recordChange(session, { type: 'document', value: restored }, 'edit', historyId);
    return metaOf(session, id);
  });
}

// The full-text search index (FTS5, contentless): keeping a document's entry in step with its text, and matching.
import type { DocumentId } from '../../src-shared/model/ids';
import type { Db } from './open-project';
import { statement } from './statements';

/**
 * Puts `text` in the index as document `documentId`, replacing what was indexed for it before. The one way a
 * document enters the index: call it in the transaction that stores or changes the text.
 */
export function indexDocument(db: Db, documentId: DocumentId, text: string): void {
  const existing = statement(db, 'SELECT id FROM search_documents WHERE document_id = ?').pluck().get(documentId) as number | undefined;
  if (existing !== undefined) statement(db, 'DELETE FROM search_index WHERE rowid = ?').run(existing);
  const id =
    existing ?? Number(statement(db, 'INSERT INTO search_documents (document_id) VALUES (?)').run(documentId).lastInsertRowid);
  statement(db, 'INSERT INTO search_index (rowid, text) VALUES (?, ?)').run(id, text);
}

export interface MatchedDocument {
  documentId: DocumentId;
  title: string;
}

/** Index entries of removed documents: left out of every search (found through the index of removed documents, migration 120). */
const NOT_REMOVED = 'rowid NOT IN (SELECT s.id FROM search_documents s JOIN documents d ON d.id = s.document_id WHERE d.deleted_at IS NOT NULL)';

/** How many documents in the project (not removed) match an FTS5 query. SQLite errors propagate. */
export function matchCount(db: Db, ftsQuery: string): number {
  return statement(db, `SELECT count(*) FROM search_index WHERE search_index MATCH @query AND ${NOT_REMOVED}`).pluck().get({ query: ftsQuery }) as number;
}

/**
 * One page of the index entries of the documents in the project (not removed) matching an FTS5 query, best first
 * (bm25, FTS5's rank column; equal ranks in entry order, so pages never overlap). Only the entries' ids: callers read
 * the documents they use with `matchedDocument`. SQLite errors propagate.
 */
export function rankedMatches(db: Db, ftsQuery: string, page: { offset: number; limit: number }): number[] {
  return statement(db, `SELECT rowid FROM search_index WHERE search_index MATCH @query AND ${NOT_REMOVED} ORDER BY rank, rowid LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ query: ftsQuery, ...page }) as number[];
}

/** The index entry of `documentId` (not removed) if it matches an FTS5 query. SQLite errors propagate. */
export function matchInDocument(db: Db, ftsQuery: string, documentId: DocumentId): number[] {
  return statement(db, `SELECT rowid FROM search_index WHERE search_index MATCH @query AND rowid = (SELECT id FROM search_documents WHERE document_id = @documentId) AND ${NOT_REMOVED}`)
    .pluck()
    .all({ query: ftsQuery, documentId }) as number[];
}

/** The document (id and title) of an index entry. */
export function matchedDocument(db: Db, indexId: number): MatchedDocument | undefined {
  return statement(db, 'SELECT s.document_id AS documentId, d.title AS title FROM search_documents s JOIN documents d ON d.id = s.document_id WHERE s.id = ?').get(indexId) as
    | MatchedDocument
    | undefined;
}

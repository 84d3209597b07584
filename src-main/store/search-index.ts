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

/** Index entries of removed documents: left out of every search (the few removed documents are looked up by the tombstone). */
const NOT_REMOVED = 'rowid NOT IN (SELECT s.id FROM search_documents s JOIN documents d ON d.id = s.document_id WHERE d.deleted_at IS NOT NULL)';

/**
 * The index entries of the documents in the project (not removed) matching an FTS5 query, best first (bm25), optionally only `documentId`'s. Only the entries'
 * ids: reading every match's document row as well cost several times the matching itself on 10,000 articles, so
 * callers read the documents they use with `matchedDocument`. SQLite errors propagate.
 */
export function rankedMatches(db: Db, ftsQuery: string, documentId?: DocumentId): number[] {
  if (documentId !== undefined) {
    return statement(db, `SELECT rowid FROM search_index WHERE search_index MATCH @query AND rowid = (SELECT id FROM search_documents WHERE document_id = @documentId) AND ${NOT_REMOVED}`)
      .pluck()
      .all({ query: ftsQuery, documentId }) as number[];
  }
  return statement(db, `SELECT rowid FROM search_index WHERE search_index MATCH @query AND ${NOT_REMOVED} ORDER BY rank`).pluck().all({ query: ftsQuery }) as number[];
}

/** The document (id and title) of an index entry. */
export function matchedDocument(db: Db, indexId: number): MatchedDocument | undefined {
  return statement(db, 'SELECT s.document_id AS documentId, d.title AS title FROM search_documents s JOIN documents d ON d.id = s.document_id WHERE s.id = ?').get(indexId) as
    | MatchedDocument
    | undefined;
}

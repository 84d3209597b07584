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

/** The documents matching an FTS5 query, best first (bm25), optionally only `documentId`. SQLite errors propagate. */
export function matchDocuments(db: Db, ftsQuery: string, documentId?: DocumentId): MatchedDocument[] {
  const only = documentId === undefined ? '' : 'AND s.document_id = @documentId';
  return statement(
    db,
    `SELECT s.document_id AS documentId, d.title AS title
       FROM search_index JOIN search_documents s ON s.id = search_index.rowid JOIN documents d ON d.id = s.document_id
      WHERE search_index MATCH @query ${only} ORDER BY rank`,
  ).all({ query: ftsQuery, ...(documentId === undefined ? {} : { documentId }) }) as MatchedDocument[];
}

// `search.query`: full-text search over every document, hits with offsets, quote and snippet re-found in the text.
import type { ResponseOf, ValidRequestOf } from '../../../src-shared/api/contract';
import { UserError } from '../../../src-shared/model/result';
import { documentMetaById, documentText } from '../../store/documents';
import { matchCount, matchedDocument, matchInDocument, rankedMatches } from '../../store/search-index';
import type { ProjectSession } from '../session';
import { findHits, snippetAround } from './find-hits';
import { parseQuery, positivePhrases, toFtsQuery } from './query';

/** Hits returned when the request names no limit. */
export const DEFAULT_SEARCH_LIMIT = 200;

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Runs an FTS5 read, turning a damaged index or an invalid query into the user's error. */
function reading<T>(query: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const code = sqliteCode(error);
    if (code?.startsWith('SQLITE_CORRUPT')) {
      throw new UserError('project_corrupt', 'The search index of this project file is damaged, so it cannot be searched.');
    }
    if (code === 'SQLITE_ERROR' && error instanceof Error && error.message.startsWith('fts5:')) {
      throw new UserError('invalid_request', `The search “${query}” is not valid: ${error.message.replace(/^fts5:\s*/u, '')}.`);
    }
    throw error;
  }
}

/**
 * The hits of `request.query`, best-matching documents first (bm25) and in text order within each, at most `limit`;
 * `truncated` says more were left out. `documentCount` counts every matching document.
 */
export function searchProject(session: ProjectSession, request: ValidRequestOf<'search.query'>): ResponseOf<'search.query'> {
  const tree = parseQuery(request.query);
  if (request.documentId !== undefined && !documentMetaById(session.db, request.documentId)) {
    throw new UserError('not_found', `There is no document with id ${request.documentId} in this project.`);
  }
  const ftsQuery = toFtsQuery(tree);
  const documentId = request.documentId;
  const documentCount = reading(request.query, () => (documentId === undefined ? matchCount(session.db, ftsQuery) : matchInDocument(session.db, ftsQuery, documentId).length));
  const phrases = positivePhrases(tree);
  const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
  const hits: ResponseOf<'search.query'>['hits'] = [];
  // The ranked documents a page at a time: most documents give a hit, so the first page usually fills the limit.
  const pageSize = Math.max(limit, 1) + 1;
  for (let offset = 0; offset < documentCount; offset += pageSize) {
    const matches = reading(request.query, () =>
      documentId === undefined ? rankedMatches(session.db, ftsQuery, { offset, limit: pageSize }) : matchInDocument(session.db, ftsQuery, documentId),
    );
    for (const indexId of matches) {
      const document = matchedDocument(session.db, indexId);
      if (!document) throw new Error(`search index entry ${indexId} names no document`);
      const text = documentText(session.db, document.documentId) ?? '';
      for (const hit of findHits(text, phrases)) {
        if (hits.length === limit) return { hits, documentCount, truncated: true };
        const snippet = snippetAround(text, hit);
        hits.push({
          documentId: document.documentId,
          title: document.title,
          start: hit.start,
          end: hit.end,
          quote: text.slice(hit.start, hit.end),
          snippet: snippet.text,
          snippetStart: snippet.start,
        });
      }
    }
    if (matches.length < pageSize) break;
  }
  return { hits, documentCount, truncated: false };
}

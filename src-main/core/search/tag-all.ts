// `search.tagAll`: every hit of a search tagged as one kind in one transaction and one undoable step, known ones skipped.
import type { ResponseOf, ValidRequestOf } from '../../../src-shared/api/contract';
import { KIND_LABELS } from '../../../src-shared/model/annotation';
import { UserError } from '../../../src-shared/model/result';
import { liveAnnotationWithSpan } from '../../store/annotations';
import { createAnnotations } from '../annotation-service';
import { shortQuote } from '../record-change';
import type { ProjectSession } from '../session';
import { searchProject } from './search-service';

/** The most hits one call tags: what one `annotation.createMany` takes. */
export const TAG_ALL_LIMIT = 10_000;

/**
 * Tags every hit of `request.query` not already tagged with `request.kind` on the same span by the analyst writing now;
 * refuses, changing nothing, a search with more than TAG_ALL_LIMIT hits. With `dryRun` it only counts.
 */
export function tagSearchHits(session: ProjectSession, request: ValidRequestOf<'search.tagAll'>): ResponseOf<'search.tagAll'> {
  const { query, documentId, kind } = request;
  const result = searchProject(session, { query, limit: TAG_ALL_LIMIT, ...(documentId !== undefined ? { documentId } : {}) });
  if (result.truncated) {
    throw new UserError('invalid_request', `The search has more than ${TAG_ALL_LIMIT.toLocaleString('en')} hits; narrow it (a phrase, one document) to tag them. Nothing was tagged.`);
  }
  const analyst = session.currentAnalyst();
  const fresh = result.hits.filter((hit) => !analyst || liveAnnotationWithSpan(session.db, { documentId: hit.documentId, kind, start: hit.start, end: hit.end, analystId: analyst.id }) === undefined);
  const counts = { tagged: fresh.length, documentCount: new Set(fresh.map((hit) => hit.documentId)).size, skipped: result.hits.length - fresh.length };
  if (request.dryRun === true || fresh.length === 0) return counts;
  const annotations = fresh.map((hit) => ({
    documentId: hit.documentId,
    kind,
    target: { start: hit.start, end: hit.end },
    ...(request.attributes !== undefined ? { attributes: request.attributes } : {}),
    ...(request.note !== undefined ? { note: request.note } : {}),
  }));
  createAnnotations(session, { annotations }, `Tag ${fresh.length} hits of “${shortQuote(query)}” as ${KIND_LABELS[kind].toLowerCase()}`);
  return counts;
}

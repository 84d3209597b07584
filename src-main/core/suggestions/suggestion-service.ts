// Suggestions of an open project: computed from its documents, registry, tags and rejections; accepted as one step.
import type { ResponseOf, ValidRequestOf } from '../../../src-shared/api/contract';
import { actorNameKey, actorNames, type Actor } from '../../../src-shared/model/actor';
import type { AttributesPatch } from '../../../src-shared/model/annotation';
import type { ActorId, DocumentId } from '../../../src-shared/model/ids';
import { UserError } from '../../../src-shared/model/result';
import { offered, suggestDocument, tagsByDocument } from '../../../src-shared/suggest/index';
import { ActorMatcher } from '../../../src-shared/suggest/known-actors';
import { NamedActorScan } from '../../../src-shared/suggest/new-actors';
import { encodeSuggestionSpans } from '../../../src-shared/suggest/spans';
import type { Suggestion, SuggestionCounts, SuggestionKind } from '../../../src-shared/suggest/types';
import { actorById, allActors } from '../../store/actors';
import { allAnnotations, liveTagSpansOfDocument } from '../../store/annotations';
import { allDocumentMetas, documentText } from '../../store/documents';
import { insertRejectedSuggestion, rejectedKeys } from '../../store/rejected-suggestions';
import { newAnnotation } from '../annotation-service';
import { checkpoint } from '../operation';
import { recordChange, runAction, shortQuote } from '../record-change';
import type { ProjectSession } from '../session';

interface Filters {
  documentId?: DocumentId;
  kind?: SuggestionKind;
}

/**
 * What the sources found in each document, remembered per open project: kept while the document's text and the
 * registry stay the same, so a tag, an acceptance or a rejection only filters them again. Until a document's
 * "new actor?" names are read, what the other sources found is kept without them (`withNames` false), and replaced
 * once the names are read and asked for.
 */
interface FoundCache {
  registry: string;
  matcher: ActorMatcher;
  byDocument: Map<string, { sha256: string; found: Suggestion[]; withNames: boolean }>;
}
const caches = new WeakMap<ProjectSession, FoundCache>();

/**
 * The names compromise finds in each document's text (the slowest source, by far), remembered per open project
 * while the text stays the same: they depend on the text alone, so a change to the registry keeps them.
 */
const scans = new WeakMap<ProjectSession, Map<string, { sha256: string; scan: NamedActorScan }>>();

function scanOf(session: ProjectSession, meta: { id: DocumentId; sha256: string }): NamedActorScan {
  let byDocument = scans.get(session);
  if (!byDocument) scans.set(session, (byDocument = new Map()));
  const cached = byDocument.get(meta.id);
  if (cached?.sha256 === meta.sha256) return cached.scan;
  const scan = new NamedActorScan(documentText(session.db, meta.id) ?? '');
  byDocument.set(meta.id, { sha256: meta.sha256, scan });
  return scan;
}

const SCAN_CANCELLED = 'The suggestions were not listed: cancelled.';

/**
 * Reads the names in the documents' texts a section at a time, letting the core's other requests in between, so
 * that the first suggestions of a large article never hold the core for seconds. What is read is kept even when
 * the request is cancelled; another request reading the same text carries on from there.
 */
async function scanNames(session: ProjectSession, metas: readonly { id: DocumentId; sha256: string }[]): Promise<void> {
  const pending = metas.map((meta) => scanOf(session, meta)).filter((scan) => !scan.done);
  const total = pending.reduce((n, scan) => n + scan.progress.total - scan.progress.done, 0);
  let done = 0;
  for (const scan of pending) {
    while (!scan.done) {
      await checkpoint(done, total, SCAN_CANCELLED);
      scan.step();
      done++;
    }
  }
}

/** What the sources found in each document; with `names` false, without the "new actor?" names (not read for it). */
function foundIn(session: ProjectSession, metas: readonly { id: DocumentId; sha256: string }[], kind: SuggestionKind | undefined, names: boolean): Map<string, Suggestion[]> {
  const actors = allActors(session.db, false);
  const registry = JSON.stringify(actors.map((a) => [a.id, a.name, a.kind, a.aliases]));
  let cache = caches.get(session);
  if (cache?.registry !== registry) caches.set(session, (cache = { registry, matcher: new ActorMatcher(actors), byDocument: new Map() }));
  const asked = (found: Suggestion[]) => (kind === undefined && names ? found : found.filter((s) => (kind === undefined || s.kind === kind) && (names || s.source !== 'new-actor')));
  const result = new Map<string, Suggestion[]>();
  for (const meta of metas) {
    const scan = kind === undefined || kind === 'actor' ? scanOf(session, meta) : null;
    const namesAsked = names && scan !== null;
    const cached = cache.byDocument.get(meta.id);
    if (cached?.sha256 === meta.sha256 && (cached.withNames || !namesAsked)) {
      result.set(meta.id, asked(cached.found));
      continue;
    }
    const document = { id: meta.id, textHash: meta.sha256, text: documentText(session.db, meta.id) ?? '' };
    // One kind asked for, or the names asked for while they are still being read: only what is asked runs (with
    // the names read so far), and is not kept.
    if (kind !== undefined || (namesAsked && scan?.done === false)) {
      const sources = namesAsked && scan ? { named: scan.found } : { newActors: false };
      result.set(meta.id, suggestDocument(document, cache.matcher, { ...(kind === undefined ? {} : { kind }), ...sources }));
      continue;
    }
    const withNames = scan?.done === true;
    const found = suggestDocument(document, cache.matcher, withNames && scan ? { named: scan.found } : { newActors: false });
    cache.byDocument.set(meta.id, { sha256: meta.sha256, found, withNames });
    result.set(meta.id, asked(found));
  }
  return result;
}

/** The suggestions on offer now, for one document or all of them (with `names` false, no "new actor?" ones). */
export function currentSuggestions(session: ProjectSession, filters: Filters, names = true): Suggestion[] {
  const metas = allDocumentMetas(session.db).filter((d) => filters.documentId === undefined || d.id === filters.documentId);
  if (filters.documentId !== undefined && metas.length === 0) throw new UserError('not_found', `There is no document with id ${filters.documentId} in this project.`);
  const { documentId } = filters;
  // One document's tags are read as spans alone (no JSON parsed: thousands of tags in a long article).
  const spans =
    documentId === undefined
      ? allAnnotations(session.db).flatMap((t) => (t.deletedAt === null && t.target !== null ? [{ documentId: t.documentId, kind: t.kind, start: t.target.start, end: t.target.end }] : []))
      : liveTagSpansOfDocument(session.db, documentId).flatMap((t) => (t.start !== null && t.end !== null ? [{ documentId, kind: t.kind, start: t.start, end: t.end }] : []));
  const tags = tagsByDocument(spans);
  const rejected = rejectedKeys(session.db);
  const found = foundIn(session, metas, filters.kind, names);
  return metas.flatMap((d) => offered(found.get(d.id) ?? [], tags.get(d.id) ?? [], rejected));
}

function countsOf(suggestions: readonly Suggestion[]): SuggestionCounts {
  const byKind = { actor: 0, figure: 0, claim: 0 };
  const byDocument = new Map<string, number>();
  for (const s of suggestions) {
    byKind[s.kind]++;
    byDocument.set(s.documentId, (byDocument.get(s.documentId) ?? 0) + 1);
  }
  return { total: suggestions.length, byKind, byDocument: [...byDocument].map(([documentId, count]) => ({ documentId, count })) };
}

/** The documents a listing reads names in: the one asked for, or all; none when only figures or claims are asked for. */
function toScan(session: ProjectSession, filters: Filters): { id: DocumentId; sha256: string }[] {
  if (filters.kind !== undefined && filters.kind !== 'actor') return [];
  return allDocumentMetas(session.db).filter((d) => filters.documentId === undefined || d.id === filters.documentId);
}

export async function listSuggestions(session: ProjectSession, request: ValidRequestOf<'suggestion.list'>): Promise<ResponseOf<'suggestion.list'>> {
  await scanNames(session, toScan(session, request));
  const suggestions = currentSuggestions(session, request);
  return { suggestions, counts: countsOf(suggestions) };
}

export async function listSuggestionSpans(session: ProjectSession, request: ValidRequestOf<'suggestion.spans'>): Promise<ResponseOf<'suggestion.spans'>> {
  const documents = toScan(session, request);
  if (request.newActors !== false) await scanNames(session, documents);
  const complete = documents.every((meta) => scanOf(session, meta).done);
  return { ...encodeSuggestionSpans(currentSuggestions(session, { documentId: request.documentId }, complete)), complete };
}

/** The suggestions `keys` name, in the order given; refuses a key that is not on offer (accepted, rejected, unknown). */
function pick(session: ProjectSession, keys: readonly string[]): Suggestion[] {
  const byKey = new Map(currentSuggestions(session, {}).map((s) => [s.key, s]));
  return [...new Set(keys)].map((key) => {
    const found = byKey.get(key);
    if (!found) throw new UserError('not_found', `No suggestion has the key ${key} now (it may have been accepted or rejected already); list them again.`);
    return found;
  });
}

function attributesFor(suggestion: Suggestion, actorId: string | null): AttributesPatch {
  if (suggestion.kind === 'actor') return { actorId: actorId as ActorId | null };
  return (suggestion.attributes ?? {}) as AttributesPatch;
}

/** Creates the tags of `suggestions` (and the actors and aliases they need) in one transaction, one undo step. */
function acceptSuggestions(session: ProjectSession, suggestions: readonly Suggestion[]): ResponseOf<'suggestion.accept'> {
  const label = suggestions.length === 1 && suggestions[0] ? `Accept suggestion “${shortQuote(suggestions[0].quote)}”` : `Accept ${suggestions.length} suggestions`;
  return runAction(session, label, (historyId) => {
    const at = session.now();
    const registry = allActors(session.db, false);
    const byName = new Map<string, Actor>(registry.flatMap((a) => actorNames(a).map((n) => [actorNameKey(n), a] as const)));
    const edited = new Map<string, Actor>();
    let actorsCreated = 0;
    let aliasesAdded = 0;
    const texts = new Map<string, string>();
    for (const suggestion of suggestions) {
      let actorId = suggestion.actorId ?? null;
      if (suggestion.source === 'new-actor' && suggestion.actor !== undefined) {
        const existing = byName.get(actorNameKey(suggestion.actor));
        if (existing) actorId = existing.id;
        else {
          const actor: Actor = {
            id: session.newId<ActorId>(),
            name: suggestion.actor.trim(),
            kind: suggestion.actorKind ?? 'other',
            aliases: [],
            analystId: session.analystForWriting().id,
            createdAt: at,
            updatedAt: at,
            deletedAt: null,
          };
          recordChange(session, { type: 'actor', value: actor }, 'edit', historyId, true);
          byName.set(actorNameKey(actor.name), actor);
          actorId = actor.id;
          actorsCreated++;
        }
      }
      if (suggestion.newAlias !== undefined && actorId !== null && !byName.has(actorNameKey(suggestion.newAlias))) {
        const current = edited.get(actorId) ?? actorById(session.db, actorId)?.actor;
        if (current) {
          const updated: Actor = { ...current, aliases: [...current.aliases, suggestion.newAlias], updatedAt: at };
          edited.set(actorId, updated);
          byName.set(actorNameKey(suggestion.newAlias), updated);
          aliasesAdded++;
        }
      }
      let text = texts.get(suggestion.documentId);
      if (text === undefined) texts.set(suggestion.documentId, (text = documentText(session.db, suggestion.documentId as DocumentId) ?? ''));
      const request: ValidRequestOf<'annotation.create'> = {
        documentId: suggestion.documentId as DocumentId,
        kind: suggestion.kind,
        target: { start: suggestion.start, end: suggestion.end },
        attributes: attributesFor(suggestion, actorId),
        note: `suggested: ${suggestion.source}`,
      };
      recordChange(session, { type: 'annotation', value: newAnnotation(session, request, text, at) }, 'edit', historyId, true);
    }
    for (const actor of edited.values()) recordChange(session, { type: 'actor', value: actor }, 'edit', historyId);
    return { created: suggestions.length, actorsCreated, aliasesAdded };
  });
}

export function acceptSuggestionKeys(session: ProjectSession, request: ValidRequestOf<'suggestion.accept'>): ResponseOf<'suggestion.accept'> {
  return acceptSuggestions(session, pick(session, request.keys));
}

export function acceptAllSuggestions(session: ProjectSession, request: ValidRequestOf<'suggestion.acceptAll'>): ResponseOf<'suggestion.acceptAll'> {
  // An actor without a kind means that actor's mentions; claims the actor made are chosen with kind "claim".
  const kind = request.kind ?? (request.actorId === undefined ? undefined : 'actor');
  const chosen = currentSuggestions(session, { ...request, kind }).filter((s) => request.actorId === undefined || s.actorId === request.actorId);
  if (request.dryRun === true || chosen.length === 0) return { count: chosen.length, created: 0, actorsCreated: 0, aliasesAdded: 0 };
  return { count: chosen.length, ...acceptSuggestions(session, chosen) };
}

/** Remembers rejections (not undoable: a rejection is not a tag; it is merged into teammates' files by key). */
export function rejectSuggestionKeys(session: ProjectSession, request: ValidRequestOf<'suggestion.reject'>): ResponseOf<'suggestion.reject'> {
  const chosen = pick(session, request.keys);
  const analystId = session.analystForWriting().id;
  const at = session.now();
  return session.db.transaction(() => {
    let rejected = 0;
    for (const s of chosen) {
      if (insertRejectedSuggestion(session.db, { key: s.key, documentId: s.documentId, kind: s.kind, start: s.start, end: s.end, quote: s.quote, analystId, at })) rejected++;
    }
    return { rejected };
  })();
}

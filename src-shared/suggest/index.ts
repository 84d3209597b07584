// All suggestions for a set of documents: each source run over each text, tagged and rejected spans left out.
import { findClaims } from './claims';
import { findFigures } from './figures';
import { ActorMatcher } from './known-actors';
import { findNamedActors, type NewActorMatch } from './new-actors';
import { fold, SpanIndex, suggestionKey, tokensIn, tokensOf } from './fold';
import type { SuggestActor, SuggestDocument, Suggestion, SuggestionKind, TaggedSpan } from './types';

export interface SuggestInput {
  documents: readonly SuggestDocument[];
  actors: readonly SuggestActor[];
  /** Live tags: a suggestion overlapping a tag of its kind is not offered. */
  tags: readonly TaggedSpan[];
  /** Keys of rejected suggestions: never offered again. */
  rejected: ReadonlySet<string>;
  kind?: SuggestionKind;
  /** Whether to look for names not in the registry ("new actor?"); the slowest source, on by default. */
  newActors?: boolean;
}

function actorSuggestions(document: SuggestDocument, matcher: ActorMatcher, tokens: ReturnType<typeof tokensOf>): Suggestion[] {
  return matcher.find(document.text, tokens).map((match) => ({
    key: suggestionKey(document.textHash, 'actor', match.start, match.end, match.actor.id),
    documentId: document.id,
    kind: 'actor',
    start: match.start,
    end: match.end,
    quote: document.text.slice(match.start, match.end),
    actorId: match.actor.id,
    actor: match.actor.name,
    reason: match.reason,
    ...(match.otherSpelling !== undefined ? { newAlias: match.otherSpelling } : {}),
    source: 'actor-name',
  }));
}

/** Names no registered actor answers to (of the names compromise found in the text), where no known actor was found. */
function newActorSuggestions(document: SuggestDocument, known: readonly Suggestion[], named: readonly NewActorMatch[]): Suggestion[] {
  const knownSpans = new SpanIndex(known);
  return named
    .filter((m) => !knownSpans.overlaps(m.start, m.end))
    .map((m) => ({
      key: suggestionKey(document.textHash, 'actor', m.start, m.end, `new:${fold(m.name)}`),
      documentId: document.id,
      kind: 'actor',
      start: m.start,
      end: m.end,
      quote: document.text.slice(m.start, m.end),
      actor: m.name,
      actorKind: m.kind,
      reason: `new actor? (${m.kind})`,
      source: 'new-actor',
    }));
}

function figureSuggestions(document: SuggestDocument): Suggestion[] {
  return findFigures(document.text).map(({ start, end, figure }) => ({
    key: suggestionKey(document.textHash, 'figure', start, end, ''),
    documentId: document.id,
    kind: 'figure',
    start,
    end,
    quote: document.text.slice(start, end),
    attributes: { amount: figure.amount, scale: figure.scale, unit: figure.unit },
    reason: figure.unit === null ? 'a number' : `a quantity of ${figure.unit}`,
    source: 'figure',
  }));
}

/** Claims with their speaker; the claimant is the registered actor named in the speaker's words, if any. */
function claimSuggestions(document: SuggestDocument, matcher: ActorMatcher, tokens: ReturnType<typeof tokensOf>): Suggestion[] {
  return findClaims(document.text).map((claim) => {
    const named = matcher.find(document.text, tokensIn(tokens, claim.speakerStart, claim.speakerEnd))[0];
    const who = named?.actor;
    return {
      key: suggestionKey(document.textHash, 'claim', claim.start, claim.end, who?.id ?? claim.speaker),
      documentId: document.id,
      kind: 'claim',
      start: claim.start,
      end: claim.end,
      quote: document.text.slice(claim.start, claim.end),
      ...(who ? { actorId: who.id } : {}),
      actor: who?.name ?? claim.speaker,
      attributes: { status: 'unverified', claimantId: who?.id ?? null },
      reason: who ? `reported speech of “${who.name}”` : `reported speech of “${claim.speaker}” (not in the registry)`,
      source: 'claim',
    };
  });
}

/**
 * What the sources find in one document, before tags and rejections are taken into account. `named`: the names
 * `findNamedActors` finds in the text, when the caller has them already (they depend on the text alone).
 */
export function suggestDocument(document: SuggestDocument, matcher: ActorMatcher, options: { kind?: SuggestionKind; newActors?: boolean; named?: readonly NewActorMatch[] } = {}): Suggestion[] {
  const tokens = tokensOf(document.text);
  const found: Suggestion[] = [];
  if (options.kind === undefined || options.kind === 'actor') {
    const known = actorSuggestions(document, matcher, tokens);
    found.push(...known);
    if (options.newActors !== false) found.push(...newActorSuggestions(document, known, options.named ?? findNamedActors(document.text)));
  }
  if (options.kind === undefined || options.kind === 'figure') found.push(...figureSuggestions(document));
  if (options.kind === undefined || options.kind === 'claim') found.push(...claimSuggestions(document, matcher, tokens));
  return found;
}

/** The live tags of each document, for `offered`. */
export function tagsByDocument(tags: readonly TaggedSpan[]): Map<string, TaggedSpan[]> {
  const byDocument = new Map<string, TaggedSpan[]>();
  for (const tag of tags) {
    const list = byDocument.get(tag.documentId);
    if (list) list.push(tag);
    else byDocument.set(tag.documentId, [tag]);
  }
  return byDocument;
}

/** The suggestions of one document still on offer: not rejected, not overlapping a tag of their kind. */
export function offered(found: readonly Suggestion[], tags: readonly TaggedSpan[], rejected: ReadonlySet<string>): Suggestion[] {
  const byKind = new Map<string, TaggedSpan[]>();
  for (const tag of tags) {
    const list = byKind.get(tag.kind);
    if (list) list.push(tag);
    else byKind.set(tag.kind, [tag]);
  }
  const indexes = new Map([...byKind].map(([kind, list]) => [kind, new SpanIndex(list)]));
  return found.filter((s) => !rejected.has(s.key) && !indexes.get(s.kind)?.overlaps(s.start, s.end));
}

/** Every suggestion, document by document in the order given, left to right within a document. */
export function computeSuggestions(input: SuggestInput): Suggestion[] {
  const matcher = new ActorMatcher(input.actors);
  const tags = tagsByDocument(input.tags);
  const options = { ...(input.kind ? { kind: input.kind } : {}), ...(input.newActors === false ? { newActors: false } : {}) };
  return input.documents.flatMap((document) => offered(suggestDocument(document, matcher, options), tags.get(document.id) ?? [], input.rejected));
}

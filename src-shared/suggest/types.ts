// What a suggestion is (a proposed tag, never a tag) and what the suggestion sources read: documents, actors, tags.
import * as z from 'zod';
import type { ActorKind } from '../model/actor';

export const SUGGESTION_SOURCES = ['actor-name', 'new-actor', 'figure', 'claim'] as const;
export const SuggestionSourceSchema = z.enum(SUGGESTION_SOURCES);

export const SuggestionKindSchema = z.enum(['actor', 'figure', 'claim']);
export type SuggestionKind = z.infer<typeof SuggestionKindSchema>;

export const SuggestionSchema = z.object({
  /** Stable across runs and copies of the project: a hash of the text, kind, span and actor (or new name). */
  key: z.string(),
  documentId: z.string(),
  kind: SuggestionKindSchema,
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  /** The registered actor an actor suggestion names (or a claim's claimant). */
  actorId: z.string().optional(),
  /** That actor's name, or for a new actor the name it would be registered under. */
  actor: z.string().optional(),
  /** The new actor's kind ("new actor?" suggestions). */
  actorKind: z.enum(['person', 'organisation', 'state', 'other']).optional(),
  /** Prefilled tag attributes: a figure's amount, scale and unit; a claim's status and claimant. */
  attributes: z.record(z.string(), z.unknown()).optional(),
  /** Why it is offered, for people: "registered name", "surname of …", "possible other spelling", … */
  reason: z.string(),
  /** With reason "possible other spelling": the spelling that accepting adds to the actor's aliases. */
  newAlias: z.string().optional(),
  source: SuggestionSourceSchema,
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

/** A document as the sources read it. `textHash` (the text's SHA-256) makes keys the same in every copy. */
export interface SuggestDocument {
  id: string;
  textHash: string;
  text: string;
}

export interface SuggestActor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: readonly string[];
}

/** A live tag's kind and span: suggestions overlapping a tag of their kind are not offered. */
export interface TaggedSpan {
  documentId: string;
  kind: string;
  start: number;
  end: number;
}

/** How many suggestions there are: in all, per kind, and per document (documents with none left out). */
export const SuggestionCountsSchema = z.object({
  total: z.number().int(),
  byKind: z.object({ actor: z.number().int(), figure: z.number().int(), claim: z.number().int() }),
  byDocument: z.array(z.object({ documentId: z.string(), count: z.number().int() })),
});
export type SuggestionCounts = z.infer<typeof SuggestionCountsSchema>;

/** What accepting suggestions did: tags created, actors registered for "new actor?", spellings added as aliases. */
export const AcceptResultSchema = z.object({
  created: z.number().int(),
  actorsCreated: z.number().int(),
  aliasesAdded: z.number().int(),
});

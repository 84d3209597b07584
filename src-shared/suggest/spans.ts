// The suggestions of one document as the article draws and walks them: a compact answer (one array per field, each
// repeated string once) with its encoder and decoder. The full suggestions (attributes, new aliases …) stay in suggestion.list.
import * as z from 'zod';
import { SuggestionKindSchema, type Suggestion, type SuggestionKind } from './types';

const SPAN_KINDS = SuggestionKindSchema.options;
const index = z.number().int().nonnegative();

/**
 * Suggestion i is `keys[i]`, of kind `SPAN_KINDS[kinds[i]]`, over [starts[i], ends[i]) of the text, with the actor's
 * name `strings[actors[i]]` (-1: none) and the reason `strings[reasons[i]]`. In text order. The quote is not sent:
 * it is the text from start to end.
 */
export const SuggestionSpansSchema = z.object({
  keys: z.array(z.string()),
  kinds: z.array(z.number().int().min(0).max(SPAN_KINDS.length - 1)),
  starts: z.array(index),
  ends: z.array(index),
  actors: z.array(z.number().int().min(-1)),
  reasons: z.array(index),
  /** Each actor name and reason once. */
  strings: z.array(z.string()),
});
export type SuggestionSpans = z.infer<typeof SuggestionSpansSchema>;

/** One suggestion as the article has it: enough to draw it, walk to it, say what it is, accept or reject it. */
export interface SuggestionSpan {
  key: string;
  kind: SuggestionKind;
  start: number;
  end: number;
  /** The registered actor's name, the new actor's, or a claim's claimant. */
  actor?: string;
  reason: string;
}

const byPosition = (a: Suggestion, b: Suggestion) => a.start - b.start || b.end - a.end;

/** The compact answer for one document's suggestions (any order given; sent in text order). */
export function encodeSuggestionSpans(suggestions: readonly Suggestion[]): SuggestionSpans {
  const ordered = [...suggestions].sort(byPosition);
  const strings: string[] = [];
  const numbers = new Map<string, number>();
  const numberOf = (text: string): number => {
    let n = numbers.get(text);
    if (n === undefined) numbers.set(text, (n = strings.push(text) - 1));
    return n;
  };
  return {
    keys: ordered.map((s) => s.key),
    kinds: ordered.map((s) => SPAN_KINDS.indexOf(s.kind)),
    starts: ordered.map((s) => s.start),
    ends: ordered.map((s) => s.end),
    actors: ordered.map((s) => (s.actor === undefined ? -1 : numberOf(s.actor))),
    reasons: ordered.map((s) => numberOf(s.reason)),
    strings,
  };
}

/** What drawing needs of a compact answer: keys, kinds and spans. */
export type SuggestionColumns = Pick<SuggestionSpans, 'keys' | 'kinds' | 'starts' | 'ends'>;

/** The kind of the i-th suggestion of a compact answer. */
export function spanKind(spans: SuggestionColumns, i: number): SuggestionKind {
  return SPAN_KINDS[spans.kinds[i] ?? 0] as SuggestionKind;
}

/** The i-th suggestion of a compact answer (answers are read entry by entry: most are never looked at one by one). */
export function spanAt(spans: SuggestionSpans, i: number): SuggestionSpan {
  const actor = spans.actors[i] ?? -1;
  return {
    key: spans.keys[i] ?? '',
    kind: spanKind(spans, i),
    start: spans.starts[i] ?? 0,
    end: spans.ends[i] ?? 0,
    ...(actor >= 0 ? { actor: spans.strings[actor] ?? '' } : {}),
    reason: spans.strings[spans.reasons[i] ?? 0] ?? '',
  };
}

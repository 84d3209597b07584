// Checks the compact suggestion answer: decoding it gives back each suggestion's key, kind, span, actor and reason,
// in text order, with every repeated string sent once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSuggestionSpans, spanAt, SuggestionSpansSchema } from './spans';
import { SUGGESTION_SOURCES, type Suggestion } from './types';

const few = (...values: string[]) => fc.constantFrom(...values);
const suggestion: fc.Arbitrary<Suggestion> = fc
  .record(
    {
      key: fc.string({ minLength: 1, maxLength: 12 }),
      documentId: fc.constant('d1'),
      kind: fc.constantFrom('actor', 'figure', 'claim'),
      start: fc.nat({ max: 5000 }),
      length: fc.nat({ max: 40 }),
      quote: fc.string({ maxLength: 10 }),
      actorId: fc.option(fc.uuid(), { nil: undefined }),
      actor: fc.option(fc.oneof(few('Kyrylo Budanov', 'Volodymyr Zelenskyy'), fc.string()), { nil: undefined }),
      attributes: fc.option(fc.dictionary(fc.string(), fc.integer()), { nil: undefined }),
      reason: fc.oneof(few('a number', 'registered name', 'a quantity of km'), fc.string()),
      source: fc.constantFrom(...SUGGESTION_SOURCES),
    },
    { requiredKeys: ['key', 'documentId', 'kind', 'start', 'length', 'quote', 'reason', 'source'] },
  )
  .map(({ length, ...s }) => ({ ...s, end: s.start + length }));

describe('suggestion spans', () => {
  it('decode to the full list’s key, kind, start, end, actor and reason, in text order', () => {
    fc.assert(
      fc.property(fc.array(suggestion, { maxLength: 60 }), (list) => {
        const encoded = encodeSuggestionSpans(list);
        expect(SuggestionSpansSchema.safeParse(encoded).success).toBe(true);
        const sent = JSON.parse(JSON.stringify(encoded)) as typeof encoded;
        const decoded = sent.keys.map((_, i) => spanAt(sent, i));
        const ordered = [...list].sort((a, b) => a.start - b.start || b.end - a.end);
        expect(decoded).toEqual(ordered.map((s) => ({ key: s.key, kind: s.kind, start: s.start, end: s.end, ...(s.actor !== undefined ? { actor: s.actor } : {}), reason: s.reason })));
      }),
    );
  });

  it('sends each actor name and reason once however many suggestions share it', () => {
    fc.assert(
      fc.property(fc.array(suggestion, { maxLength: 60 }), (list) => {
        const { strings } = encodeSuggestionSpans(list);
        expect(new Set(strings).size).toBe(strings.length);
        expect(new Set(strings)).toEqual(new Set(list.flatMap((s) => [s.reason, ...(s.actor !== undefined ? [s.actor] : [])])));
      }),
    );
  });
});

// Checks folding: accents and case dropped, the plain-ASCII shortcut folding exactly as the full rule, and tokens
// (remembered folds included) that fold like their words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, tokensOf } from './fold';

const fullFold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

describe('fold', () => {
  it('drops accents and case', () => {
    expect(fold('Zelenskyy')).toBe('zelenskyy');
    expect(fold('ZELENSKYY')).toBe('zelenskyy');
    expect(fold('Šmyhal')).toBe('smyhal');
  });

  it('folds every word as the full rule does, ASCII or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('a', 'Z', 'é', 'Ş', 'ﬁ', 'İ', '1', "'", '’', 'ß') })), (word) => {
        expect(fold(word)).toBe(fullFold(word));
      }),
    );
  });

  it('gives each token the fold of its word, however often the word comes back', () => {
    const text = 'Zelenskyy met ZELENSKYY; Zelenskyy’s aide and Šmyhal, Šmyhal.';
    for (const token of [...tokensOf(text), ...tokensOf(text)]) expect(token.folded).toBe(fullFold(text.slice(token.start, token.end)));
  });
});

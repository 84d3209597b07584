// Checks how search queries are read: phrases, prefixes, AND / OR / NOT precedence, their FTS5 form, and refusals.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src-shared/model/result';
import { parseQuery, positivePhrases, toFtsQuery } from './query';

function refusal(query: string): string {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error(`“${query}” was accepted`);
}

describe('parseQuery', () => {
  it('reads words as an implied AND, folded without diacritics and case', () => {
    expect(toFtsQuery(parseQuery('Zelenský Café'))).toBe('("zelensky" AND "cafe")');
  });

  it('reads a quoted phrase as consecutive words and a trailing * as a prefix', () => {
    expect(parseQuery('"Defense Minister" Buda*')).toEqual({
      type: 'and',
      left: { type: 'phrase', words: ['defense', 'minister'], prefix: false },
      right: { type: 'phrase', words: ['buda'], prefix: true },
    });
    expect(toFtsQuery(parseQuery('"national secu"*'))).toBe('"national secu"*');
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(toFtsQuery(parseQuery('a OR b c NOT d'))).toBe('("a" OR ("b" AND ("c" NOT "d")))');
    expect(toFtsQuery(parseQuery('(a OR b) AND c'))).toBe('(("a" OR "b") AND "c")');
  });

  it('keeps punctuation out of FTS5 syntax: a word with dots or an apostrophe becomes a phrase of its pieces', () => {
    expect(toFtsQuery(parseQuery('U.S. Budanov’s'))).toBe('("u s" AND "budanov s")');
  });

  it('treats lower-case and, or, not as words to find', () => {
    expect(positivePhrases(parseQuery('war or peace')).map((p) => p.words)).toEqual([['war'], ['or'], ['peace']]);
  });

  it('leaves the phrases on the right of a NOT out of the hits', () => {
    expect(positivePhrases(parseQuery('Umerov NOT minister')).map((p) => p.words)).toEqual([['umerov']]);
  });

  it.each([
    ['', /has no words/],
    ['"Defense Minister', /quotation mark is not closed/],
    ['(Umerov OR Budanov', /parenthesis is not closed/],
    ['Umerov)', /parenthesis closes that was never opened/],
    ['NOT Umerov', /“NOT” needs a word before and after it/],
    ['Umerov AND', /ends where a word was expected/],
    ['Umerov OR OR Budanov', /“OR” needs a word/],
    ['!!!', /holds no letters or digits/],
  ])('refuses %j in one sentence naming the search', (query, why) => {
    const message = refusal(query);
    expect(message).toMatch(/^The search “.*” is not valid: /);
    expect(message).toMatch(why);
  });
});

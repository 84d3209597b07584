// Checks where hits are found in a text: whole words, phrases as consecutive words, prefixes, diacritics, snippets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHits, snippetAround } from './find-hits';
import { parseQuery, positivePhrases } from './query';
import { foldWord } from './tokens';

function quotes(text: string, query: string): string[] {
  return findHits(text, positivePhrases(parseQuery(query))).map((hit) => text.slice(hit.start, hit.end));
}

describe('findHits', () => {
  it('finds whole words only, ignoring case and diacritics both ways', () => {
    const text = 'Zelenský met Zelensky; the café and CAFE owners, not cafeteria staff.';
    expect(quotes(text, 'zelensky')).toEqual(['Zelenský', 'Zelensky']);
    expect(quotes(text, 'Zelenský')).toEqual(['Zelenský', 'Zelensky']);
    expect(quotes(text, 'café')).toEqual(['café', 'CAFE']);
  });

  it('finds a phrase as consecutive words across any spacing and punctuation between them', () => {
    const text = 'Defense Minister Umerov; the defense\nminister. A defense of the minister.';
    expect(quotes(text, '"defense minister"')).toEqual(['Defense Minister', 'defense\nminister']);
  });

  it('finds a prefix on the last word of a phrase', () => {
    expect(quotes('The Budanovs and Budanov’s deputy; not Budapest.', 'Budanov*')).toEqual(['Budanovs', 'Budanov']);
    expect(quotes('national security council, national secret', '"national secu"*')).toEqual(['national security']);
  });

  it('finds the name inside a possessive and the pieces of a figure', () => {
    expect(quotes('Ukraine’s army and 5,600 troops', 'ukraine')).toEqual(['Ukraine']);
    expect(quotes('Ukraine’s army and 5,600 troops', '"5 600"')).toEqual(['5,600']);
  });

  it('matches decomposed and composed accents alike', () => {
    expect(quotes('cafe\u0301 au lait', 'café')).toEqual(['cafe\u0301']);
  });

  it('keeps every hit a quote whose words are the query words, in text order and never overlapping (property)', () => {
    const word = fc.constantFrom('Umerov', 'umerov', 'Ümerov', 'minister', 'Minister', 'defense', 'café', 'cafe', 'the', '800', 'billion');
    const separator = fc.constantFrom(' ', ', ', '\n', ' — ', '. ', '’s ');
    const textArb = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 40 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    const queryArb = fc.array(fc.constantFrom('umerov', 'minister', 'defense', 'cafe', 'billion'), { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(textArb, queryArb, (text, words) => {
        const hits = findHits(text, positivePhrases(parseQuery(`"${words.join(' ')}"`)));
        let previousEnd = 0;
        for (const hit of hits) {
          expect(hit.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = hit.end;
          const quoteWords = text.slice(hit.start, hit.end).split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).map(foldWord);
          expect(quoteWords).toEqual(words);
        }
        const foldedWords = text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).map(foldWord);
        if (words.length === 1) expect(hits.length).toBe(foldedWords.filter((w) => w === words[0]).length);
      }),
    );
  });
});

describe('snippetAround', () => {
  it('shows whole words around the hit, line breaks as spaces, mapped back onto the text by its start', () => {
    const text = `${'word '.repeat(30)}Budanov said\nthat ${'more '.repeat(30)}`;
    const hit = { start: text.indexOf('Budanov'), end: text.indexOf('Budanov') + 'Budanov'.length };
    const snippet = snippetAround(text, hit);
    expect(snippet.text).toContain('Budanov said that');
    expect(snippet.text).toMatch(/^word /);
    expect(snippet.text).toMatch(/ more$/);
    expect(snippet.text.length).toBeLessThanOrEqual(hit.end - hit.start + 120);
    expect(text.slice(snippet.start, snippet.start + snippet.text.length).replace(/\n/g, ' ')).toBe(snippet.text);
  });
});

// Word snapping of selections: growing to whole words, trimming edges, numbers with units, Unicode.
import { describe, expect, it } from 'vitest';
import { snapToWords } from './word-snap';

/** Snaps the part of `text` between the first two '|' marks and returns the snapped slice. */
function snapMarked(marked: string): string {
  const start = marked.indexOf('|');
  const end = marked.indexOf('|', start + 1) - 1;
  const text = marked.replace(/\|/g, '');
  const range = snapToWords(text, start, end);
  return text.slice(range.start, range.end);
}

describe('snapToWords', () => {
  it.each([
    ['The sun|shine in Fl|orida seems', 'sunshine in Florida'],
    ['The su|nsh|ine in Florida', 'sunshine'],
    ['The |sunshine in Florida, | seems', 'sunshine in Florida'],
    ['said: |“We will win.”| Then', 'We will win'],
    ['|(Kyiv)|', 'Kyiv'],
    ["Ukrai|n|e's night", 'Ukraine'],
    ["talks with |Zelenskyy's| team", 'Zelenskyy'],
    ["the Trump-|Zelenskyy| meeting", 'Zelenskyy'],
    ["the Trump-Ze|lens|kyy meeting", 'Zelenskyy'],
    ["the Tru|mp-Zel|enskyy meeting", 'Trump-Zelenskyy'],
    ["|it's| late", "it's"],
    ['COV|I|D-19 cases', 'COVID-19'],
    ['a 👩‍👩‍|👧 fam|ily', 'family'],
    ['the ca|fe\u0301| is open', 'cafe\u0301'],
    ['Ukraine’s ni|g|ht sky', 'night'],
    ['a well-kn|o|wn fact', 'known'],
    ['a we|ll-kn|own fact', 'well-known'],
    ['a pledge of $8|0|0 billion', '$800'],
    ['a pledge of |800| billion', '800'],
    ['US$8|0|0 in aid', 'US$800'],
    ['rose by 2|0|% last year', '20%'],
    ['as low as -1|4| degrees', '-14'],
    ['as low as -1|4°|C today', '-14°C'],
    ['over 5,6|0|0 buildings', '5,600'],
    ['about 3.|5| million', '3.5'],
    ['the 8|00€| cost', '800€'],
    ['the |end.| Next', 'end'],
    ["the |countries'| leaders", 'countries'],
    ['a |-- dash|', 'dash'],
    ['Zelen|skyy and Ермак|', 'Zelenskyy and Ермак'],
    ['na|ïve caf|é crème', 'naïve café'],
    ['tokyo 東|京|都 area', '東京'],
    ['COVID-1|9| cases', 'COVID-19'],
    ['range 10|-1|4 days', '10-14'],
  ])('snaps %j to %j', (marked, expected) => {
    expect(snapMarked(marked)).toBe(expected);
  });

  it('keeps a whole-word range as it is', () => {
    const text = 'Rustem Umerov, Secretary';
    expect(snapToWords(text, 0, 13)).toEqual({ start: 0, end: 13 });
  });

  it('returns an empty range for a selection without any word character', () => {
    expect(snapToWords('word — word', 4, 7)).toEqual({ start: 4, end: 4 });
    expect(snapToWords('word', 2, 2)).toEqual({ start: 2, end: 2 });
  });

  it('accepts reversed and out-of-range offsets', () => {
    expect(snapToWords('alpha beta', 8, 1)).toEqual({ start: 0, end: 10 });
    expect(snapToWords('alpha beta', -3, 99)).toEqual({ start: 0, end: 10 });
  });

  it('never splits a surrogate pair', () => {
    const text = 'x 𝐀𝐁𝐂 y'; // mathematical bold letters sit outside the BMP
    const inside = text.indexOf('𝐁') + 1; // between the halves of 𝐁
    const range = snapToWords(text, inside, inside + 1);
    expect(text.slice(range.start, range.end)).toBe('𝐀𝐁𝐂');
  });

  it('treats emoji as punctuation at the edges', () => {
    const text = 'great 👍 news';
    const range = snapToWords(text, text.indexOf('👍'), text.length);
    expect(text.slice(range.start, range.end)).toBe('news');
  });
});

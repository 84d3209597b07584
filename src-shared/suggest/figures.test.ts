// Checks the figure source: quantities found with their span and value (number words, ranges, signs, hyphenated
// units, percentages), and dates, years, times, ordinals, list numbers, labels and links left out.
import { describe, expect, it } from 'vitest';
import { findFigures } from './figures';

function figures(text: string) {
  return findFigures(text).map((f) => [text.slice(f.start, f.end), f.figure.value, f.figure.unit]);
}

describe('figure suggestions', () => {
  it('finds quantities with their value and unit', () => {
    expect(figures('It took four years; two sides met; half of them left.')).toEqual([
      ['four years', 4, 'years'],
      ['two sides', 2, 'sides'],
      ['half', 0.5, null],
    ]);
    expect(figures('Sentences of 15-30 years, and -14 degrees Celsius or minus ten degrees Celsius.')).toEqual([
      ['15-30 years', 15, 'years'],
      ['-14 degrees Celsius', -14, '°C'],
      ['minus ten degrees Celsius', -10, '°C'],
    ]);
    expect(figures('a 28-point plan, a 1,000-kilometer front, 25% of it and $800 billion')).toEqual([
      ['28-point', 28, 'point'],
      ['1,000-kilometer', 1000, 'km'],
      ['25%', 25, '%'],
      ['$800 billion', 800e9, 'USD'],
    ]);
  });

  it('leaves out dates, years, times, ordinals, list numbers, reference labels and links', () => {
    const text = [
      'On January 25, 2026 and on 3 March, in 2024 and the 1990s, at 10:30 and 5 p.m., the 21st round;',
      '2. A listed point',
      'Article 5 and No. 318 and Resolution 2758, see https://example.org/news/1553750-ukraine [12].',
    ].join('\n');
    expect(figures(text)).toEqual([]);
  });

  it('leaves out section numbers, numbers standing alone as a paragraph, hyphenated names and sub-labels', () => {
    const text = ['3.1 Key participants', '', '2', '', 'Deal signed', 'track-two dialogues, COVID-19 and Article 2(4)'].join('\n');
    expect(figures(text)).toEqual([]);
    // A figure heading its own line, with its description on the next, stays a figure.
    expect(figures('Key indicators\n\n15,000\nTroops pledged')).toEqual([['15,000', 15000, null]]);
  });

  it('keeps a four-digit amount that carries a currency or scale', () => {
    expect(figures('it cost $2000 and 2024 billion')).toEqual([
      ['$2000', 2000, 'USD'],
      ['2024 billion', 2024e9, null],
    ]);
  });
});

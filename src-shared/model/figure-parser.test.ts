// Owns the checks that parseFigure reads number, sign, scale and unit from hand-written quotes and real sample phrases.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFigure, type ParsedFigure } from './figure-parser';

/** [quote, amount, scale, value, unit] */
type Case = readonly [string, number, number, number, string | null];

function expectFigure(quote: string, amount: number, scale: number, value: number, unit: string | null): void {
  const expected: ParsedFigure = { amount, scale, value, unit };
  expect(parseFigure(quote)).toEqual(expected);
}

describe('parseFigure: required cases', () => {
  const cases: readonly Case[] = [
    ['$800 billion', 800, 1e9, 8e11, 'USD'],
    ['8000 billion dollars', 8000, 1e9, 8e12, 'USD'],
    ['15,000 troops', 15000, 1, 15000, 'troops'],
    ['-14 degrees Celsius', -14, 1, -14, '°C'],
    ['minus ten degrees Celsius', -10, 1, -10, '°C'],
    ['20 percent', 20, 1, 20, '%'],
    ['76%', 76, 1, 76, '%'],
    ['20 per cent', 20, 1, 20, '%'],
    ['45,625 square miles', 45625, 1, 45625, 'mi²'],
    ['More than 200 drones', 200, 1, 200, 'drones'],
    ['over 5,600 residential buildings', 5600, 1, 5600, 'residential buildings'],
    ['200,000 residents', 200000, 1, 200000, 'residents'],
    ['€1.5bn', 1.5, 1e9, 1.5e9, 'EUR'],
    ['£3 million', 3, 1e6, 3e6, 'GBP'],
    ['US$50m', 50, 1e6, 5e7, 'USD'],
    ['50 million euros', 50, 1e6, 5e7, 'EUR'],
    ['UAH 100', 100, 1, 100, 'UAH'],
    ['1.2 trillion rubles', 1.2, 1e12, 1.2e12, 'RUB'],
    ['28-point peace plan', 28, 1, 28, 'point'],
    ['20-point counter-proposal', 20, 1, 20, 'point'],
    ['1,234.5', 1234.5, 1, 1234.5, null],
    ['1\u202F234', 1234, 1, 1234, null],
    ['1\u00A0234', 1234, 1, 1234, null],
    ['2026', 2026, 1, 2026, null],
    ['100% ready', 100, 1, 100, '%'],
  ];
  it.each(cases)('%j', (quote, amount, scale, value, unit) => expectFigure(quote, amount, scale, value, unit));

  it('returns null when the quote holds no number', () => {
    expect(parseFigure('the president')).toBeNull();
    expect(parseFigure('')).toBeNull();
    expect(parseFigure('often, someone')).toBeNull();
  });

  it('rounds away float noise in value', () => {
    expect(parseFigure('2.3 billion')?.value).toBe(2300000000);
    expect(parseFigure('2.3 billion')?.amount).toBe(2.3);
  });
});

describe('parseFigure: further behaviour', () => {
  const cases: readonly Case[] = [
    ['1.234,5', 1234.5, 1, 1234.5, null], // European decimal comma
    ['2,5 litres', 2.5, 1, 2.5, 'litres'],
    ['1.234.567', 1234567, 1, 1234567, null],
    ['1\u202F234\u202F567 people', 1234567, 1, 1234567, 'people'],
    ['1\u2009234', 1234, 1, 1234, null], // thin space
    ['3 234', 3, 1, 3, null], // an ordinary space never groups digits
    ['−5 °C', -5, 1, -5, '°C'], // U+2212 minus sign
    ['98.6 °F', 98.6, 1, 98.6, '°F'],
    ['6,460 sq km', 6460, 1, 6460, 'km²'],
    ['120 km of front line', 120, 1, 120, 'km'],
    ['twenty-five people', 25, 1, 25, 'people'],
    ['two hundred and six', 206, 1, 206, null],
    ['ten thousand troops', 10, 1e3, 1e4, 'troops'],
    ['one million people', 1, 1e6, 1e6, 'people'],
    ['One might observe that 15,000 troops', 15000, 1, 15000, 'troops'], // a lone "one" is a pronoun
    ['January 23-24, the first', 23, 1, 23, null], // the hyphen of a range is not a minus
    ['¥300 billion', 300, 1e9, 3e11, 'JPY'],
    ['40 billion yuan', 40, 1e9, 4e10, 'CNY'],
    ['5 EUR', 5, 1, 5, 'EUR'],
    ['5k drones', 5, 1e3, 5e3, 'drones'],
    ['200 drones struck multiple regions', 200, 1, 200, 'drones'], // stops after a plural noun
    ['28,500 currently', 28500, 1, 28500, null], // adverbs are not counted nouns
  ];
  it.each(cases)('%j', (quote, amount, scale, value, unit) => expectFigure(quote, amount, scale, value, unit));
});

describe('parseFigure: phrases from the sample articles', () => {
  const sampleDir = fileURLToPath(new URL('../../resources/sample/', import.meta.url));
  const files = new Map<string, string>();
  const read = (name: string): string => {
    const cached = files.get(name);
    if (cached !== undefined) return cached;
    const text = readFileSync(sampleDir + name, 'utf8');
    files.set(name, text);
    return text;
  };
  const A0 = '000_734da4ab211b7c49.txt';
  const A1 = '001_53db5d5361afbcfc.txt';
  const A2 = '002_1d2e21283015eb8c.txt';
  const A3 = '003_756f07eddf996290.txt';
  const A4 = '004_27bf8040a9b2cbc5.txt';

  const cases: ReadonlyArray<readonly [string, ...Case]> = [
    [A0, 'More than 200 drones struck', 200, 1, 200, 'drones'],
    [A0, 'over 5,600 residential buildings in the capital', 5600, 1, 5600, 'residential buildings'],
    [A0, 'as low as -14 degrees Celsius', -14, 1, -14, '°C'],
    [A0, 'over minus ten degrees Celsius', -10, 1, -10, '°C'],
    [A0, 'more than 200,000 residents in', 200000, 1, 200000, 'residents'],
    [A0, 'reaching 800 billion dollars, spanning ten years', 800, 1e9, 8e11, 'USD'],
    [A0, 'a 10% tariff', 10, 1, 10, '%'],
    [A0, 'a 28-point peace plan', 28, 1, 28, 'point'],
    [A0, 'a 20-point counter-proposal', 20, 1, 20, 'point'],
    [A1, 'over 200,000 households lost power', 200000, 1, 200000, 'households'],
    [A1, '386 settlements in the occupied', 386, 1, 386, 'settlements'],
    [A1, 'at minus 18 degrees Celsius', -18, 1, -18, '°C'],
    [A1, 'up to 8000 billion dollars', 8000, 1e9, 8e12, 'USD'],
    [A1, 'approximately 800 billion US dollars in investment', 800, 1e9, 8e11, 'USD'],
    [A1, 'as low as minus 10 degrees Celsius', -10, 1, -10, '°C'],
    [A1, 'launched 612 attacks on energy targets', 612, 1, 612, 'attacks'],
    [A1, 'over 15,000 energy workers', 15000, 1, 15000, 'energy workers'],
    [A2, 'a proposed $800 billion post-war recovery', 800, 1e9, 8e11, 'USD'],
    [A3, 'up to 15,000 troops combined', 15000, 1, 15000, 'troops'],
    [A3, '"100% ready"', 100, 1, 100, '%'],
    [A3, 'the 20 percent of Donetsk', 20, 1, 20, '%'],
    [A3, 'roughly 45,625 square miles', 45625, 1, 45625, 'mi²'],
    [A3, '76% oppose', 76, 1, 76, '%'],
    [A3, 'captured 6,460 sq km', 6460, 1, 6460, 'km²'],
    [A3, '~4,700 sq km', 4700, 1, 4700, 'km²'],
    [A3, 'deployed 60,000 peacekeeping troops', 60000, 1, 60000, 'peacekeeping troops'],
    [A3, 'with 91 drones', 91, 1, 91, 'drones'],
    [A3, '35 countries produced', 35, 1, 35, 'countries'],
    [A4, 'over 500,000 casualties', 500000, 1, 500000, 'casualties'],
    [A4, 'approximately 19% of Ukrainian', 19, 1, 19, '%'],
    [A4, 'On January 20, 2026, at the 56th', 20, 1, 20, null],
  ];
  it.each(cases)('%s: %j', (file, quote, amount, scale, value, unit) => {
    expect(read(file)).toContain(quote);
    expectFigure(quote, amount, scale, value, unit);
  });
});

describe('parseFigure: half, ranges and hyphenated units', () => {
  it('reads "half" as 0.5', () => {
    expect(parseFigure('half of the budget')?.amount).toBe(0.5);
  });
  it('keeps the lower end of a range and reads the unit after the upper end', () => {
    expect(parseFigure('15-30 years')).toEqual({ amount: 15, scale: 1, value: 15, unit: 'years' });
    expect(parseFigure('10 to 12 billion dollars')).toEqual({ amount: 10, scale: 1e9, value: 10e9, unit: 'USD' });
  });
  it('normalises a hyphenated unit word', () => {
    expect(parseFigure('a 1,000-kilometer front')?.unit).toBe('km');
    expect(parseFigure('a 28-point plan')?.unit).toBe('point');
  });
});

describe('parseFigure: the value', () => {
  it('is amount × scale rounded to 15 significant digits, for whole and decimal amounts of every scale', () => {
    const amount = fc.oneof(fc.nat({ max: 10 ** 9 }).map(String), fc.tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 999 })).map(([a, b]) => `${a}.${b}`));
    const scale = fc.constantFrom('', ' thousand', ' million', ' billion', ' trillion', 'k', 'm', 'bn');
    fc.assert(
      fc.property(fc.boolean(), amount, scale, (minus, written, word) => {
        const figure = parseFigure(`${minus ? '-' : ''}${written}${word} troops`);
        expect(figure).not.toBeNull();
        if (figure) expect(figure.value).toBe(Number((figure.amount * figure.scale).toPrecision(15)));
      }),
    );
  });
});

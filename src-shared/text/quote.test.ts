// Quotes and their context (textTargetFor), range checks, occurrences, code point offsets, and surrogate pairs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointOffset, isSurrogatePairAt, occurrencesOf, rangeProblem, textTargetFor, utf16Offset } from './quote';

describe('textTargetFor', () => {
  const text = 'a'.repeat(50) + 'QUOTE' + 'b'.repeat(50);
  it('keeps 32 characters of context on each side', () => {
    const target = textTargetFor(text, 50, 55);
    expect(target).toEqual({ start: 50, end: 55, exact: 'QUOTE', prefix: 'a'.repeat(32), suffix: 'b'.repeat(32) });
  });
  it('clips context at the edges of the text', () => {
    const target = textTargetFor('Hello world', 0, 5);
    expect(target.prefix).toBe('');
    expect(target.suffix).toBe(' world');
  });
  it('never cuts a surrogate pair in the context', () => {
    const t = '😀' + 'x'.repeat(31) + 'Q';
    const target = textTargetFor(t, 33, 34);
    expect(target.prefix).toBe('😀' + 'x'.repeat(31));
  });
});

describe('rangeProblem', () => {
  it('accepts a range inside the text', () => expect(rangeProblem('hello', 1, 3)).toBeNull());
  it('refuses empty, reversed, outside and fractional ranges', () => {
    expect(rangeProblem('hello', 2, 2)).toMatch(/empty/);
    expect(rangeProblem('hello', 3, 1)).toMatch(/empty/);
    expect(rangeProblem('hello', 0, 6)).toMatch(/outside/);
    expect(rangeProblem('hello', -1, 2)).toMatch(/outside/);
    expect(rangeProblem('hello', 0.5, 2)).toMatch(/whole numbers/);
  });
  it('refuses a range that splits an emoji', () => expect(rangeProblem('a😀b', 0, 2)).toMatch(/splits/));
  it('refuses white space only', () => expect(rangeProblem('a   b', 1, 3)).toMatch(/white space/));
});

describe('occurrencesOf', () => {
  it('finds overlapping occurrences in order', () => expect(occurrencesOf('aaa', 'aa')).toEqual([0, 1]));
  it('finds nothing for an empty quote', () => expect(occurrencesOf('abc', '')).toEqual([]));
});

describe('code point offsets', () => {
  const text = 'x😀y𝄞z';
  it('count astral characters once', () => {
    expect(codePointOffset(text, 0)).toBe(0);
    expect(codePointOffset(text, 3)).toBe(2); // after 'x😀'
    expect(codePointOffset(text, text.length)).toBe(5);
  });
  it('round-trip through UTF-16 offsets', () => {
    for (const cp of [0, 1, 2, 3, 4, 5]) expect(codePointOffset(text, utf16Offset(text, cp))).toBe(cp);
  });
});

describe('isSurrogatePairAt', () => {
  it('is true exactly where a code point above U+FFFF starts, lone halves included', () => {
    const units = fc.constantFrom('a', '😀', '\uD83D', '\uDE00', '\uDBFF', '\uDC00');
    fc.assert(
      fc.property(fc.array(units, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        for (let i = 0; i < text.length; i++) expect(isSurrogatePairAt(text, i)).toBe((text.codePointAt(i) ?? 0) > 0xffff);
      }),
    );
  });
});

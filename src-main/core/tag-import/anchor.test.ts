// Anchoring another tool's tag in an article: code point or UTF-16 positions, and the quote with its context when they are wrong.
import { describe, expect, it } from 'vitest';
import { isCodePointBoundary } from '../../../src-shared/text/quote';
import { anchorCandidate, matchQuote, maxQuoteErrors, textAnchorer } from './anchor';

const TEXT = '👍🏽 Ukraine 🇺🇦 talks: $800 billion for reconstruction. 𝕏 users said $800 billion was promised by 2030.';
const cp = (s: string) => Array.from(s).length;

describe('anchorCandidate', () => {
  it('trusts a code point position after emoji when the text there is the quote', () => {
    const at = TEXT.indexOf('$800 billion');
    expect(at).toBe(25);
    const position = { start: cp(TEXT.slice(0, at)), end: cp(TEXT.slice(0, at)) + 12 };
    expect(position).toEqual({ start: 21, end: 33 });
    expect(anchorCandidate(TEXT, { quote: '$800 billion', position })).toEqual({ start: 25, end: 37, method: 'position' });
  });

  it('takes the second occurrence when the code point position points at it (after 𝕏, another astral character)', () => {
    const second = TEXT.lastIndexOf('$800 billion');
    const start = cp(TEXT.slice(0, second));
    const anchor = anchorCandidate(TEXT, { quote: '$800 billion', position: { start, end: start + 12 } });
    expect(anchor).toEqual({ start: second, end: second + 12, method: 'position' });
  });

  it('accepts UTF-16 positions, as browser tools such as Hypothesis write them, when they hold the quote', () => {
    expect(anchorCandidate(TEXT, { quote: '$800 billion', position: { start: 25, end: 37 } })).toEqual({
      start: 25,
      end: 37,
      method: 'position',
    });
  });

  it('finds the quote when the position is wrong, choosing the occurrence whose context matches', () => {
    const second = TEXT.lastIndexOf('$800 billion');
    const anchor = anchorCandidate(TEXT, {
      quote: '$800 billion',
      prefix: '𝕏 users said ',
      suffix: ' was promised',
      position: { start: 0, end: 12 },
    });
    expect(anchor).toEqual({ start: second, end: second + 12, method: 'quote' });
    const first = anchorCandidate(TEXT, { quote: '$800 billion', prefix: 'talks: ', suffix: ' for reconstruction', position: { start: 60, end: 72 } });
    expect(first).toEqual({ start: 25, end: 37, method: 'quote' });
  });

  it('lets the old position break a tie between occurrences with equal context', () => {
    const text = 'aid: $5 bn. Later: aid: $5 bn. End.';
    const second = text.lastIndexOf('$5 bn');
    expect(anchorCandidate(text, { quote: '$5 bn', position: { start: second + 3, end: second + 8 } })).toMatchObject({ start: second });
    expect(anchorCandidate(text, { quote: '$5 bn', position: { start: 2, end: 7 } })).toMatchObject({ start: text.indexOf('$5 bn') });
  });

  it('re-anchors a quote with two typos to the passage it was taken from', () => {
    const exact = 'talks: $800 billion for reconstruction';
    const typos = 'talks: $800 bilion for reconstrucion'; // two letters missing
    expect(maxQuoteErrors(typos)).toBeGreaterThanOrEqual(2);
    const anchor = anchorCandidate(TEXT, { quote: typos, prefix: 'Ukraine 🇺🇦 ', suffix: '. 𝕏 users' });
    expect(anchor?.method).toBe('fuzzy');
    expect(TEXT.slice(anchor!.start, anchor!.end)).toBe(exact);
  });

  it('returns null for a quote that is not in the text, and for a bad position without a quote', () => {
    expect(anchorCandidate(TEXT, { quote: 'The ceasefire was signed in Geneva', position: { start: 3, end: 37 } })).toBeNull();
    expect(anchorCandidate(TEXT, { quote: 'xyz' })).toBeNull(); // too short to allow any error
    expect(anchorCandidate(TEXT, { position: { start: 500, end: 510 } })).toBeNull();
    expect(anchorCandidate(TEXT, {})).toBeNull();
    expect(anchorCandidate('', { quote: 'anything' })).toBeNull();
  });

  it('uses a valid position when there is no quote to check it against', () => {
    expect(anchorCandidate(TEXT, { position: { start: 21, end: 33 } })).toEqual({ start: 25, end: 37, method: 'position' });
    expect(anchorCandidate(TEXT, { position: { start: 3, end: 3 } })).toBeNull(); // empty range
  });

  it('never splits an emoji when an approximate match ends inside one', () => {
    const text = 'Result: 👍🏽👍🏽 approved unanimously by the council';
    const anchor = textAnchorer(text)({ quote: '👍🏽 approved unanimusly by the' });
    expect(anchor).not.toBeNull();
    const slice = text.slice(anchor!.start, anchor!.end);
    expect(isCodePointBoundary(text, anchor!.start) && isCodePointBoundary(text, anchor!.end)).toBe(true);
    expect(slice).toContain('approved unanimously by the');
  });
});

describe('matchQuote', () => {
  it('prefers exact matches and reports errors for approximate ones', () => {
    expect(matchQuote('one two three', 'two')).toEqual({ start: 4, end: 7, errors: 0 });
    expect(matchQuote('reconstruction fund', 'reconstrucion fund')).toMatchObject({ start: 0, errors: 1 });
    expect(matchQuote('abc', '')).toBeNull();
  });
});

// Text targets in the canonical text: range checks, W3C TextQuoteSelector context, finding the n-th occurrence of a quote.
import type { TextTarget } from '../model/annotation';

/** Characters of context kept on each side of a quote (W3C TextQuoteSelector prefix/suffix). */
export const QUOTE_CONTEXT_LENGTH = 32;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when the UTF-16 units at `index` and `index + 1` are the two halves of one surrogate pair (one code point). */
export function isSurrogatePairAt(text: string, index: number): boolean {
  return index + 1 < text.length && isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1));
}

/** True when `offset` does not fall between the two halves of a surrogate pair. */
export function isCodePointBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  return !isSurrogatePairAt(text, offset - 1);
}

/** Why a range cannot be a tag's target, as a sentence; null when it can. */
export function rangeProblem(text: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'Offsets must be whole numbers.';
  if (start < 0 || end > text.length) return `The range ${start}–${end} lies outside the document (0–${text.length}).`;
  if (start >= end) return `The range ${start}–${end} is empty: the end must come after the start.`;
  if (!isCodePointBoundary(text, start) || !isCodePointBoundary(text, end)) {
    return `The range ${start}–${end} splits a character in two.`;
  }
  if (text.slice(start, end).trim() === '') return 'The range holds only white space.';
  return null;
}

/** The target of `text[start, end)`: offsets plus the quote with its context. The range must be valid. */
export function textTargetFor(text: string, start: number, end: number): TextTarget {
  let prefixStart = Math.max(0, start - QUOTE_CONTEXT_LENGTH);
  if (!isCodePointBoundary(text, prefixStart)) prefixStart -= 1;
  let suffixEnd = Math.min(text.length, end + QUOTE_CONTEXT_LENGTH);
  if (!isCodePointBoundary(text, suffixEnd)) suffixEnd += 1;
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}

/** UTF-16 start offsets of every occurrence of `quote` in `text`, in order. */
export function occurrencesOf(text: string, quote: string): number[] {
  const found: number[] = [];
  if (quote === '') return found;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/** Converts a UTF-16 offset into a count of Unicode code points from the start of `text`. */
export function codePointOffset(text: string, utf16Offset: number): number {
  let count = 0;
  for (let i = 0; i < utf16Offset; i++) {
    const code = text.charCodeAt(i);
    if (isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    count++;
  }
  return count;
}

/** Converts a code point offset back into a UTF-16 offset. */
export function utf16Offset(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) {
    const code = text.charCodeAt(i);
    i += isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

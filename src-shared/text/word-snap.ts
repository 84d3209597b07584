// Snapping a text selection to whole words (Unicode-aware), so a sloppy drag tags "$800 billion", not "800 bil".
import { isCodePointBoundary } from './quote';

const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;
const DIGIT = /^\p{N}$/u;
const CURRENCY = /^\p{Sc}$/u;
/** Apostrophes and hyphens between two word characters keep them one word: "Ukraine's", "well-known". */
const JOINER = /^['’‐‑-]$/u;
/** Separators inside numbers: "5,600", "3.5", "1 000" (narrow no-break and no-break spaces). */
const NUMBER_SEPARATOR = /^[.,\u00a0\u202f]$/u;
/** Signs that belong to the number after them: "-14", "+3", "−2". */
const SIGN = /^[-+−]$/u;
/** Units written straight after a number: "20%", "2‰", "-14°". */
const NUMBER_SUFFIX = /^[%‰‱°]$/u;

function codePointAt(text: string, index: number): string {
  if (index < 0 || index >= text.length) return '';
  return String.fromCodePoint(text.codePointAt(index) as number);
}

/** Index of the code point that starts after the one at `index`. */
function nextIndex(text: string, index: number): number {
  return index + codePointAt(text, index).length;
}

/** Index of the code point that ends at `index`. */
function previousIndex(text: string, index: number): number {
  if (index <= 0) return 0;
  return isCodePointBoundary(text, index - 1) ? index - 1 : index - 2;
}

function isCore(ch: string): boolean {
  return LETTER_OR_DIGIT.test(ch);
}
function isDigit(ch: string): boolean {
  return DIGIT.test(ch);
}

/** Whether the code point at `index` is part of a word, judged by its neighbours. */
function isWordPart(text: string, index: number): boolean {
  const ch = codePointAt(text, index);
  if (ch === '') return false;
  if (isCore(ch)) return true;
  const before = index > 0 ? codePointAt(text, previousIndex(text, index)) : '';
  const after = codePointAt(text, nextIndex(text, index));
  if (JOINER.test(ch) && isCore(before) && isCore(after)) return true;
  if (NUMBER_SEPARATOR.test(ch)) return isDigit(before) && isDigit(after);
  if (CURRENCY.test(ch)) return isDigit(after) || isDigit(before);
  if (SIGN.test(ch)) return isDigit(after) && !isCore(before);
  if (NUMBER_SUFFIX.test(ch)) return isDigit(before);
  return false;
}

/**
 * Grows `[start, end)` (UTF-16 offsets into `text`) outward to whole words and drops white space and
 * punctuation at its outer edges. A word is a run of letters, digits and combining marks, with apostrophes
 * and hyphens between two of them, separators inside numbers, and a currency sign, sign, "%" or "°"
 * attached to a number ("$800", "-14°", "20%"). A range inside one word becomes that word. An empty
 * range, or one holding no word character at all, comes back empty at `start`.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  let from = Math.max(0, Math.min(start, end, text.length));
  let to = Math.min(text.length, Math.max(start, end, 0));
  if (!isCodePointBoundary(text, from)) from -= 1;
  if (!isCodePointBoundary(text, to)) to += 1;
  if (to <= from) return { start: from, end: from };

  const collapsedAt = from;
  while (from < to && !isWordPart(text, from)) from = nextIndex(text, from);
  while (to > from && !isWordPart(text, previousIndex(text, to))) to = previousIndex(text, to);
  if (to <= from) return { start: collapsedAt, end: collapsedAt };

  while (from > 0 && isWordPart(text, previousIndex(text, from))) from = previousIndex(text, from);
  while (to < text.length && isWordPart(text, to)) to = nextIndex(text, to);
  return { start: from, end: to };
}

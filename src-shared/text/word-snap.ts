// Snapping a text selection to whole words, so a sloppy drag tags "$800 billion", not "800 bil", and a precise
// drag over "Zelenskyy" in "Trump-Zelenskyy's" tags "Zelenskyy". Words come from the one segmenter (segment.ts).
import { isCodePointBoundary } from './quote';
import { wordsNear, type TextSpan } from './segment';

const DIGIT_END = /\p{N}$/u;
const DIGIT_START = /^\p{N}/u;
const LETTERS = /^\p{L}+$/u;
const CURRENCY = /^\p{Sc}$/u;
/** Signs that belong to the number after them: "-14", "+3", "−2". */
const SIGN = /^[-+−]$/u;
/** Units written straight after a number: "20%", "2‰", "-14°". */
const NUMBER_SUFFIX = /^[%‰‱°]$/u;
const HYPHEN = /^[-‐‑]$/u;
/** A possessive ending: the apostrophe-s that is not part of the name ("Zelenskyy's" → "Zelenskyy"). */
const POSSESSIVE = /^(\p{L}[\p{L}\p{M}.-]*)['’][sS]$/u;
/** Contractions that end like a possessive but are words of their own. */
const CONTRACTIONS = new Set(['it', 'that', 'there', 'here', 'what', 'who', 'he', 'she', 'let', 'where', 'how', 'when', 'why']);

function charBefore(text: string, offset: number): string {
  if (offset <= 0) return '';
  return isCodePointBoundary(text, offset - 1) ? text.slice(offset - 1, offset) : text.slice(offset - 2, offset);
}

function charAfter(text: string, offset: number): string {
  if (offset >= text.length) return '';
  return String.fromCodePoint(text.codePointAt(offset) as number);
}

function wordEndingAt(words: readonly TextSpan[], offset: number): TextSpan | undefined {
  return words.find((word) => word.end === offset);
}

function wordStartingAt(words: readonly TextSpan[], offset: number): TextSpan | undefined {
  return words.find((word) => word.start === offset);
}

/**
 * Grows the start of a selection that begins with a number over what belongs to it: a sign ("-14"), a currency
 * ("$800", "US$800") and a letter code joined by a hyphen ("COVID-19", "F-16").
 */
function growStart(text: string, start: number, words: readonly TextSpan[]): number {
  const first = text.slice(start, start + 1);
  if (!DIGIT_START.test(first)) return start;
  let from = start;
  const before = charBefore(text, from);
  if (CURRENCY.test(before)) {
    from -= before.length;
    const code = wordEndingAt(words, from);
    if (code && LETTERS.test(text.slice(code.start, code.end)) && code.end - code.start <= 3) from = code.start;
  } else if (SIGN.test(before)) {
    const code = wordEndingAt(words, from - 1);
    if (HYPHEN.test(before) && code && LETTERS.test(text.slice(code.start, code.end))) from = code.start;
    else if (!code) from -= 1;
  }
  return from;
}

/**
 * Grows the end of a selection that ends with a number over its currency or unit sign ("800€", "20%", "-14°C"),
 * and one that ends with a letter code over the number it is joined to ("COVID-19").
 */
function growEnd(text: string, end: number, words: readonly TextSpan[]): number {
  if (!DIGIT_END.test(text.slice(Math.max(0, end - 1), end))) {
    const code = words.find((word) => word.end === end);
    const number = HYPHEN.test(charAfter(text, end)) ? wordStartingAt(words, end + 1) : undefined;
    const joins = code && number && LETTERS.test(text.slice(code.start, code.end)) && /^\p{N}+$/u.test(text.slice(number.start, number.end));
    return joins ? number.end : end;
  }
  const after = charAfter(text, end);
  if (CURRENCY.test(after)) return end + after.length;
  if (NUMBER_SUFFIX.test(after)) {
    const unit = after === '°' ? wordStartingAt(words, end + 1) : undefined;
    return unit && LETTERS.test(text.slice(unit.start, unit.end)) ? unit.end : end + 1;
  }
  return end;
}

/** Drops a possessive "'s" from the end of a name: the tag is about Zelenskyy, not "Zelenskyy's". */
function withoutPossessive(text: string, start: number, end: number): number {
  const lastSpace = Math.max(text.lastIndexOf(' ', end - 1), start - 1);
  const lastWord = text.slice(lastSpace + 1, end);
  const match = POSSESSIVE.exec(lastWord);
  if (!match || CONTRACTIONS.has((match[1] as string).toLowerCase())) return end;
  return end - 2 > start ? end - 2 : end;
}

/**
 * Grows `[start, end)` (UTF-16 offsets into `text`) outward to whole words and drops white space and
 * punctuation at its outer edges. Words are the segmenter's: a range inside "Zelenskyy" in "Trump-Zelenskyy"
 * becomes "Zelenskyy" (a hyphen is crossed only when the selection covers it), and a possessive "'s" is left
 * out. A number keeps its sign, currency and unit ("$800", "-14°C", "20%") and a code its letters ("COVID-19").
 * An empty range, or one holding no word at all, comes back empty at `start`.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  let from = Math.max(0, Math.min(start, end, text.length));
  let to = Math.min(text.length, Math.max(start, end, 0));
  if (!isCodePointBoundary(text, from)) from -= 1;
  if (!isCodePointBoundary(text, to)) to += 1;
  if (to <= from) return { start: from, end: from };

  const startWords = wordsNear(text, from);
  const endWords = to - from < 128 ? startWords : wordsNear(text, to);
  // A selection that starts or ends on a hyphen joining two words takes the word on the hyphen's other side too.
  if (HYPHEN.test(text.slice(from, from + 1))) from = wordEndingAt(startWords, from)?.start ?? from;
  if (HYPHEN.test(text.slice(to - 1, to))) to = wordStartingAt(endWords, to)?.end ?? to;

  const firstWord = startWords.find((word) => word.end > from);
  const lastWord = [...endWords].reverse().find((word) => word.start < to);
  if (!firstWord || !lastWord || firstWord.start >= to || lastWord.end <= from) return { start: from, end: from };

  const snappedStart = growStart(text, firstWord.start, startWords);
  const snappedEnd = withoutPossessive(text, snappedStart, growEnd(text, lastWord.end, endWords));
  return { start: snappedStart, end: snappedEnd };
}

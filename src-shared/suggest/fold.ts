// The small text helpers every suggestion source shares: folding words for comparison, word tokens, stable keys.
import { wordSpans, type TextSpan } from '../text/segment';

/** A word for comparison: accents dropped, lower case ("Zelenskyy" and "ZELENSKYY" fold alike). */
export function fold(word: string): string {
  // Printable ASCII has no accents to drop: lower case is all (most words of most articles, and much faster).
  if (!/[^ -~]/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folded words remembered while a text is tokenised: an article repeats its vocabulary. */
const FOLD_CACHE_LIMIT = 50_000;
const folded = new Map<string, string>();

function foldCached(word: string): string {
  let value = folded.get(word);
  if (value === undefined) {
    if (folded.size >= FOLD_CACHE_LIMIT) folded.clear();
    folded.set(word, (value = fold(word)));
  }
  return value;
}

/** A word of the text: its span (a possessive "'s" left out) and its folded form. */
export interface Token extends TextSpan {
  folded: string;
  /** Starts with an upper-case letter. */
  capital: boolean;
}

/** Whether the word [start, end) of `text` ends in a possessive "'s" or "’s" (and is longer than it). */
function endsPossessive(text: string, start: number, end: number): boolean {
  const s = text.charCodeAt(end - 1);
  const apostrophe = text.charCodeAt(end - 2);
  return end - start > 2 && (s === 0x73 || s === 0x53) && (apostrophe === 0x27 || apostrophe === 0x2019);
}

/** Whether `word` starts with an upper-case letter (tested on its code first: most words are ASCII). */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return /^\p{Lu}/u.test(word);
}

/** The words of `text` as tokens, each possessive clitic cut off ("Zelenskyy's" → "Zelenskyy"). */
export function tokensOf(text: string): Token[] {
  return wordSpans(text).map((span) => {
    const end = endsPossessive(text, span.start, span.end) ? span.end - 2 : span.end;
    const raw = text.slice(span.start, end);
    return { start: span.start, end, folded: foldCached(raw), capital: startsUpper(raw) };
  });
}

/** The tokens lying inside [start, end), found by binary search in `tokens` (in text order). */
export function tokensIn(tokens: readonly Token[], start: number, end: number): Token[] {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((tokens[middle]?.start ?? 0) < start) low = middle + 1;
    else high = middle;
  }
  let last = low;
  while (last < tokens.length && (tokens[last]?.end ?? Infinity) <= end) last++;
  return tokens.slice(low, last);
}

/** A 53-bit string hash (cyrb53) in base 36: short, stable, the same in every process. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return base36(4294967296 * (2097151 & h2) + (h1 >>> 0)).padStart(11, '0');
}

const DIGITS_36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A whole number below 2^53 in base 36, as Number#toString(36) writes it, several times faster (every key needs one). */
export function base36(value: number): string {
  let written = '';
  let rest = value;
  do {
    const digit = rest % 36;
    written = DIGITS_36.charAt(digit) + written;
    rest = (rest - digit) / 36;
  } while (rest > 0);
  return written;
}

/** A suggestion's key: the document's text hash, the kind, the span and who it names (an actor id or a new name). */
export function suggestionKey(textHash: string, kind: string, start: number, end: number, who: string): string {
  return hash(`${textHash}\0${kind}\0${start}\0${end}\0${who}`);
}

/**
 * Answers whether a range overlaps any of `spans` in O(log n): the spans sorted by start, with the furthest end
 * reached by each prefix. (A 1 MB article holds ten thousand suggestions and thousands of tags: testing every pair
 * took longer than finding the suggestions.)
 */
export class SpanIndex {
  private readonly starts: Float64Array;
  /** furthest[i]: the largest end among the first i + 1 spans by start. */
  private readonly furthest: Float64Array;

  constructor(spans: readonly TextSpan[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = Float64Array.from(sorted, (s) => s.start);
    this.furthest = new Float64Array(sorted.length);
    let reach = Number.NEGATIVE_INFINITY;
    sorted.forEach((s, i) => (this.furthest[i] = reach = Math.max(reach, s.end)));
  }

  /** Whether [start, end) overlaps a span: one starting before `end` reaches past `start`. */
  overlaps(start: number, end: number): boolean {
    let [low, high] = [0, this.starts.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.starts[middle] as number) < end) low = middle + 1;
      else high = middle;
    }
    return low > 0 && (this.furthest[low - 1] as number) > start;
  }
}

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

const POSSESSIVE = /['’][sS]$/u;

/** The words of `text` as tokens, each possessive clitic cut off ("Zelenskyy's" → "Zelenskyy"). */
export function tokensOf(text: string): Token[] {
  return wordSpans(text).map((span) => {
    let end = span.end;
    const word = text.slice(span.start, end);
    if (POSSESSIVE.test(word) && word.length > 2) end -= 2;
    const raw = text.slice(span.start, end);
    return { start: span.start, end, folded: foldCached(raw), capital: /^\p{Lu}/u.test(raw) };
  });
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
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

/** A suggestion's key: the document's text hash, the kind, the span and who it names (an actor id or a new name). */
export function suggestionKey(textHash: string, kind: string, start: number, end: number, who: string): string {
  return hash(`${textHash}\0${kind}\0${start}\0${end}\0${who}`);
}

/** Whether [start, end) overlaps any of `spans`. */
export function overlapsAny(spans: readonly TextSpan[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}

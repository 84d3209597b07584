// Hits in one document's text: where a query's phrases occur (UTF-16 offsets), and the passage around each.
import type { TextSpan } from '../../../src-shared/text/segment';
import type { Phrase } from './query';
import { searchTokens, type SearchToken } from './tokens';

function matchesAt(tokens: readonly SearchToken[], at: number, phrase: Phrase): boolean {
  const last = phrase.words.length - 1;
  return phrase.words.every((word, k) => {
    const key = tokens[at + k]?.key;
    if (key === undefined) return false;
    return k === last && phrase.prefix ? key.startsWith(word) : key === word;
  });
}

/**
 * Every occurrence of any of `phrases` in `text` as consecutive words (the last one a prefix for `word*`), in text
 * order; where two overlap, the one starting first (then the longer) is kept.
 */
export function findHits(text: string, phrases: readonly Phrase[]): TextSpan[] {
  const tokens = searchTokens(text);
  const found: TextSpan[] = [];
  for (let at = 0; at < tokens.length; at += 1) {
    for (const phrase of phrases) {
      const first = tokens[at];
      const lastToken = tokens[at + phrase.words.length - 1];
      if (first && lastToken && matchesAt(tokens, at, phrase)) found.push({ start: first.start, end: lastToken.end });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const hits: TextSpan[] = [];
  for (const hit of found) {
    const previous = hits[hits.length - 1];
    if (!previous || hit.start >= previous.end) hits.push(hit);
  }
  return hits;
}

/** How many characters of context a snippet shows on each side of a hit, at most. */
const CONTEXT = 60;

/**
 * The passage around `hit`: up to CONTEXT characters each side, cut at white space so no word is halved, line breaks
 * shown as spaces (the same length, so `start` still maps the snippet onto the text).
 */
export function snippetAround(text: string, hit: TextSpan): { start: number; text: string } {
  let from = Math.max(0, hit.start - CONTEXT);
  if (from > 0) {
    const space = text.slice(from, hit.start).search(/\s/u);
    from = space < 0 ? hit.start : from + space + 1;
  }
  let to = Math.min(text.length, hit.end + CONTEXT);
  if (to < text.length) {
    const tail = text.slice(hit.end, to);
    const space = Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\n'), tail.lastIndexOf('\t'));
    to = space < 0 ? hit.end : hit.end + space;
  }
  return { start: from, text: text.slice(from, to).replace(/[\r\n\t\f\v\u2028\u2029]/gu, ' ') };
}

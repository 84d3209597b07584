// Anchoring imported annotations in a canonical text (main process, pure): trust a position that still holds, else find the quote.
import approxSearch from 'approx-string-match';
import { isCodePointBoundary, isSurrogatePairAt, occurrencesOf, rangeProblem } from '../../../src-shared/text/quote';

/** What an imported annotation says about where it sits; positions count Unicode code points (W3C). */
export interface AnchorSelectors {
  quote?: string;
  prefix?: string;
  suffix?: string;
  position?: { start: number; end: number };
}

/**
 * Where an annotation anchored, in UTF-16 offsets of the text. `method` says how: `position` (the selector's
 * offsets still point at the quote), `quote` (the exact quote, chosen among its occurrences by context), or
 * `fuzzy` (an approximate match of the quote: the text differs slightly from what was annotated).
 */
export interface Anchor {
  start: number;
  end: number;
  method: 'position' | 'quote' | 'fuzzy';
}

interface Match {
  start: number;
  end: number;
  errors: number;
}

// Weights of Hypothesis's match-quote: the quote matters most, its context next, the old position breaks ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
/** Characters of prefix and suffix compared (Marginalia and Hypothesis keep 32). */
const MAX_SCORED_CONTEXT = 64;

/** The errors allowed when searching for a quote: a quarter of its length (so 2 typos in 8 characters), at most 256. */
export function maxQuoteErrors(quote: string): number {
  return Math.min(256, Math.floor(quote.length / 4));
}

/** Exact occurrences first (cheap, and what almost always happens); only without one, approximate matches. */
function quoteMatches(text: string, quote: string, maxErrors: number): Match[] {
  const exact = occurrencesOf(text, quote).map((start) => ({ start, end: start + quote.length, errors: 0 }));
  if (exact.length > 0 || maxErrors < 1) return exact;
  return approxSearch(text, quote, maxErrors);
}

/**
 * The fewest insertions, deletions and substitutions that turn `pattern` into some substring of `text`
 * (Sellers' algorithm). Contexts are at most 64 characters, so the table is small: for a quote that occurs
 * thousands of times this is about ten times cheaper than setting up a bit-parallel search per occurrence.
 */
function substringEditDistance(text: string, pattern: string): number {
  let previous = new Uint32Array(text.length + 1); // pattern of length 0 matches anywhere for free
  let current = new Uint32Array(text.length + 1);
  for (let i = 1; i <= pattern.length; i++) {
    current[0] = i;
    const p = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= text.length; j++) {
      const substitution = previous[j - 1]! + (text.charCodeAt(j - 1) === p ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return Math.min(...previous);
}

/** Similarity in [0, 1] of `actual` (text beside a match) to `expected` (the recorded context). */
function contextSimilarity(actual: string, expected: string): number {
  if (expected.length === 0 || actual === expected) return 1;
  if (actual.length === 0) return 0;
  return Math.max(0, 1 - substringEditDistance(actual, expected) / expected.length);
}

/**
 * The best place for `quote` in `text`, scored the way Hypothesis's match-quote does (quote errors, prefix and
 * suffix similarity, distance from `hint`); null when no occurrence has at most `maxQuoteErrors` errors.
 */
export function matchQuote(
  text: string,
  quote: string,
  context: { prefix?: string; suffix?: string; hint?: number } = {},
): Match | null {
  if (quote.length === 0 || text.length === 0) return null;
  const matches = quoteMatches(text, quote, maxQuoteErrors(quote));
  if (matches.length === 1 && matches[0]!.errors === 0) return matches[0]!; // the only place it can be
  let best: { match: Match; score: number } | null = null;
  // Only the context next to the quote is compared: it decides, and an untrusted 10,000-character prefix
  // scored against thousands of occurrences would cost minutes.
  const prefix = (context.prefix ?? '').slice(-MAX_SCORED_CONTEXT);
  const suffix = (context.suffix ?? '').slice(0, MAX_SCORED_CONTEXT);
  for (const match of matches) {
    const prefixScore = contextSimilarity(text.slice(Math.max(0, match.start - prefix.length), match.start), prefix);
    const suffixScore = contextSimilarity(text.slice(match.end, match.end + suffix.length), suffix);
    const positionScore = context.hint === undefined ? 1 : 1 - Math.abs(match.start - context.hint) / text.length;
    const score =
      QUOTE_WEIGHT * (1 - match.errors / quote.length) +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore;
    if (best === null || score > best.score) best = { match, score };
  }
  return best?.match ?? null;
}

/** Code point offset → UTF-16 offset for one text, in constant time; undefined past the end. */
function utf16OffsetsOf(text: string): (codePoint: number) => number | undefined {
  if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => (cp <= text.length ? cp : undefined);
  const table: number[] = [];
  for (let i = 0; i < text.length; i++) {
    table.push(i);
    if (isSurrogatePairAt(text, i)) i++;
  }
  table.push(text.length);
  return (cp) => table[cp];
}

/** Widens a range so that it never splits a surrogate pair (an approximate match can end inside an emoji). */
function onCodePointBoundaries(text: string, start: number, end: number): { start: number; end: number } {
  return {
    start: isCodePointBoundary(text, start) ? start : start - 1,
    end: isCodePointBoundary(text, end) ? end : end + 1,
  };
}

/** Anchors annotations in one text; build it once per document (it precomputes the code point table). */
export function textAnchorer(text: string): (selectors: AnchorSelectors) => Anchor | null {
  const toUtf16 = utf16OffsetsOf(text);
  const usable = (start: number, end: number) => rangeProblem(text, start, end) === null;
  return ({ quote, prefix, suffix, position }) => {
    if (quote === '') quote = undefined;
    let hint: number | undefined;
    if (position) {
      const start = toUtf16(position.start);
      const end = toUtf16(position.end);
      if (start !== undefined && end !== undefined) {
        hint = start;
        if (quote === undefined ? usable(start, end) : text.slice(start, end) === quote) return { start, end, method: 'position' };
      }
      // Hypothesis (and other browser tools) write JavaScript string offsets, i.e. UTF-16, despite the model.
      if (quote !== undefined && text.slice(position.start, position.end) === quote && usable(position.start, position.end)) {
        return { start: position.start, end: position.end, method: 'position' };
      }
    }
    if (quote === undefined) return null;
    const match = matchQuote(text, quote, { prefix, suffix, hint });
    if (!match) return null;
    const range = onCodePointBoundaries(text, match.start, match.end);
    if (!usable(range.start, range.end)) return null;
    return { ...range, method: match.errors === 0 ? 'quote' : 'fuzzy' };
  };
}

/**
 * Where an imported annotation belongs in `text` (UTF-16 offsets), or null when it cannot be placed — the
 * caller reports it as not anchored, never drops it. The position wins when the text there equals the quote
 * (or, without a quote, when it is a valid range); otherwise the quote is searched for, allowing a quarter of
 * its length in errors and ranking occurrences by prefix, suffix and closeness to the old position.
 * For many annotations on one text, use `textAnchorer(text)` once instead.
 */
export function anchorCandidate(text: string, candidate: AnchorSelectors): Anchor | null {
  return textAnchorer(text)(candidate);
}

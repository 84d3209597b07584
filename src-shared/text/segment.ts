// The one definition of a word and a sentence (Unicode text segmentation through Intl.Segmenter), for snapping
// selections, agreement's word units, whole-word search and suggestions.

/** A range of UTF-16 offsets into a text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

// One segmenter per granularity: creating one loads ICU data, segmenting with it is cheap.
const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });
const sentenceSegmenter = new Intl.Segmenter('und', { granularity: 'sentence' });

/**
 * Text made only of these characters — ASCII but "_", the letters of Latin-1 and Latin Extended-A, the no-break
 * space, the middle dot, typographic quotes and dashes — has the same words by this regular expression as by the
 * segmenter (letters and digits; a letter joined across ' ’ ‘ . · : to a letter, a digit across , ; . ' ’ ‘ to a
 * digit; checked by a property test), found several times faster: most articles are such text.
 */
const PLAIN_TEXT = /^[\t\n\r -^`-~\u00A0\u00B7\u00C0-\u017F‘’“”–—…]*$/u;
const ALNUM = String.raw`[A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u017F]`;
const LETTER = String.raw`[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u017F]`;
const PLAIN_WORD = new RegExp(String.raw`${ALNUM}+(?:(?:(?<=${LETTER})['’‘.·:](?=${LETTER})|(?<=[0-9])[,;.'’‘](?=[0-9]))${ALNUM}+)*`, 'gu');

function isWordSegment(segment: Intl.SegmentData): boolean {
  return segment.isWordLike === true;
}

/**
 * The words of `text[from, to)`, in order, as offsets into `text`: letters, digits and marks as Unicode word
 * boundaries (UAX #29, with dictionaries for CJK and Thai) group them — "Ukraine's", "5,600" and "3.5" are one
 * word each; "Trump-Putin" is two. Emoji and punctuation are not words. Never splits a grapheme cluster.
 */
export function wordSpans(text: string, from = 0, to = text.length): TextSpan[] {
  const spans: TextSpan[] = [];
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  if (PLAIN_TEXT.test(slice)) {
    PLAIN_WORD.lastIndex = 0;
    for (let m = PLAIN_WORD.exec(slice); m; m = PLAIN_WORD.exec(slice)) spans.push({ start: from + m.index, end: from + m.index + m[0].length });
    return spans;
  }
  for (const segment of wordSegmenter.segment(slice)) {
    if (isWordSegment(segment)) spans.push({ start: from + segment.index, end: from + segment.index + segment.segment.length });
  }
  return spans;
}

/** The sentences of `text`, as offsets, trailing white space excluded. */
export function sentenceSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const segment of sentenceSegmenter.segment(text)) {
    const trimmed = segment.segment.trimEnd();
    if (trimmed.trim() !== '') spans.push({ start: segment.index, end: segment.index + trimmed.length });
  }
  return spans;
}

/** How far around an offset the text is segmented to find the word there: longer than any real word. */
const WINDOW = 256;

/** The words near `offset` (within WINDOW on each side); words cut by the window's edges are left out. */
export function wordsNear(text: string, offset: number): TextSpan[] {
  const from = Math.max(0, offset - WINDOW);
  const to = Math.min(text.length, offset + WINDOW);
  const spans = wordSpans(text, from, to);
  if (from > 0) spans.shift();
  if (to < text.length) spans.pop();
  return spans;
}

/** A possessive clitic left at the end of a word: "Zelenskyy's" is the name "Zelenskyy" plus "'s". */
const POSSESSIVE_TAIL = /^['’][sS]$/u;

/**
 * Whether `offset` falls between words rather than inside one; the place before a possessive "'s" counts as
 * between (a name ends there). Used to find whole-word occurrences of a phrase.
 */
export function isWordBoundary(text: string, offset: number): boolean {
  const inside = wordsNear(text, offset).find((word) => word.start < offset && offset < word.end);
  return inside === undefined || POSSESSIVE_TAIL.test(text.slice(offset, inside.end));
}

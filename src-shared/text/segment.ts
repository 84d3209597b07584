// The one definition of a word and a sentence (Unicode text segmentation through Intl.Segmenter), for snapping
// selections, agreement's word units, whole-word search and suggestions.

/** A range of UTF-16 offsets into a text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

// One segmenter per granularity, made on first use: creating one loads ICU data (tens of milliseconds, which a
// command that never segments should not pay as it starts); segmenting with it is cheap.
const segmenters = new Map<'word' | 'sentence', Intl.Segmenter>();
function segmenter(granularity: 'word' | 'sentence'): Intl.Segmenter {
  let made = segmenters.get(granularity);
  if (!made) {
    made = new Intl.Segmenter('und', { granularity });
    segmenters.set(granularity, made);
  }
  return made;
}

/**
 * Text made only of these characters — ASCII but "_", the letters of Latin-1 and Latin Extended-A, the no-break
 * space, the middle dot, typographic quotes and dashes — has the same words by the scan below as by the segmenter
 * (letters and digits; a letter joined across ' ’ ‘ . · : to a letter, a digit across , ; . ' ’ ‘ to a digit; checked
 * by a property test), found several times faster: most articles are such text. PLAIN holds flags for every UTF-16
 * code unit (64 KB), so the scan indexes it without a bounds check.
 */
const PLAIN = new Uint8Array(0x10000);
/** Flags of a character in PLAIN: plain text, a digit, a letter, a joiner between letters, a joiner between digits. */
const IS_PLAIN = 1;
const DIGIT = 2;
const LETTER = 4;
const ALNUM = DIGIT | LETTER;
const JOINS_LETTERS = 8;
const JOINS_DIGITS = 16;
{
  const mark = (from: number, to: number, flag: number): void => {
    for (let c = from; c <= to; c++) PLAIN[c] = (PLAIN[c] as number) | flag;
  };
  for (const c of [0x09, 0x0a, 0x0d, 0xa0, 0xb7, ...Array.from('‘’“”–—…', (q) => q.charCodeAt(0))]) mark(c, c, IS_PLAIN);
  mark(0x20, 0x5e, IS_PLAIN);
  mark(0x60, 0x7e, IS_PLAIN);
  mark(0xc0, 0x17f, IS_PLAIN);
  mark(0x30, 0x39, DIGIT);
  for (const [from, to] of [[0x41, 0x5a], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x17f]] as const) mark(from, to, LETTER);
  for (const c of "'’‘.·:") mark(c.charCodeAt(0), c.charCodeAt(0), JOINS_LETTERS);
  for (const c of ",;.'’‘") mark(c.charCodeAt(0), c.charCodeAt(0), JOINS_DIGITS);
}

/**
 * The words of plain text `text[from, to)` as [start, end) pairs written into `into` from its beginning; returns how
 * many numbers were written, or -1 at the first character that is not plain text (the segmenter reads such text).
 */
function plainWords(text: string, from: number, to: number, into: Int32Array): number {
  let written = 0;
  let i = from;
  while (i < to) {
    const flags = PLAIN[text.charCodeAt(i)] as number;
    if ((flags & ALNUM) === 0) {
      if (flags === 0) return -1;
      i++;
      continue;
    }
    const start = i;
    let last = flags;
    i++;
    for (;;) {
      while (i < to) {
        const next = PLAIN[text.charCodeAt(i)] as number;
        if ((next & ALNUM) === 0) break;
        last = next;
        i++;
      }
      // text[i] may join the word to a word right after it.
      if (i + 1 >= to) break;
      const joiner = PLAIN[text.charCodeAt(i)] as number;
      const after = PLAIN[text.charCodeAt(i + 1)] as number;
      const joinsLetters = (joiner & JOINS_LETTERS) !== 0 && (last & LETTER) !== 0 && (after & LETTER) !== 0;
      const joinsDigits = (joiner & JOINS_DIGITS) !== 0 && (last & DIGIT) !== 0 && (after & DIGIT) !== 0;
      if (!joinsLetters && !joinsDigits) break;
      last = after;
      i += 2;
    }
    into[written++] = start;
    into[written++] = i;
  }
  return written;
}

function isWordSegment(segment: Intl.SegmentData): boolean {
  return segment.isWordLike === true;
}

/** Where `wordBoundaries` writes before copying out what it found: made once, for texts up to 262,144 code units. */
let scratch: Int32Array | undefined;

/**
 * The words of `text[from, to)`, in order, as offsets into `text`: `[start₀, end₀, start₁, end₁, …]`. Letters, digits
 * and marks as Unicode word boundaries (UAX #29, with dictionaries for CJK and Thai) group them — "Ukraine's", "5,600"
 * and "3.5" are one word each; "Trump-Putin" is two. Emoji and punctuation are not words. Never splits a grapheme
 * cluster. The compact form, for passes over many texts (`wordSpans` gives one object per word).
 */
export function wordBoundaries(text: string, from = 0, to = text.length): Int32Array {
  // A word is at least one code unit and words do not overlap: at most one pair per code unit.
  scratch ??= new Int32Array(1 << 19);
  const into = scratch.length >= 2 * (to - from) ? scratch : new Int32Array(2 * (to - from));
  let written = plainWords(text, from, to, into);
  if (written < 0) {
    written = 0;
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    for (const segment of segmenter('word').segment(slice)) {
      if (!isWordSegment(segment)) continue;
      into[written++] = from + segment.index;
      into[written++] = from + segment.index + segment.segment.length;
    }
  }
  return into.slice(0, written);
}

/** The words of `text[from, to)` as `wordBoundaries` finds them, one `{ start, end }` per word. */
export function wordSpans(text: string, from = 0, to = text.length): TextSpan[] {
  const bounds = wordBoundaries(text, from, to);
  const spans: TextSpan[] = [];
  for (let k = 0; k < bounds.length; k += 2) spans.push({ start: bounds[k]!, end: bounds[k + 1]! });
  return spans;
}

/** The sentences of `text`, as offsets, trailing white space excluded. */
export function sentenceSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const segment of segmenter('sentence').segment(text)) {
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

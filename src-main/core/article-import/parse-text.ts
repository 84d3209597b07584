// Plain-text articles (.txt and pasted text): one block per non-empty line, offsets exactly those of the text.
import type { Block, BlockType } from '../../../src-shared/model/document';
import { parseDateLine } from './dates';
import { isTrimmable, titleFromText } from './text-util';
import type { ArticleBody } from './types';

/** Lines at most this long may be headings. */
const MAX_HEADING_CHARS = 100;
/** A date line counts as the publication date within this many non-empty lines from the top. */
const DATE_LINE_WINDOW = 5;

const BULLET = /^[-*•◦▪‣]\s+/;
const ORDERED = /^\d{1,3}[.)]\s+/;
const QUOTE = /^(?:>[ \t]?)+/;
const LOWERCASE_START = /^\p{Ll}/u;
/** Trailing quotes and brackets that may follow sentence-ending punctuation. */
const TRAILING_CLOSERS = /["'”’»)\]]+$/;
const SENTENCE_END = /[.!?:;…,]$/;

interface Line {
  /** Start of the line's content, leading whitespace skipped. */
  start: number;
  /** End of the line's content, trailing whitespace skipped. */
  end: number;
  content: string;
}

function nonEmptyLines(text: string): Line[] {
  const lines: Line[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && isTrimmable(text.charCodeAt(start))) start++;
    while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
    if (end > start) lines.push({ start, end, content: text.slice(start, end) });
    lineStart = lineEnd + 1;
  }
  return lines;
}

function endsLikeSentence(content: string): boolean {
  return SENTENCE_END.test(content.replace(TRAILING_CLOSERS, ''));
}

/** Short, capitalised, unpunctuated: could be a heading if prose follows. */
function isHeadingShaped(content: string): boolean {
  return (
    content.length <= MAX_HEADING_CHARS &&
    !endsLikeSentence(content) &&
    !LOWERCASE_START.test(content) &&
    !BULLET.test(content) &&
    !ORDERED.test(content) &&
    !QUOTE.test(content) &&
    parseDateLine(content) === null
  );
}

/** Body text: a long line, or one that ends like a sentence and is longer than the heading above it. */
function isProse(content: string, headingLength: number): boolean {
  return content.length > MAX_HEADING_CHARS || (endsLikeSentence(content) && content.length > headingLength);
}

/** How far down a saved page's furniture ("Logo", "Public domain", "Daily Brief") the headline is looked for. */
const TITLE_SEARCH_LINES = 8;

/**
 * The line holding the title: the first line, unless it is short page furniture ("Logo", "Public domain") standing
 * above the headline — then the first headline-shaped line of four words or more among the top lines, before any
 * prose.
 */
function titleLineIndex(lines: readonly Line[]): number {
  const words = (i: number) => (lines[i] as Line).content.trim().split(/\s+/).length;
  if (lines.length === 0 || words(0) >= 4) return 0;
  for (let i = 1; i < Math.min(lines.length, TITLE_SEARCH_LINES); i++) {
    const content = (lines[i] as Line).content.trim();
    if (!isHeadingShaped(content)) return 0;
    if (words(i) >= 4) return i;
  }
  return 0;
}

/** The title without a leading "Title:" label that some exports put before it. */
function cleanTitle(line: string): string {
  return line.replace(/^\s*title\s*:\s*/i, '');
}

/**
 * Parses normalised plain text (LF line endings, no BOM). The canonical text is `text` itself; each
 * non-empty line becomes one block whose range skips the line's surrounding whitespace.
 */
export function parsePlainText(text: string, titles: { title?: string | null; fallbackTitle?: string } = {}): ArticleBody {
  const lines = nonEmptyLines(text);
  const blocks: Block[] = [];
  let publishedAt: string | null = null;
  const titleIndex = titleLineIndex(lines);

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const { content } = line;
    let type: BlockType = 'paragraph';
    let level: number | undefined;
    let start = line.start;

    if (i === titleIndex) {
      type = 'heading';
      level = 1;
    } else if (BULLET.test(content) || ORDERED.test(content)) {
      type = 'list_item';
      // Bullets are decoration and are left out of the block; numbers carry meaning and stay.
      const bullet = BULLET.exec(content);
      if (bullet) start += bullet[0].length;
    } else if (QUOTE.test(content)) {
      let quoted = start + (QUOTE.exec(content)?.[0].length ?? 0);
      while (quoted < line.end && isTrimmable(text.charCodeAt(quoted))) quoted++;
      if (quoted < line.end) {
        type = 'blockquote';
        start = quoted;
      }
    } else if (i < DATE_LINE_WINDOW && publishedAt === null && parseDateLine(content) !== null) {
      publishedAt = parseDateLine(content); // stays in the text as a paragraph
    } else if (isHeadingShaped(content)) {
      const next = lines[i + 1];
      if (next && isProse(next.content, content.length)) {
        type = 'heading';
        level = 2;
      }
    }

    const block: Block = { type, start, end: line.end };
    if (level !== undefined) block.level = level;
    blocks.push(block);
  }

  const title =
    titleFromText(titles.title ?? '') || titleFromText(cleanTitle(lines[titleIndex]?.content ?? '')) || titles.fallbackTitle?.trim() || 'Untitled';
  return { text, blocks, title, author: null, outlet: null, publishedAt };
}

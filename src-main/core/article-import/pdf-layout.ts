// Rebuilding an article from a PDF's text lines: running headers, footers and page numbers dropped, paragraphs, headings and the title found.
import { parseDateLine } from './dates';
import { collapseWhitespace } from './text-util';
import type { BlockPiece } from './types';

/** One line of text as laid out on a page (PDF user space: y grows upwards, baseline of the line). */
export interface PdfLine {
  /** 1-based page number. */
  page: number;
  text: string;
  /** Left edge and baseline of the line. */
  x: number;
  y: number;
  /** Font size (the largest on the line). */
  size: number;
  /** Every character on the line is set in a bold font. */
  bold: boolean;
}

export interface PdfPageBox {
  /** Page height in PDF units (for deciding what is near the top or bottom edge). */
  height: number;
}

export interface PdfLayout {
  pieces: BlockPiece[];
  /** The text of the page-1 block set in the largest type, when it stands out from the body text. */
  largestText: string | null;
  /** The first date line near the top of page 1. */
  dateLine: string | null;
}

/** Running headers and footers sit in this share of the page height from the top or bottom edge. */
const EDGE_ZONE = 0.15;
/** Lines within this many units of each other count as being at the same place on different pages. */
const SAME_PLACE = 3;
/** Text bigger than the body by this factor is a heading. */
const HEADING_SCALE = 1.15;
/** The title must be at least this much bigger than the body text to be recognised by size. */
const TITLE_SCALE = 1.3;
/** A gap between lines this many times the usual line spacing starts a new paragraph. */
const PARAGRAPH_GAP = 1.3;
/** A bold line of body size is a heading only when its block is this short. */
const MAX_BOLD_HEADING_CHARS = 120;
/** A date line is looked for in this many blocks at the top of page 1. */
const DATE_BLOCK_WINDOW = 8;

const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;
const SENTENCE_END = /[.!?:;…]["'”’»)\]]*$/;
const HYPHENATED_END = /\p{Ll}-$/u;
const LETTER_HYPHEN_END = /\p{L}-$/u;
const LOWERCASE_START = /^\p{Ll}/u;

function round(n: number, step: number): number {
  return Math.round(n / step) * step;
}

/** Digits stand for any digit, so "Page 3 of 9" on every page is one repeated line. */
function furnitureKey(line: PdfLine): string {
  return collapseWhitespace(line.text).toLowerCase().replace(/\d+/g, '#');
}

function nearEdge(line: PdfLine, box: PdfPageBox | undefined): boolean {
  if (!box || box.height <= 0) return false;
  return line.y > box.height * (1 - EDGE_ZONE) || line.y < box.height * EDGE_ZONE;
}

/**
 * Drops page numbers near the top or bottom edge, and running headers and footers: the same text (digits aside)
 * at the same height near an edge of most pages (at least two).
 */
export function dropPageFurniture(lines: readonly PdfLine[], boxes: ReadonlyMap<number, PdfPageBox>): PdfLine[] {
  const pageCount = new Set(lines.map((l) => l.page)).size;
  const pagesByKey = new Map<string, Set<number>>();
  const keyOf = (line: PdfLine): string => `${furnitureKey(line)}@${round(line.y, SAME_PLACE)}`;
  for (const line of lines) {
    if (!nearEdge(line, boxes.get(line.page))) continue;
    const key = keyOf(line);
    let pages = pagesByKey.get(key);
    if (!pages) pagesByKey.set(key, (pages = new Set()));
    pages.add(line.page);
  }
  const repeated = (line: PdfLine): boolean => {
    const pages = pagesByKey.get(keyOf(line))?.size ?? 0;
    return pages >= 2 && pages * 2 > pageCount;
  };
  return lines.filter((line) => {
    if (!nearEdge(line, boxes.get(line.page))) return true;
    return !PAGE_NUMBER.test(line.text.trim()) && !repeated(line);
  });
}

/** The value that covers the most characters (sizes, spacings), or `fallback` when there is none. */
function mostCommon(values: ReadonlyArray<[number, number]>, fallback: number): number {
  const weight = new Map<number, number>();
  for (const [value, w] of values) weight.set(value, (weight.get(value) ?? 0) + w);
  let best = fallback;
  let bestWeight = -1;
  for (const [value, w] of weight) {
    if (w > bestWeight) {
      best = value;
      bestWeight = w;
    }
  }
  return best;
}

/** Two consecutive lines of one paragraph joined: a word hyphenated across the line end is made whole again. */
export function joinLines(first: string, second: string): string {
  if (HYPHENATED_END.test(first) && LOWERCASE_START.test(second)) return first.slice(0, -1) + second;
  // "Trump-" + "Putin": a hyphenated compound broken at its hyphen keeps the hyphen and has no space.
  if (LETTER_HYPHEN_END.test(first)) return first + second;
  return `${first} ${second}`;
}

interface Paragraph {
  lines: PdfLine[];
}

function sameStyle(a: PdfLine, b: PdfLine): boolean {
  return Math.abs(a.size - b.size) < 0.5 && a.bold === b.bold;
}

/** True when `next` continues the paragraph that ends with `last` after a page or column break. */
function continuesAcrossBreak(last: PdfLine, next: PdfLine, bodySize: number): boolean {
  if (!sameStyle(last, next) || Math.abs(last.size - bodySize) >= 0.5 || last.bold) return false;
  if (SENTENCE_END.test(last.text)) return false;
  return LOWERCASE_START.test(next.text) || HYPHENATED_END.test(last.text);
}

function groupParagraphs(lines: readonly PdfLine[], bodySize: number, leading: number, leftEdge: ReadonlyMap<number, number>): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  for (const line of lines) {
    const previous = current?.lines[current.lines.length - 1];
    let startsNew = true;
    if (current && previous) {
      if (previous.page !== line.page || line.y > previous.y + line.size) {
        startsNew = !continuesAcrossBreak(previous, line, bodySize); // a new page, or the top of the next column
      } else {
        const gap = previous.y - line.y;
        const left = leftEdge.get(line.page) ?? line.x;
        const indented = line.x > left + line.size * 0.8 && line.x > previous.x + line.size * 0.8;
        startsNew = !sameStyle(previous, line) || gap > Math.max(leading, line.size) * PARAGRAPH_GAP || indented;
      }
    }
    if (startsNew || !current) {
      current = { lines: [line] };
      paragraphs.push(current);
    } else {
      current.lines.push(line);
    }
  }
  return paragraphs;
}

function paragraphText(p: Paragraph): string {
  let text = '';
  for (const line of p.lines) {
    const t = collapseWhitespace(line.text);
    if (t) text = text ? joinLines(text, t) : t;
  }
  return text;
}

/**
 * Turns the text lines of a PDF (in reading order, page furniture still present) into block pieces, each with the
 * page it starts on. Headings are larger text, or short bold lines; the largest text on page 1 is level 1.
 */
export function layoutPdfLines(allLines: readonly PdfLine[], boxes: ReadonlyMap<number, PdfPageBox>): PdfLayout {
  const lines = dropPageFurniture(allLines, boxes).filter((l) => collapseWhitespace(l.text) !== '');
  const bodySize = mostCommon(lines.map((l) => [round(l.size, 0.5), l.text.length]), 10);
  const gaps: Array<[number, number]> = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1] as PdfLine;
    const b = lines[i] as PdfLine;
    if (a.page === b.page && Math.abs(a.size - bodySize) < 0.5 && sameStyle(a, b) && a.y > b.y) gaps.push([round(a.y - b.y, 0.5), 1]);
  }
  const leading = mostCommon(gaps, bodySize * 1.2);
  const leftEdge = new Map<number, number>();
  for (const l of lines) {
    if (Math.abs(l.size - bodySize) < 0.5) leftEdge.set(l.page, Math.min(leftEdge.get(l.page) ?? l.x, l.x));
  }

  const paragraphs = groupParagraphs(lines, bodySize, leading, leftEdge);
  const largerSizes = [...new Set(lines.filter((l) => l.size > bodySize * HEADING_SCALE).map((l) => round(l.size, 0.5)))].sort((a, b) => b - a);
  const firstPage = paragraphs.filter((p) => p.lines[0]?.page === (lines[0]?.page ?? 1));
  const largestOnFirst = Math.max(0, ...firstPage.map((p) => p.lines[0]?.size ?? 0));
  const titleParagraph = largestOnFirst >= bodySize * TITLE_SCALE ? firstPage.find((p) => p.lines[0]?.size === largestOnFirst) : undefined;

  // Headings take levels by size below the title (level 1); short bold lines of body size come after every size.
  const headingSizes = largerSizes.filter((s) => !titleParagraph || s < round(largestOnFirst, 0.5));
  const levelForSize = (size: number): number => Math.min(6, 2 + Math.max(0, headingSizes.indexOf(round(size, 0.5))));
  const boldLevel = Math.min(6, 2 + headingSizes.length);

  const pieces: BlockPiece[] = [];
  let dateLine: string | null = null;
  const firstPageNumber = lines[0]?.page ?? 1;
  for (const p of paragraphs) {
    const text = paragraphText(p);
    const first = p.lines[0] as PdfLine;
    if (!text) continue;
    const piece: BlockPiece = { type: 'paragraph', text, page: first.page };
    if (p === titleParagraph) {
      piece.type = 'heading';
      piece.level = 1;
    } else if (first.size > bodySize * HEADING_SCALE) {
      piece.type = 'heading';
      piece.level = levelForSize(first.size);
    } else if (first.bold && text.length <= MAX_BOLD_HEADING_CHARS && !/[.,;]$/.test(text)) {
      piece.type = 'heading';
      piece.level = boldLevel;
    } else if (dateLine === null && first.page === firstPageNumber && pieces.length < DATE_BLOCK_WINDOW && parseDateLine(text)) {
      dateLine = text;
    }
    pieces.push(piece);
  }
  return { pieces, largestText: titleParagraph ? paragraphText(titleParagraph) : null, dateLine };
}

// Small text helpers shared by the import parsers: whitespace, titles, and joining block pieces into canonical text.
import type { Block } from '../../../src-shared/model/document';
import type { BlockPiece } from './types';

/** The longest title kept whole; longer titles are cut at a word boundary. */
const MAX_TITLE_CHARS = 200;

/** True for the code units JavaScript's `trim()` removes (line terminators included). */
export function isTrimmable(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Collapses every run of whitespace (newlines included) to one space and trims. */
export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A readable title from arbitrary text: whitespace collapsed, cut at a word boundary when very long. */
export function titleFromText(s: string): string {
  const flat = collapseWhitespace(s);
  if (flat.length <= MAX_TITLE_CHARS) return flat;
  const cut = flat.slice(0, MAX_TITLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The file name without directories. */
export function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] || fileName;
}

/** The file name without directories and without its last extension. */
export function fileStem(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * Joins block pieces into canonical text, "\n\n" between blocks, and computes each block's range.
 * Pieces must already be trimmed, non-empty and newline-free (see `collapseWhitespace`).
 */
export function assembleBlocks(pieces: readonly BlockPiece[]): { text: string; blocks: Block[] } {
  const parts: string[] = [];
  const blocks: Block[] = [];
  let offset = 0;
  for (const piece of pieces) {
    if (piece.text === '') continue;
    if (parts.length > 0) {
      parts.push('\n\n');
      offset += 2;
    }
    const block: Block = { type: piece.type, start: offset, end: offset + piece.text.length };
    if (piece.type === 'heading') block.level = Math.min(6, Math.max(1, piece.level ?? 1));
    if (piece.page !== undefined) block.page = piece.page;
    blocks.push(block);
    parts.push(piece.text);
    offset += piece.text.length;
  }
  return { text: parts.join(''), blocks };
}

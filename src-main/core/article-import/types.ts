// Shapes shared by the import parsers: the parsed article and the intermediate block pieces.
import type { Block, BlockType, DocumentFormat } from '../../../src-shared/model/document';

export interface ParsedArticle {
  /** Canonical text. */
  text: string;
  /** `text.slice(b.start, b.end)` is each block's text; ordered, non-overlapping, no '\n' inside, never empty. */
  blocks: Block[];
  /** Never empty. */
  title: string;
  author: string | null;
  outlet: string | null;
  /** ISO date 'YYYY-MM-DD'. */
  publishedAt: string | null;
  format: DocumentFormat;
  sourceEncoding: string;
  /** Sentences about what the import had to change (invalid bytes replaced); absent when nothing was. */
  warnings?: string[];
}

/** What a format parser produces; the caller adds format and encoding. */
export type ArticleBody = Omit<ParsedArticle, 'format' | 'sourceEncoding' | 'warnings'>;

/** A block's text before it is placed in the canonical text: trimmed, non-empty, no newline. */
export interface BlockPiece {
  type: BlockType;
  level?: number;
  text: string;
  /** The page of the original file the piece starts on (PDF). */
  page?: number;
}

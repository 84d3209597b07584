// The imported article as stored: canonical text, its block structure, and metadata. Pure data; no runtime deps but zod.
import { z } from 'zod';

/** Block kinds an imported article keeps; each becomes its own ProseMirror node. */
export const BlockTypeSchema = z.enum(['heading', 'paragraph', 'blockquote', 'list_item', 'table_cell']);
export type BlockType = z.infer<typeof BlockTypeSchema>;

/**
 * One block of the canonical text: `text.slice(start, end)` is the block's text (UTF-16 offsets).
 * Blocks are ordered, never overlap, and never contain a newline.
 */
export const BlockSchema = z.object({
  type: BlockTypeSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Heading level 1–6; only for headings. */
  level: z.number().int().min(1).max(6).optional(),
});
export type Block = z.infer<typeof BlockSchema>;

export const DocumentFormatSchema = z.enum(['txt', 'md', 'html', 'paste']);
export type DocumentFormat = z.infer<typeof DocumentFormatSchema>;

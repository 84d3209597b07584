// The imported article as stored: canonical text, its block structure, and metadata. Pure data; no runtime deps but zod.
import * as z from 'zod';
import { AnalystIdSchema, DocumentIdSchema, IsoDateSchema, TimestampSchema } from './ids';

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
  /** The page of the original file the block starts on (PDF imports); absent for formats without pages. */
  page: z.number().int().min(1).max(100_000).optional(),
});
export type Block = z.infer<typeof BlockSchema>;

export const DocumentFormatSchema = z.enum(['txt', 'md', 'html', 'pdf', 'docx', 'epub', 'paste']);
export type DocumentFormat = z.infer<typeof DocumentFormatSchema>;

/** Everything known about an imported article except its text. Documents never change after import. */
export const DocumentMetaSchema = z.object({
  id: DocumentIdSchema,
  title: z.string(),
  author: z.string().nullable(),
  outlet: z.string().nullable(),
  publishedAt: IsoDateSchema.nullable(),
  originalName: z.string(),
  format: DocumentFormatSchema,
  sourceEncoding: z.string(),
  /** SHA-256 of the canonical text (hex): the same article imported twice, or by two analysts, is one document. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  length: z.number().int().nonnegative(),
  /** SHA-256 (hex) of the imported file's bytes, its provenance; null for pasted text and documents imported before it was kept. */
  sourceSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
  importedAt: TimestampSchema,
  importedBy: AnalystIdSchema,
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

export const DocumentSchema = DocumentMetaSchema.extend({
  /** Canonical text: line endings normalised to \n, BOM removed. Tag offsets count UTF-16 units in it. */
  text: z.string(),
  blocks: z.array(BlockSchema),
});
export type Document = z.infer<typeof DocumentSchema>;

/**
 * A document's editable record, as the change log keeps it: its details (title, date, author, source), who changed
 * them last and when, and the tombstone of a removed document (`deletedAt`). The text never changes.
 */
export const DocumentRecordSchema = z.strictObject({
  id: DocumentIdSchema,
  title: z.string().max(2_000),
  author: z.string().max(2_000).nullable(),
  outlet: z.string().max(2_000).nullable(),
  publishedAt: IsoDateSchema.nullable(),
  analystId: AnalystIdSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

// The ProseMirror schema of an article: one node per canonical-text block, plain text inside, no marks (prosemirror-model only).
import { Schema, type DOMOutputSpec, type Node as ProseMirrorNode } from 'prosemirror-model';
import type { BlockType } from '../model/document';

/** Blocks per section node (see the schema). */
export const SECTION_SIZE = 64;

/** Heading levels the schema accepts; anything else is clamped into this range. */
export const MIN_HEADING_LEVEL = 1;
export const MAX_HEADING_LEVEL = 6;

/** Clamps a block's heading level into 1–6 (a missing or broken level becomes 1). */
export function headingLevel(level: unknown): number {
  if (typeof level !== 'number' || !Number.isFinite(level)) return MIN_HEADING_LEVEL;
  return Math.min(MAX_HEADING_LEVEL, Math.max(MIN_HEADING_LEVEL, Math.round(level)));
}

const textBlock = { group: 'block', content: 'inline*', marks: '', defining: true } as const;

/**
 * The article schema: `doc → section+ → block+`, where every block node holds text directly. Highlights are never
 * marks (see ARCHITECTURE.md): they live as decorations in plugin state, so the schema has no marks at all.
 * List items and table cells render as `div`s because a lone `li`/`td` outside its list or table is invalid
 * HTML; they keep a class so the stylesheet can still draw a bullet or a cell.
 */
export const articleSchema = new Schema<BlockType | 'doc' | 'section' | 'text'>({
  nodes: {
    doc: { content: 'section+' },
    // Blocks are grouped into sections of SECTION_SIZE: ProseMirror then compares and decorates a long article
    // section by section (about 80 children at the top instead of 5,000), which keeps opening and tagging fast.
    section: { content: 'block+', toDOM: (): DOMOutputSpec => ['div', { class: 'pm-section' }, 0] },
    heading: {
      ...textBlock,
      attrs: { level: { default: MIN_HEADING_LEVEL, validate: 'number' } },
      parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}`, attrs: { level } })),
      toDOM: (node: ProseMirrorNode): DOMOutputSpec => [`h${headingLevel(node.attrs.level)}`, 0],
    },
    paragraph: {
      ...textBlock,
      parseDOM: [{ tag: 'p' }],
      toDOM: (): DOMOutputSpec => ['p', 0],
    },
    blockquote: {
      ...textBlock,
      parseDOM: [{ tag: 'blockquote' }],
      toDOM: (): DOMOutputSpec => ['blockquote', 0],
    },
    list_item: {
      ...textBlock,
      parseDOM: [{ tag: 'div.pm-list-item' }, { tag: 'li' }],
      // No role="listitem": ARIA requires a listitem to sit inside a list, and each block is its own node.
      toDOM: (): DOMOutputSpec => ['div', { class: 'pm-list-item' }, 0],
    },
    table_cell: {
      ...textBlock,
      parseDOM: [{ tag: 'div.pm-table-cell' }, { tag: 'td' }, { tag: 'th' }],
      toDOM: (): DOMOutputSpec => ['div', { class: 'pm-table-cell' }, 0],
    },
    text: { group: 'inline' },
  },
  marks: {},
});


// Builds the ProseMirror document of an article from its canonical text and blocks, and maps text offsets ↔ positions.
import type { Node as ProseMirrorNode, Schema } from 'prosemirror-model';
import type { Block } from '../model/document';
import { headingLevel, SECTION_SIZE } from './schema';

/**
 * Converts between UTF-16 offsets in the canonical text and ProseMirror positions in the article's doc.
 * Every lookup is a binary search over the blocks: O(log n).
 */
export interface OffsetMap {
  /**
   * The position of a text offset. Offsets between blocks (the separators and the whitespace trimmed from
   * block edges, which the doc does not hold) go to the end of the block before when `assoc` is -1 and to
   * the start of the block after when it is 1 (the default). Offsets outside the text are clamped.
   */
  toPos(offset: number, assoc?: -1 | 1): number;
  /** The text offset of a position; positions between blocks give the end of the block before. */
  toOffset(pos: number): number;
  /**
   * The positions of the text range `[start, end)`, shrunk to the text the doc holds, or null when nothing
   * of it is in the doc (a range that lies wholly between two blocks, or an empty one).
   */
  toPosRange(start: number, end: number): { from: number; to: number } | null;
  /** Number of blocks in the doc (blocks with empty text are not). */
  readonly blockCount: number;
}

/** The doc of an article and the map between its positions and the canonical text. */
export interface ArticleDoc {
  doc: ProseMirrorNode;
  map: OffsetMap;
}

/** Index of the last element of the ascending `values` that is ≤ `target`, or -1 when there is none (a binary search). */
export function lastAtOrBefore(values: ArrayLike<number>, count: number, target: number): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) <= target) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The offset map over kept blocks: `starts`/`ends` are text offsets, `positions` where each block's content starts. */
class BlockOffsetMap implements OffsetMap {
  readonly blockCount: number;

  constructor(
    private readonly starts: Float64Array,
    private readonly ends: Float64Array,
    private readonly positions: Float64Array,
    private readonly textLength: number,
  ) {
    this.blockCount = starts.length;
  }

  private start(i: number): number {
    return this.starts[i] as number;
  }
  private end(i: number): number {
    return this.ends[i] as number;
  }
  private contentStart(i: number): number {
    return this.positions[i] as number;
  }
  private contentEnd(i: number): number {
    return this.contentStart(i) + this.end(i) - this.start(i);
  }

  toPos(offset: number, assoc: -1 | 1 = 1): number {
    // An empty article is one empty paragraph in one section; its content starts at 2.
    if (this.blockCount === 0) return 2;
    const at = Math.min(Math.max(offset, 0), this.textLength);
    const i = lastAtOrBefore(this.starts, this.blockCount, at);
    if (i < 0) return this.contentStart(0);
    if (at <= this.end(i)) {
      // Two blocks that touch (no separator): the shared offset is the end of one and the start of the other.
      if (assoc < 0 && at === this.start(i) && i > 0 && this.end(i - 1) === at) return this.contentEnd(i - 1);
      return this.contentStart(i) + at - this.start(i);
    }
    if (assoc < 0 || i === this.blockCount - 1) return this.contentEnd(i);
    return this.contentStart(i + 1);
  }

  toOffset(pos: number): number {
    if (this.blockCount === 0) return 0;
    const i = lastAtOrBefore(this.positions, this.blockCount, pos);
    if (i < 0) return this.start(0);
    return this.start(i) + Math.min(pos - this.contentStart(i), this.end(i) - this.start(i));
  }

  toPosRange(start: number, end: number): { from: number; to: number } | null {
    if (!(end > start) || this.blockCount === 0) return null;
    // A range that starts at a block's end begins in the next block; one that ends at a block's start ends
    // in the block before, so a range over a separator alone comes out empty.
    const first = lastAtOrBefore(this.starts, this.blockCount, start);
    const from =
      first >= 0 && start >= this.end(first) && first + 1 < this.blockCount ? this.contentStart(first + 1) : this.toPos(start, 1);
    const last = lastAtOrBefore(this.starts, this.blockCount, end);
    const to = last > 0 && end <= this.start(last) ? this.contentEnd(last - 1) : this.toPos(end, -1);
    return to > from ? { from, to } : null;
  }
}

function checkBlock(block: Block, index: number, previousEnd: number, textLength: number): void {
  const { start, end } = block;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > textLength) {
    throw new RangeError(`Block ${index} (${start}–${end}) does not lie inside the text (0–${textLength}).`);
  }
  if (start < previousEnd) {
    throw new RangeError(`Block ${index} starts at ${start}, before the block ahead of it ends (${previousEnd}).`);
  }
}

/**
 * Builds the doc of an article: one node per block (grouped in sections of SECTION_SIZE), holding `text.slice(block.start, block.end)`, in order.
 * Blocks with empty text are left out; an article without any text becomes one empty paragraph. Blocks
 * must be ordered, must not overlap and must lie inside the text, or a RangeError is thrown.
 */
export function docFromArticle(schema: Schema, text: string, blocks: readonly Block[]): ArticleDoc {
  const kept = blocks.length;
  const starts = new Float64Array(kept);
  const ends = new Float64Array(kept);
  const positions = new Float64Array(kept);
  const nodes: ProseMirrorNode[] = [];
  let previousEnd = 0;
  // Inside the doc, the first block's content starts after its section's and its own opening tokens.
  let pos = 2;

  blocks.forEach((block, index) => {
    checkBlock(block, index, previousEnd, text.length);
    previousEnd = block.end;
    if (block.end === block.start) return;
    const nodeType = schema.nodes[block.type];
    if (!nodeType) throw new RangeError(`The schema has no node type for the block kind "${block.type}".`);
    const attrs = block.type === 'heading' ? { level: headingLevel(block.level) } : null;
    const i = nodes.length;
    // A new section: the previous one's closing token and this one's opening token.
    if (i > 0 && i % SECTION_SIZE === 0) pos += 2;
    nodes.push(nodeType.create(attrs, schema.text(text.slice(block.start, block.end))));
    starts[i] = block.start;
    ends[i] = block.end;
    positions[i] = pos;
    // This block's content, its closing token and the next block's opening token.
    pos += block.end - block.start + 2;
  });

  const count = nodes.length;
  // count === 0: an article without text is one empty paragraph.
  if (count === 0) {
    const paragraph = schema.nodes.paragraph;
    if (!paragraph) throw new RangeError('The schema has no paragraph node for an empty article.');
    nodes.push(paragraph.create());
  }
  const section = schema.nodes.section;
  if (!section) throw new RangeError('The schema has no section node.');
  const sections: ProseMirrorNode[] = [];
  for (let i = 0; i < nodes.length; i += SECTION_SIZE) sections.push(section.create(null, nodes.slice(i, i + SECTION_SIZE)));
  const doc = schema.topNodeType.create(null, sections);
  const map = new BlockOffsetMap(starts.slice(0, count), ends.slice(0, count), positions.slice(0, count), text.length);
  return { doc, map };
}

/** The block nodes of an article doc, in order (the sections around them left out). */
export function blockNodes(doc: ProseMirrorNode): ProseMirrorNode[] {
  const blocks: ProseMirrorNode[] = [];
  doc.forEach((section) => section.forEach((block) => blocks.push(block)));
  return blocks;
}

// Round trips between canonical-text offsets and ProseMirror positions on a real sample article.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../model/document';
import { articleSchema } from './schema';
import { blockNodes, docFromArticle, lastAtOrBefore } from './text-mapping';

const SAMPLE = readFileSync(new URL('../../resources/sample/000_734da4ab211b7c49.txt', import.meta.url), 'utf8');

/** One paragraph block per line, edges trimmed; empty lines stay in as empty blocks (the mapping skips them). */
function linesAsBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && /\s/.test(text.charAt(start))) start++;
    while (end > start && /\s/.test(text.charAt(end - 1))) end--;
    blocks.push({ type: 'paragraph', start, end });
    lineStart = lineEnd + 1;
  }
  return blocks;
}

const blocks = linesAsBlocks(SAMPLE);
const nonEmpty = blocks.filter((b) => b.end > b.start);
const { doc, map } = docFromArticle(articleSchema, SAMPLE, blocks);

describe('docFromArticle', () => {
  it('holds one node per non-empty block, with its text', () => {
    expect(nonEmpty.length).toBeGreaterThan(10);
    expect(blocks.length).toBeGreaterThan(nonEmpty.length); // the sample has blank lines to skip
    expect(blockNodes(doc).length).toBe(nonEmpty.length);
    expect(map.blockCount).toBe(nonEmpty.length);
    nonEmpty.forEach((block, i) => {
      expect((blockNodes(doc)[i] as NonNullable<ReturnType<typeof blockNodes>[number]>).textContent).toBe(SAMPLE.slice(block.start, block.end));
    });
    doc.check();
  });

  it('maps every block start and end to the edges of its node', () => {
    const positions: number[] = [];
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      positions.push(pos);
      return false;
    });
    nonEmpty.forEach((block, i) => {
      const node = (blockNodes(doc)[i] as NonNullable<ReturnType<typeof blockNodes>[number]>);
      const nodeStart = positions[i] as number;
      expect(map.toPos(block.start)).toBe(nodeStart + 1);
      expect(map.toPos(block.end, -1)).toBe(nodeStart + 1 + node.content.size);
      expect(map.toOffset(nodeStart + 1)).toBe(block.start);
      expect(map.toOffset(nodeStart + 1 + node.content.size)).toBe(block.end);
    });
  });

  it('round-trips random ranges inside one block', () => {
    const inOneBlock = fc
      .nat({ max: nonEmpty.length - 1 })
      .map((i) => nonEmpty[i] as Block)
      .chain((block) => fc.integer({ min: block.start, max: block.end }).chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: a, max: block.end }))));
    fc.assert(
      fc.property(inOneBlock, ([a, b]) => {
        const from = map.toPos(a);
        const to = map.toPos(b, -1);
        expect(doc.textBetween(from, Math.max(from, to))).toBe(SAMPLE.slice(a, b));
        expect(map.toOffset(from)).toBe(a);
        expect(map.toOffset(to)).toBe(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('maps ranges across blocks to the text of every block they touch', () => {
    const acrossBlocks = fc
      .nat({ max: nonEmpty.length - 2 })
      .chain((first) => fc.tuple(fc.constant(first), fc.integer({ min: first + 1, max: Math.min(nonEmpty.length - 1, first + 5) })))
      .chain(([first, last]) => {
        const from = nonEmpty[first] as Block;
        const to = nonEmpty[last] as Block;
        return fc.tuple(fc.constant(first), fc.constant(last), fc.integer({ min: from.start, max: from.end - 1 }), fc.integer({ min: to.start + 1, max: to.end }));
      });
    fc.assert(
      fc.property(acrossBlocks, ([first, last, a, b]) => {
        const expected = nonEmpty
          .slice(first, last + 1)
          .map((block) => SAMPLE.slice(Math.max(a, block.start), Math.min(b, block.end)))
          .join('\n');
        const range = map.toPosRange(a, b);
        expect(range).not.toBeNull();
        expect(doc.textBetween(range?.from ?? 0, range?.to ?? 0, '\n')).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });


  it('sends offsets between blocks to the nearest block edge', () => {
    const [first, second] = nonEmpty as [Block, Block];
    const gap = first.end + 1; // inside the blank line between the title and the date
    expect(gap).toBeLessThan(second.start);
    const firstEnd = 2 + (first.end - first.start); // after the section's and the block's opening tokens
    expect(map.toPos(gap, -1)).toBe(firstEnd);
    expect(map.toPos(gap, 1)).toBe(firstEnd + 2);
    expect(map.toPosRange(first.end, second.start)).toBeNull();
    // The tokens between two nodes belong to the end of the block before.
    expect(map.toOffset(firstEnd + 1)).toBe(first.end);
    expect(map.toOffset(0)).toBe(first.start);
    expect(map.toOffset(doc.content.size)).toBe((nonEmpty.at(-1) as Block).end);
    expect(map.toPos(-5)).toBe(2);
    expect(map.toPos(SAMPLE.length + 10)).toBe(doc.content.size - 2); // before the last block's and its section's closing tokens
  });

  it('keeps node kinds and heading levels', () => {
    const text = 'Title\nIntro\nQuote\nItem\nCell';
    const built = docFromArticle(articleSchema, text, [
      { type: 'heading', start: 0, end: 5, level: 2 },
      { type: 'paragraph', start: 6, end: 11 },
      { type: 'blockquote', start: 12, end: 17 },
      { type: 'list_item', start: 18, end: 22 },
      { type: 'table_cell', start: 23, end: 27 },
    ]);
    const kinds = blockNodes(built.doc).map((node) => node.type.name);
    expect(kinds).toEqual(['heading', 'paragraph', 'blockquote', 'list_item', 'table_cell']);
    expect(blockNodes(built.doc)[0]?.attrs.level).toBe(2);
  });

  it('maps blocks that touch without a separator', () => {
    const built = docFromArticle(articleSchema, 'abcdef', [
      { type: 'paragraph', start: 0, end: 3 },
      { type: 'paragraph', start: 3, end: 6 },
    ]);
    expect(built.map.toPos(3, -1)).toBe(5);
    expect(built.map.toPos(3, 1)).toBe(7);
    expect(built.doc.textBetween(built.map.toPos(1), built.map.toPos(5, -1), '|')).toBe('bc|de');
  });

  it('turns an article without text into one empty paragraph', () => {
    const built = docFromArticle(articleSchema, '  ', [{ type: 'paragraph', start: 1, end: 1 }]);
    expect(blockNodes(built.doc)).toHaveLength(1);
    expect(blockNodes(built.doc)[0]?.type.name).toBe('paragraph');
    expect(built.map.toPos(1)).toBe(2);
    expect(built.map.toOffset(2)).toBe(0);
    expect(built.map.toPosRange(0, 2)).toBeNull();
  });

  it('refuses blocks outside the text or out of order', () => {
    expect(() => docFromArticle(articleSchema, 'abc', [{ type: 'paragraph', start: 0, end: 9 }])).toThrow(RangeError);
    expect(() =>
      docFromArticle(articleSchema, 'abcdef', [
        { type: 'paragraph', start: 3, end: 6 },
        { type: 'paragraph', start: 0, end: 2 },
      ]),
    ).toThrow(/before the block ahead/);
  });

  it('maps offsets over 5,000 blocks both ways, to the last block', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `Paragraph ${i} says something.`);
    const text = lines.join('\n');
    const big = docFromArticle(articleSchema, text, linesAsBlocks(text));
    expect(blockNodes(big.doc)).toHaveLength(5000);
    expect(big.doc.childCount).toBe(Math.ceil(5000 / 64));
    const started = performance.now();
    for (let offset = 0; offset < text.length; offset += 7) big.map.toOffset(big.map.toPos(offset));
    expect(performance.now() - started).toBeLessThan(500);
    const lastStart = text.lastIndexOf('\n') + 1;
    expect(big.doc.textBetween(big.map.toPos(lastStart), big.map.toPos(text.length, -1))).toBe(lines[4999]);
  });

  it('finds a block in logarithmic time: at most ⌈log₂(n + 1)⌉ block starts read per lookup, the same block a scan finds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 0, maxLength: 5_000 }), fc.integer({ min: -1, max: 1_000_001 }), (raw, target) => {
        const sorted = Float64Array.from(raw.sort((a, b) => a - b));
        let reads = 0;
        const counted = new Proxy(sorted, { get: (array, key) => (typeof key === 'string' && /^\d+$/.test(key) && reads++, Reflect.get(array, key)) });
        const found = lastAtOrBefore(counted, sorted.length, target);
        expect(reads).toBeLessThanOrEqual(Math.ceil(Math.log2(sorted.length + 1)));
        let scanned = -1;
        for (let i = 0; i < sorted.length; i++) if ((sorted[i] as number) <= target) scanned = i;
        expect(found).toBe(scanned);
      }),
    );
  });
});

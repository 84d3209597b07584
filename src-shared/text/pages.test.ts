// Tests for pages.ts: the page of an offset inside a block, between blocks, before the first, and in articles without pages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../model/document';
import { pageAtOffset } from './pages';

const blocks: Block[] = [
  { type: 'heading', level: 1, start: 0, end: 10, page: 1 },
  { type: 'paragraph', start: 12, end: 40, page: 1 },
  { type: 'paragraph', start: 42, end: 90, page: 2 },
  { type: 'paragraph', start: 92, end: 120, page: 4 },
];

describe('pageAtOffset', () => {
  it('gives the page of the block holding the offset, or of the block before a separator', () => {
    expect(pageAtOffset(blocks, 0)).toBe(1);
    expect(pageAtOffset(blocks, 50)).toBe(2);
    expect(pageAtOffset(blocks, 91)).toBe(2);
    expect(pageAtOffset(blocks, 119)).toBe(4);
  });

  it('is null for an article without pages', () => {
    expect(pageAtOffset([{ type: 'paragraph', start: 0, end: 5 }], 2)).toBeNull();
    expect(pageAtOffset([], 0)).toBeNull();
  });

  it('agrees with a linear scan for every offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 130 }), (offset) => {
        const linear = [...blocks].reverse().find((b) => b.start <= offset)?.page ?? null;
        expect(pageAtOffset(blocks, offset)).toBe(linear);
      }),
    );
  });
});

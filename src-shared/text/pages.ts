// The page of the original file (PDF) a text offset lies on, from the pages the article's blocks keep.
import type { Block } from '../model/document';

/**
 * The page of the block holding `offset` (or, between blocks, of the block before it); null when the article has no
 * pages (it was not imported from a PDF). Blocks are ordered, so this is a binary search.
 */
export function pageAtOffset(blocks: readonly Block[], offset: number): number | null {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((blocks[mid] as Block).start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Before the first block: the first block's page. Otherwise the nearest block at or before the offset with a page.
  if (found < 0) return blocks[0]?.page ?? null;
  for (let i = found; i >= 0; i--) {
    const page = (blocks[i] as Block).page;
    if (page !== undefined) return page;
  }
  return null;
}

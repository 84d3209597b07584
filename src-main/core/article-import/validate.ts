// Checking the block invariants of a parsed article (used by tests and usable before storing an import).
import type { Block } from '../../../src-shared/model/document';

/**
 * Problems with `blocks` over `text`: each block must lie inside the text, be non-empty, hold no '\n',
 * come after the previous one without overlap, and headings (only) carry a level 1–6. Empty array = valid.
 */
export function blockProblems(text: string, blocks: readonly Block[]): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  blocks.forEach((b, i) => {
    const where = `block ${i} (${b.type} ${b.start}–${b.end})`;
    if (!Number.isInteger(b.start) || !Number.isInteger(b.end)) problems.push(`${where}: offsets are not integers`);
    if (b.start < previousEnd) problems.push(`${where}: starts before the previous block ends (${previousEnd})`);
    if (b.end <= b.start) problems.push(`${where}: is empty`);
    if (b.end > text.length) problems.push(`${where}: ends after the text (${text.length})`);
    const content = text.slice(b.start, b.end);
    if (content.includes('\n')) problems.push(`${where}: contains a newline`);
    if (content.trim() === '') problems.push(`${where}: holds only whitespace`);
    if (b.type === 'heading' && (b.level === undefined || b.level < 1 || b.level > 6)) {
      problems.push(`${where}: heading without a level 1–6`);
    }
    if (b.type !== 'heading' && b.level !== undefined) problems.push(`${where}: level on a non-heading`);
    previousEnd = Math.max(previousEnd, b.end);
  });
  return problems;
}

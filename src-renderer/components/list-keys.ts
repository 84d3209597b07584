// Where a key moves the focus in a long list (pure): arrows by one, Page keys by a screenful, Home and End to the ends.

/** The row `key` moves the focus to from row `from` of `count` rows, `page` rows to a screen; null for other keys. */
export function listKeyTarget(key: string, from: number, count: number, page: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const step = Math.max(1, page);
  switch (key) {
    case 'ArrowDown':
      return Math.min(from + 1, last);
    case 'ArrowUp':
      return Math.max(from - 1, 0);
    case 'PageDown':
      return Math.min(from + step, last);
    case 'PageUp':
      return Math.max(from - step, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

// Whether two spellings of a name may be one name across transliterations (Zelensky/Zelenskyy, Kirill/Kyrylo).

/**
 * A name word reduced to what transliterations agree on: y→i, doubled letters single, c/k alike, the endings
 * -iy/-ij/-yi/-ii one "i" ("zelenskyy", "zelenskiy" and "zelensky" → "zelenski").
 */
export function skeleton(folded: string): string {
  return folded
    .replace(/[^\p{L}]/gu, '')
    .replace(/y/g, 'i')
    .replace(/c(?!h)/g, 'k')
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/i[ij]$/u, 'i');
}

/** Levenshtein distance, giving up (returning max + 1) as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * True when `a` and `b` (folded words, not equal) may be spellings of one name: the same skeleton, or — for words
 * of six letters or more that start alike — skeletons one edit apart ("dmitry"/"dmytro", "kirill"/"kyrylo", which
 * are two and three edits apart as written; but not "russia"/"russell").
 */
export function isOtherSpelling(a: string, b: string): boolean {
  if (a === b || a[0] !== b[0]) return false;
  const sa = skeleton(a);
  const sb = skeleton(b);
  if (sa === sb) return sa.length >= 3;
  return a.length >= 6 && b.length >= 6 && editDistance(sa, sb, 1) <= 1;
}

// Deterministic generated news articles for the benchmarks.
const WORDS = 'the talks envoy security guarantees Kyiv Moscow Washington ceasefire troops billion percent analysts said sources report according minister officials negotiations drones energy winter agreement proposal territory'.split(' ');

/** A deterministic pseudo-random article of about `paragraphs` paragraphs. */
export function generateArticle(index: number, paragraphs: number): string {
  let seed = index * 7919 + 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const sentence = () => {
    const n = 8 + Math.floor(random() * 14);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]);
    return `${words.join(' ')} ${Math.floor(random() * 100000).toLocaleString('en-US')} troops.`;
  };
  const lines = [`Generated article ${index}: ${sentence()}`, '', `${String(1 + (index % 28)).padStart(2, '0')}/01/2026`, ''];
  for (let p = 0; p < paragraphs; p++) {
    if (p % 6 === 3) lines.push('Section heading', '');
    lines.push(Array.from({ length: 4 }, sentence).join(' '), '');
  }
  return lines.join('\n');
}

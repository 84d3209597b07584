// What the search, checks and tag-table benchmarks share: the generated articles, typed contract calls, and the tag-heavy
// project (articles imported 100 at a time, each given 100 tags).
import type { Method, RequestOf, ResponseOf } from '../src-shared/api/contract';
import type { ClaimStatus } from '../src-shared/model/annotation';
import { CliProject } from '../src-main/cli/project';
import type { ProjectSession } from '../src-main/core/session';

export type Call = <M extends Method>(method: M, request: RequestOf<M>) => Promise<ResponseOf<M>>;

/** Typed calls through the contract, as the CLI makes them; a failure throws with the core's sentence. */
export function contractCaller(session: ProjectSession): Call {
  const project = new CliProject(session);
  return (method, request) => project.call(method, request);
}

export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The small vocabulary of the articles: every word occurs in every article, so queries and claims match widely. */
export const WORDS = 'talks envoy security guarantees Kyiv Moscow Washington ceasefire troops billion analysts sources minister officials negotiations drones energy winter agreement proposal territory reconstruction sanctions pipeline grain corridor'.split(' ');

/**
 * A deterministic article of about 6 KB (10,000 of them are about 70 MB): 48 sentences, each ending in a figure. With
 * `vocabulary`, each word is drawn from it half the time and from WORDS otherwise.
 */
export function benchArticle(index: number, vocabulary?: readonly string[]): string {
  let seed = index * 7919 + 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (words: readonly string[]) => words[Math.floor(random() * words.length)] ?? 'talks';
  const word = () => (vocabulary && random() < 0.5 ? pick(vocabulary) : pick(WORDS));
  const sentence = () => `${Array.from({ length: 10 + Math.floor(random() * 10) }, word).join(' ')} ${Math.floor(random() * 900 + 100)} billion dollars.`;
  return `Article ${index}\n\n${Array.from({ length: 12 }, () => Array.from({ length: 4 }, sentence).join(' ')).join('\n\n')}`;
}

/** 20,000 distinct made-up words of two to four syllables: a vocabulary of the size news text draws its words from. */
export function largeVocabulary(): string[] {
  const syllables = 'ka lo mi ne ru sa ti vo ba de fi gu ho ja ku le mo na pe ri so tu va we xi yo za'.split(' ');
  const words: string[] = [];
  for (let i = syllables.length; words.length < 20_000; i += 1) {
    let word = '';
    for (let n = i; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
    words.push(word);
  }
  return words;
}

/**
 * Imports `texts` (each starting "Defense Minister Umerov said: ") 100 at a time and tags each article 100 times: the
 * minister's name as `actorId`, up to 49 figures ("… billion dollars"), and sentences as claims (the k-th of an
 * article with `claimStatus(k)`, else the default status). Resolves to how many tags were made.
 */
export async function importTaggedArticles(call: Call, texts: readonly string[], actorId: string, claimStatus?: (k: number) => ClaimStatus): Promise<number> {
  const tags: RequestOf<'annotation.createMany'>['annotations'] = [];
  for (let d = 0; d < texts.length; d += 100) {
    const batch = texts.slice(d, d + 100);
    const { results } = await call('document.importMany', { sources: batch.map((text, j) => ({ type: 'text' as const, text, title: `Article ${d + j}` })) });
    results.forEach(({ document }, j) => {
      const text = batch[j] ?? '';
      tags.push({ documentId: document.id, kind: 'actor', target: { start: 17, end: 23 }, attributes: { actorId } });
      const figures = [...text.matchAll(/\d+ billion dollars/gu)].slice(0, 49);
      for (const m of figures) tags.push({ documentId: document.id, kind: 'figure', target: { start: m.index, end: m.index + m[0].length } });
      const sentences = [...text.matchAll(/[^.\n]{40,}\./gu)].slice(0, 100 - 1 - figures.length);
      sentences.forEach((m, k) =>
        tags.push({ documentId: document.id, kind: 'claim', target: { start: m.index, end: m.index + m[0].length }, ...(claimStatus ? { attributes: { status: claimStatus(k) } } : {}) }),
      );
    });
  }
  for (let i = 0; i < tags.length; i += 10_000) await call('annotation.createMany', { annotations: tags.slice(i, i + 10_000) });
  return tags.length;
}

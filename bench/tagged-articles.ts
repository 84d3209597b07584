// The tag-heavy project the checks and tag-table benchmarks share: articles imported 100 at a time, each given 100 tags.
import type { Method, RequestOf, ResponseOf } from '../src-shared/api/contract';
import type { ClaimStatus } from '../src-shared/model/annotation';

type Call = <M extends Method>(method: M, request: RequestOf<M>) => Promise<ResponseOf<M>>;

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

// The ProseMirror documents of the articles opened (renderer): built once per article object.
import { articleSchema } from '../../src-shared/editor/schema';
import { docFromArticle, type ArticleDoc } from '../../src-shared/editor/text-mapping';
import type { Block } from '../../src-shared/model/document';

/**
 * Articles built into ProseMirror documents, by the article object they were built from. ProseMirror documents
 * are immutable, so the two review panes, or a reopened article, share one instead of building a 1 MB article twice.
 */
const built = new WeakMap<object, ArticleDoc>();

export function buildArticle(document: { text: string; blocks: readonly Block[] }): ArticleDoc {
  let article = built.get(document);
  if (!article) {
    article = docFromArticle(articleSchema, document.text, document.blocks);
    built.set(document, article);
  }
  return article;
}

// The page numbers of a paged source (PDF) in the article's margin: a label on each block where a new page begins.
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { OffsetMap } from '../../../src-shared/editor/text-mapping';
import type { Block } from '../../../src-shared/model/document';

/**
 * Marks every block that starts a new page with `data-page` (drawn in the margin by CSS as "p. N"). Blocks without a
 * page (articles from text, Markdown, HTML, DOCX, EPUB) get nothing. The article never changes, so the set is fixed.
 */
export function pageMarginPlugin(doc: ProseMirrorNode, blocks: readonly Block[], map: OffsetMap): Plugin {
  const decorations: Decoration[] = [];
  let previousPage: number | undefined;
  for (const block of blocks) {
    if (block.page === undefined || block.end <= block.start || block.page === previousPage) continue;
    previousPage = block.page;
    const inside = map.toPos(block.start);
    const $pos = doc.resolve(inside);
    const from = $pos.before($pos.depth);
    decorations.push(Decoration.node(from, from + $pos.parent.nodeSize, { 'data-page': String(block.page), title: `Page ${block.page} of the original file` }));
  }
  const set = DecorationSet.create(doc, decorations);
  return new Plugin({ props: { decorations: () => set } });
}

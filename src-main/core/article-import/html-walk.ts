// Walking an HTML DOM into block pieces: which elements start blocks, which are skipped, headings, lists, quotes and cells.
import type { BlockType } from '../../../src-shared/model/document';
import { collapseWhitespace } from './text-util';
import type { BlockPiece } from './types';

/** Elements whose content is never article text; removed before extraction and skipped by the walker. */
export const STRIPPED_TAGS = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'input', 'button', 'select', 'textarea', 'option', 'datalist', 'svg', 'canvas', 'nav', 'footer', 'aside',
  'link', 'audio', 'video', 'source', 'track', 'map', 'dialog', 'img', 'picture', 'math', 'head', 'title', 'meta',
  'base', 'param', 'rt', 'rp',
];
const STRIPPED = new Set(STRIPPED_TAGS);

const HEADING_LEVEL: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/** Elements that start and end a block of text. Everything else (a, span, em, …) is inline. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul', 'listing', 'plaintext', 'xmp',
]);

interface WalkContext {
  /** Type for text directly in the current block. */
  type: BlockType;
  level?: number;
  /** Innermost list item / quote / table cell, which decides the type of everything inside it. */
  container: BlockType | null;
}

/**
 * Visits the nodes under `root` in document order without recursion (hostile pages may nest very deeply).
 * `enter` returns true to descend into a node; `exit` is called after the children of every node entered.
 */
function traverse(root: Node, enter: (node: Node) => boolean, exit: (node: Node) => void): void {
  let node: Node | null = root.firstChild;
  while (node) {
    const entered = enter(node);
    if (entered && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    if (entered) exit(node);
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root) exit(node);
    }
    node = node && node !== root ? node.nextSibling : null;
  }
}

const PREFORMATTED = new Set(['pre', 'listing', 'xmp', 'plaintext']);

/** Turns a DOM subtree into block pieces. Only text nodes contribute: attributes never reach the text. */
class DomWalker {
  readonly pieces: BlockPiece[] = [];
  private buffer = '';
  private ctx: WalkContext = { type: 'paragraph', container: null };
  private readonly outer: WalkContext[] = [];

  private flush(ctx: WalkContext = this.ctx): void {
    const text = collapseWhitespace(this.buffer);
    this.buffer = '';
    if (text === '') return;
    const piece: BlockPiece = { type: ctx.type, text };
    if (ctx.type === 'heading' && ctx.level !== undefined) piece.level = ctx.level;
    this.pieces.push(piece);
  }

  walkRoot(root: Element): void {
    traverse(
      root,
      (node) => this.enter(node),
      (node) => this.exit(node),
    );
    this.flush();
  }

  private enter(node: Node): boolean {
    if (node.nodeType === 3 /* TEXT_NODE */) {
      this.buffer += node.nodeValue ?? '';
      return false;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) return false; // comments, processing instructions
    const el = node as Element;
    const tag = el.localName;
    if (STRIPPED.has(tag) || el.hasAttribute('hidden')) return false;
    if (tag === 'br' || tag === 'hr') {
      this.flush();
      return false;
    }
    if (PREFORMATTED.has(tag)) {
      this.flush();
      const lineCtx: WalkContext = { type: this.ctx.container ?? 'paragraph', container: this.ctx.container };
      for (const line of (el.textContent ?? '').split(/\r\n|\r|\n/)) {
        this.buffer = line;
        this.flush(lineCtx);
      }
      return false;
    }
    if (BLOCK_TAGS.has(tag)) {
      this.flush();
      this.outer.push(this.ctx);
      this.ctx = childContext(tag, this.ctx);
    }
    return true; // inline elements: their text joins the current block
  }

  private exit(node: Node): void {
    if (!BLOCK_TAGS.has((node as Element).localName)) return;
    this.flush();
    this.ctx = this.outer.pop() ?? { type: 'paragraph', container: null };
  }
}

function childContext(tag: string, ctx: WalkContext): WalkContext {
  if (tag === 'li') return { type: 'list_item', container: 'list_item' };
  if (tag === 'blockquote') return { type: 'blockquote', container: 'blockquote' };
  if (tag === 'td' || tag === 'th') return { type: 'table_cell', container: 'table_cell' };
  if (ctx.container) return { type: ctx.container, container: ctx.container };
  const level = HEADING_LEVEL[tag];
  if (level !== undefined) return { type: 'heading', level, container: null };
  return { type: 'paragraph', container: null };
}

export function piecesOf(root: Element): BlockPiece[] {
  const walker = new DomWalker();
  walker.walkRoot(root);
  return walker.pieces;
}

export function textLength(pieces: readonly BlockPiece[]): number {
  let n = 0;
  for (const p of pieces) n += p.text.length;
  return n;
}

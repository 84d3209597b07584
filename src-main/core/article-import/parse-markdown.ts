// Markdown articles (.md, .markdown): readable text rebuilt from the mdast tree, markup dropped, front matter read.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, Paragraph } from 'mdast';
import type { BlockType } from '../../../src-shared/model/document';
import { parseDateLine, toIsoDate } from './dates';
import { MarkdownTooComplex, splitMarkdown } from './markdown-chunks';
import { ImportRefusal } from './refusal';
import { assembleBlocks, collapseWhitespace, titleFromText } from './text-util';
import type { ArticleBody, BlockPiece } from './types';

/** A publication date in the body counts within this many blocks from the top. */
const DATE_BLOCK_WINDOW = 5;

export interface FrontMatter {
  title: string | null;
  author: string | null;
  outlet: string | null;
  date: string | null;
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const TITLE_KEYS = new Set(['title']);
const AUTHOR_KEYS = new Set(['author', 'authors', 'byline', 'creator']);
const OUTLET_KEYS = new Set(['outlet', 'site', 'site_name', 'sitename', 'publication', 'publisher']);
const DATE_KEYS = new Set(['date', 'published', 'publishedat', 'published_at', 'pubdate', 'published_date', 'created']);

function unquote(value: string): string {
  let v = value.trim();
  if (v.startsWith('[') && v.endsWith(']')) {
    v = v
      .slice(1, -1)
      .split(',')
      .map((item) => unquote(item))
      .filter((item) => item !== '')
      .join(', ');
  }
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1);
  return v.trim();
}

/**
 * Splits a YAML front matter block (--- … ---) off the start of normalised Markdown and reads the simple
 * `key: value` lines it knows. Anything more complex in the YAML is ignored, never evaluated.
 */
export function splitFrontMatter(markdown: string): { frontMatter: FrontMatter | null; body: string } {
  const m = FRONT_MATTER.exec(markdown);
  if (!m) return { frontMatter: null, body: markdown };
  const fm: FrontMatter = { title: null, author: null, outlet: null, date: null };
  for (const line of (m[1] ?? '').split('\n')) {
    const kv = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!kv) continue;
    const key = (kv[1] ?? '').toLowerCase();
    const value = unquote(kv[2] ?? '');
    if (!value) continue;
    if (TITLE_KEYS.has(key)) fm.title ??= value;
    else if (AUTHOR_KEYS.has(key)) fm.author ??= value;
    else if (OUTLET_KEYS.has(key) && !/^[a-z]+:\/\//i.test(value)) fm.outlet ??= value;
    else if (DATE_KEYS.has(key)) fm.date ??= value;
  }
  return { frontMatter: fm, body: markdown.slice(m[0].length) };
}

/** Inline text: markup dropped, link text kept, images and raw HTML dropped; hard breaks become '\n'. */
function inlineText(nodes: readonly Nodes[]): string {
  let s = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        s += node.value.replace(/\n/g, ' ');
        break;
      case 'break':
        s += '\n';
        break;
      case 'image':
      case 'imageReference':
      case 'html':
      case 'footnoteReference':
        break;
      default:
        if ('children' in node) s += inlineText(node.children);
    }
  }
  return s;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

function splitTableRow(row: string): string[] {
  let r = row.trim();
  if (r.startsWith('|')) r = r.slice(1);
  if (r.endsWith('|') && !r.endsWith('\\|')) r = r.slice(0, -1);
  return r.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|'));
}

class MarkdownWalker {
  readonly pieces: BlockPiece[] = [];
  /** The Markdown the current tree was parsed from (positions refer to it). */
  source = '';

  private emit(type: BlockType, raw: string, level?: number): void {
    for (const segment of raw.split('\n')) {
      const text = collapseWhitespace(segment);
      if (text === '') continue;
      const piece: BlockPiece = { type, text };
      if (level !== undefined) piece.level = level;
      this.pieces.push(piece);
    }
  }

  /** CommonMark without the GFM extension reads a pipe table as one paragraph; recognise it by its delimiter row. */
  private pipeTableRows(node: Paragraph): string[] | null {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return null;
    const lines = this.source.slice(start, end).split('\n');
    if (lines.length < 2 || !lines[0]?.includes('|') || !DELIMITER_ROW.test(lines[1] ?? '') || !(lines[1] ?? '').includes('-')) {
      return null;
    }
    return [lines[0], ...lines.slice(2)].filter((l): l is string => l !== undefined);
  }

  walk(node: Nodes, container: BlockType | null): void {
    switch (node.type) {
      case 'root':
      case 'blockquote':
      case 'list':
      case 'listItem': {
        const inner: BlockType | null =
          node.type === 'blockquote' ? 'blockquote' : node.type === 'root' ? container : 'list_item';
        for (const child of node.children) this.walk(child, inner);
        break;
      }
      case 'heading':
        if (container) this.emit(container, inlineText(node.children));
        else this.emit('heading', inlineText(node.children), node.depth);
        break;
      case 'paragraph': {
        const rows = this.pipeTableRows(node);
        if (rows) {
          for (const row of rows) {
            for (const cell of splitTableRow(row)) this.emit('table_cell', inlineText(fromMarkdown(cell.trim()).children));
          }
        } else {
          this.emit(container ?? 'paragraph', inlineText(node.children));
        }
        break;
      }
      case 'table':
        for (const row of node.children) for (const cell of row.children) this.emit('table_cell', inlineText(cell.children));
        break;
      case 'code':
        this.emit(container ?? 'paragraph', node.value);
        break;
      default:
        // html, thematicBreak, definition, yaml, footnoteDefinition: no readable article text
        break;
    }
  }
}

/**
 * Parses normalised Markdown (LF line endings, no BOM). Throws ImportRefusal ('import_too_large') for nesting
 * so deep that the parser would stall or overflow the stack; `fileName` names the file in that message.
 */
export function parseMarkdown(markdown: string, fallbackTitle: string, fileName?: string): ArticleBody {
  const { frontMatter, body } = splitFrontMatter(markdown);
  const walker = new MarkdownWalker();
  try {
    for (const chunk of splitMarkdown(body)) {
      walker.source = chunk;
      walker.walk(fromMarkdown(chunk), null);
    }
  } catch (e) {
    if (e instanceof MarkdownTooComplex || e instanceof RangeError) {
      throw new ImportRefusal(
        'import_too_large',
        `${fileName ? `"${fileName}"` : 'The Markdown'} nests lists, quotes or inline markup too deeply for Marginalia to read; save the article as plain text and import that instead.`,
      );
    }
    throw e;
  }
  const { pieces } = walker;
  const { text, blocks } = assembleBlocks(pieces);

  let publishedAt = toIsoDate(frontMatter?.date);
  if (!publishedAt) {
    for (const piece of pieces.slice(0, DATE_BLOCK_WINDOW)) {
      publishedAt = parseDateLine(piece.text);
      if (publishedAt) break;
    }
  }

  const firstHeading = pieces.find((p) => p.type === 'heading');
  const title =
    titleFromText(frontMatter?.title ?? '') ||
    titleFromText(firstHeading?.text ?? '') ||
    titleFromText(pieces[0]?.text ?? '') ||
    fallbackTitle;

  return { text, blocks, title, author: frontMatter?.author ?? null, outlet: frontMatter?.outlet ?? null, publishedAt };
}

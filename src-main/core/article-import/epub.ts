// E-book articles (.epub), untrusted: the package's spine read in order, each XHTML chapter turned into blocks like a saved page.
import { toIsoDate } from './dates';
import { withInertMarkup } from './parse-html';
import { ImportRefusal } from './refusal';
import { assembleBlocks, collapseWhitespace, titleFromText } from './text-util';
import type { ArticleBody, BlockPiece } from './types';
import { partText, readZipParts } from './zip-entries';

const CHAPTER_TYPES = new Set(['application/xhtml+xml', 'text/html']);

function damaged(name: string, why: string): ImportRefusal {
  return new ImportRefusal('import_damaged', `"${name}" is damaged or is not really an EPUB e-book (${why}), so its text cannot be read.`);
}

/** `href` (URL-encoded, maybe with a fragment) resolved against the folder of the package document. */
function resolvePath(base: string, href: string): string {
  const folder = base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '';
  const parts: string[] = [];
  let decoded: string;
  try {
    decoded = decodeURIComponent(href.split('#')[0] ?? '');
  } catch {
    decoded = href;
  }
  for (const part of `${folder}${decoded}`.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function startsWithTitle(pieces: readonly BlockPiece[], title: string): boolean {
  const t = collapseWhitespace(title).toLowerCase();
  return pieces.slice(0, 3).some((p) => p.type === 'heading' && collapseWhitespace(p.text).toLowerCase() === t);
}

/** Parses an untrusted .epub: chapters in spine order; scripts, styles and remote resources are dropped as in any HTML. */
export function parseEpub(bytes: Uint8Array, name: string, fallbackTitle: string): ArticleBody {
  const { parts } = readZipParts(bytes, name, 'an EPUB e-book', (path) => /\.(?:opf|xhtml|html|htm|xml)$/i.test(path));
  const container = parts.get('META-INF/container.xml');
  if (!container) throw damaged(name, 'it has no META-INF/container.xml');
  return withInertMarkup((markup) => {
    const read = (xml: string, what: string): Document => {
      try {
        return markup.xml(xml);
      } catch {
        throw damaged(name, `its ${what} is not well-formed XML`);
      }
    };
    const rootPath = read(partText(container), 'container').getElementsByTagNameNS('*', 'rootfile')[0]?.getAttribute('full-path');
    const packageBytes = rootPath ? parts.get(rootPath) : undefined;
    if (!rootPath || !packageBytes) throw damaged(name, 'its package document is missing');
    const pkg = read(partText(packageBytes), 'package document');
    const meta = (local: string): string | null => collapseWhitespace(pkg.getElementsByTagNameNS('*', local)[0]?.textContent ?? '') || null;

    const manifest = new Map<string, { href: string; type: string }>();
    for (const item of Array.from(pkg.getElementsByTagNameNS('*', 'item'))) {
      const id = item.getAttribute('id');
      const href = item.getAttribute('href');
      if (id && href) manifest.set(id, { href, type: item.getAttribute('media-type') ?? '' });
    }
    const pieces: BlockPiece[] = [];
    for (const ref of Array.from(pkg.getElementsByTagNameNS('*', 'itemref'))) {
      const item = manifest.get(ref.getAttribute('idref') ?? '');
      if (!item || !CHAPTER_TYPES.has(item.type)) continue;
      const chapter = parts.get(resolvePath(rootPath, item.href));
      if (chapter) pieces.push(...markup.htmlPieces(partText(chapter), name));
    }
    if (pieces.length === 0) throw new ImportRefusal('import_empty', `"${name}" contains no readable article text.`);
    const metaTitle = meta('title');
    const title = titleFromText(metaTitle ?? pieces.find((p) => p.type === 'heading')?.text ?? '') || fallbackTitle;
    // The title goes first as level 1 when no chapter states it; chapter headings then sit one level below.
    const withTitle: BlockPiece[] =
      metaTitle && !startsWithTitle(pieces, title)
        ? [{ type: 'heading', level: 1, text: title }, ...pieces.map((p) => (p.type === 'heading' ? { ...p, level: Math.min(6, (p.level ?? 1) + 1) } : p))]
        : pieces;
    const { text, blocks } = assembleBlocks(withTitle);
    return { text, blocks, title, author: meta('creator'), outlet: meta('publisher'), publishedAt: toIsoDate(meta('date')) };
  });
}

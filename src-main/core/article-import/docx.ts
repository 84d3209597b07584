// Word articles (.docx), untrusted: converted by mammoth to HTML (styles to headings, lists, tables, notes), then to blocks like saved pages.
import { createRequire } from 'node:module';
import { parseDateLine, toIsoDate } from './dates';
import { withInertMarkup } from './parse-html';
import { ImportRefusal } from './refusal';
import { assembleBlocks, collapseWhitespace, titleFromText } from './text-util';
import type { ArticleBody, BlockPiece } from './types';
import { partText, readZipParts } from './zip-entries';

type Mammoth = typeof import('mammoth');

let mammoth: Mammoth | null = null;
function loadMammoth(): Mammoth {
  mammoth ??= createRequire(import.meta.url)('mammoth') as Mammoth;
  return mammoth;
}

/** The Title style is the article's title (level 1); Word's Heading 1–5 sit below it. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  ...[1, 2, 3, 4, 5].flatMap((n) => [`p[style-name='heading ${n}'] => h${n + 1}:fresh`, `p[style-name='Heading ${n}'] => h${n + 1}:fresh`]),
];
/** A date paragraph counts as the publication date within this many blocks from the top. */
const DATE_BLOCK_WINDOW = 5;

/** Footnotes and endnotes (mammoth's list at the end) become paragraphs "[1] text", without their back links. */
function notesAsParagraphs(doc: Document): void {
  for (const note of Array.from(doc.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]'))) {
    for (const back of Array.from(note.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]'))) back.remove();
    const label = doc.getElementById(`${note.id.replace(/-(\d+)$/, '-ref-$1')}`)?.textContent ?? '';
    const p = doc.createElement('p');
    p.textContent = collapseWhitespace(`${label} ${note.textContent ?? ''}`);
    const list = note.parentElement;
    list?.parentElement?.insertBefore(p, list);
    note.remove();
    if (list && list.children.length === 0) list.remove();
  }
}

interface CoreProperties {
  title: string | null;
  author: string | null;
  created: string | null;
}

function coreProperties(read: (xml: string) => Document, xml: string | null): CoreProperties {
  if (!xml) return { title: null, author: null, created: null };
  try {
    const doc = read(xml);
    const value = (local: string): string | null => collapseWhitespace(doc.getElementsByTagNameNS('*', local)[0]?.textContent ?? '') || null;
    return { title: value('title'), author: value('creator'), created: value('created') };
  } catch {
    return { title: null, author: null, created: null }; // unreadable properties are not a reason to refuse the article
  }
}

/** Parses an untrusted .docx. Images are dropped, external files are never opened, and fields and macros never run. */
export async function parseDocx(bytes: Uint8Array, name: string, fallbackTitle: string): Promise<ArticleBody> {
  const { names, parts } = readZipParts(bytes, name, 'a Word document', (path) => path === 'docProps/core.xml', true);
  if (!names.includes('word/document.xml')) {
    throw new ImportRefusal('import_damaged', `"${name}" is damaged or is not really a Word document, so its text cannot be read.`);
  }
  let html: string;
  try {
    const result = await loadMammoth().convertToHtml(
      { buffer: Buffer.from(bytes) },
      { styleMap: STYLE_MAP, externalFileAccess: false, convertImage: loadMammoth().images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch {
    throw new ImportRefusal('import_damaged', `"${name}" is damaged or is not really a Word document, so its text cannot be read.`);
  }
  const coreXml = parts.get('docProps/core.xml');
  const { pieces, props } = withInertMarkup((markup) => ({
    pieces: markup.htmlPieces(html, name, notesAsParagraphs),
    props: coreProperties(markup.xml, coreXml ? partText(coreXml) : null),
  }));
  if (pieces.length === 0) throw new ImportRefusal('import_empty', `"${name}" contains no readable article text.`);
  const titlePiece = pieces.find((p) => p.type === 'heading' && p.level === 1);
  const datePiece = pieces.slice(0, DATE_BLOCK_WINDOW).find((p: BlockPiece) => p.type === 'paragraph' && parseDateLine(p.text) !== null);
  const { text, blocks } = assembleBlocks(pieces);
  return {
    text,
    blocks,
    title: titleFromText(titlePiece?.text ?? props.title ?? pieces[0]?.text ?? '') || fallbackTitle,
    author: props.author,
    outlet: null,
    publishedAt: (datePiece ? parseDateLine(datePiece.text) : null) ?? toIsoDate(props.created),
  };
}

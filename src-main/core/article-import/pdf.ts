// PDF articles, untrusted: text read page by page with pdfjs-dist (no scripts, eval, forms, fonts from outside or network), then laid out.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isoDate, toIsoDate } from './dates';
import { layoutPdfLines, type PdfLine, type PdfPageBox } from './pdf-layout';
import { ImportRefusal } from './refusal';
import { assembleBlocks, collapseWhitespace, titleFromText } from './text-util';
import type { ArticleBody } from './types';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** PDFs with more pages than this are refused before their text is read. */
export const MAX_PDF_PAGES = 2_000;
/** Reading stops, and the file is refused, once it has taken this long (checked between pages). */
export const PDF_TIME_BUDGET_MS = 60_000;
/** A PDF with fewer letters or digits than this on all its pages has no usable text layer. */
const MIN_TEXT_CHARS = 20;

let library: { pdfjs: Pdfjs; packageDir: string } | null = null;

/** pdfjs-dist is large; it is loaded on the first PDF import. Its worker code runs in this thread (no Worker, no URL fetch). */
async function loadPdfjs(): Promise<{ pdfjs: Pdfjs; packageDir: string }> {
  if (!library) {
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve('pdfjs-dist/package.json'));
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as Pdfjs;
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(packageDir, 'legacy', 'build', 'pdf.worker.mjs')).href;
    library = { pdfjs, packageDir };
  }
  return library;
}

/**
 * The options every PDF is opened with. Scripting is never enabled (that needs the separate sandbox bundle, which is
 * never loaded); eval, XFA forms, font faces and system fonts are off; images are never decoded (maxImageSize 0);
 * fonts and character maps come only from the package's own folders, read as files.
 */
export function pdfOpenOptions(packageDir: string, data: Uint8Array, password: string | undefined) {
  return {
    data,
    password,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    maxImageSize: 0,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    standardFontDataUrl: join(packageDir, 'standard_fonts') + sep,
    cMapUrl: join(packageDir, 'cmaps') + sep,
    cMapPacked: true,
    verbosity: 0,
  } as const;
}

interface TextRun {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
  hasEOL: boolean;
}

function isTextRun(item: object): item is TextRun {
  return 'str' in item && 'transform' in item;
}

function textRuns(items: readonly object[]): TextRun[] {
  return items.filter(isTextRun);
}

/** Whether each font seen so far is bold, by its name in the document (fonts are shared by the pages that use them). */
type FontWeights = Map<string, boolean>;

function isBoldFont(font: { name?: string; bold?: boolean; black?: boolean } | null): boolean {
  return font !== null && (font.bold === true || font.black === true || /bold|black|heavy|semibold|demi/i.test(font.name ?? ''));
}

/**
 * Fonts of the page that are bold (their name or flags say so). A font's details reach this side only once a page
 * using it has loaded its operator list, which costs as much as reading the page's text again: that is done only
 * for pages that use a font no earlier page did.
 */
async function boldFonts(page: PdfPage, fontNames: ReadonlySet<string>, weights: FontWeights): Promise<Set<string>> {
  if ([...fontNames].some((f) => !weights.has(f))) {
    await page.getOperatorList();
    for (const fontName of fontNames) {
      if (weights.has(fontName) || !page.commonObjs.has(fontName)) continue;
      weights.set(fontName, isBoldFont(page.commonObjs.get(fontName) as { name?: string; bold?: boolean; black?: boolean } | null));
    }
  }
  return new Set([...fontNames].filter((f) => weights.get(f) === true));
}

/** The page's text runs joined into lines (in the order the page draws them). */
async function pageLines(page: PdfPage, pageNumber: number, weights: FontWeights): Promise<PdfLine[]> {
  const content = await page.getTextContent();
  const runs = textRuns(content.items);
  const bold = await boldFonts(page, new Set(runs.map((r) => r.fontName)), weights);
  const lines: PdfLine[] = [];
  let line: (PdfLine & { end: number; allBold: boolean }) | null = null;
  const close = (): void => {
    if (line && collapseWhitespace(line.text) !== '') lines.push({ page: pageNumber, text: line.text, x: line.x, y: line.y, size: line.size, bold: line.allBold });
    line = null;
  };
  for (const run of runs) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = run.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b);
    if (run.str !== '') {
      if (line && (Math.abs(y - line.y) > Math.max(size, line.size) * 0.4 || x < line.end - line.size)) close();
      if (!line) {
        line = { page: pageNumber, text: '', x, y, size, bold: false, end: x, allBold: true };
      } else if (x > line.end + size * 0.15 && !/\s$/.test(line.text) && !/^\s/.test(run.str)) {
        line.text += ' ';
      }
      line.text += run.str;
      line.end = x + run.width;
      line.size = Math.max(line.size, size);
      if (run.str.trim() !== '' && !bold.has(run.fontName)) line.allBold = false;
    }
    if (run.hasEOL) close();
  }
  close();
  return lines;
}

function refusalFor(error: unknown, name: string, passwordGiven: boolean): ImportRefusal | null {
  const e = error as { name?: string; code?: number };
  if (e?.name === 'PasswordException') {
    if (passwordGiven && e.code === 2) return new ImportRefusal('import_encrypted', `The password given for "${name}" is not the right one.`);
    return new ImportRefusal(
      'import_encrypted',
      `"${name}" is protected by a password; import it with its password (marginalia import --password …) or save an unprotected copy first.`,
    );
  }
  if (e?.name === 'InvalidPDFException' || e?.name === 'FormatError' || e?.name === 'UnknownErrorException') {
    return new ImportRefusal('import_damaged', `"${name}" is damaged or is not really a PDF file, so its text cannot be read.`);
  }
  return null;
}

/** A title from the document information, unless it is a placeholder such as "Microsoft Word - draft.docx". */
function metadataTitle(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = collapseWhitespace(value.replace(/^microsoft (?:word|powerpoint) - /i, '').replace(/\.(?:docx?|pptx?|odt|rtf|txt)$/i, ''));
  if (!t || /^(?:untitled|document\d*|title|unknown)$/i.test(t)) return null;
  return t;
}

/** "D:20260120103000+01'00'" → '2026-01-20'. */
function pdfDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : toIsoDate(value);
}

export interface ParsePdfOptions {
  /** Opens an encrypted PDF. */
  password?: string;
  /** For tests: the clock the time budget is measured with. */
  now?: () => number;
}

async function readLines(doc: PdfDocument, name: string, now: () => number): Promise<{ lines: PdfLine[]; boxes: Map<number, PdfPageBox> }> {
  if (doc.numPages > MAX_PDF_PAGES) {
    throw new ImportRefusal('import_too_large', `"${name}" has ${doc.numPages.toLocaleString('en')} pages; Marginalia imports PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en')} pages.`);
  }
  const started = now();
  const lines: PdfLine[] = [];
  const boxes = new Map<number, PdfPageBox>();
  const weights: FontWeights = new Map();
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, bottom = 0, , top = 0] = page.view;
    boxes.set(n, { height: top - bottom });
    for (const line of await pageLines(page, n, weights)) lines.push({ ...line, y: line.y - bottom });
    page.cleanup();
    if (now() - started > PDF_TIME_BUDGET_MS) {
      throw new ImportRefusal('import_too_large', `"${name}" takes too long to read (more than ${PDF_TIME_BUDGET_MS / 1000} s); save its text and import that instead.`);
    }
  }
  return { lines, boxes };
}

/**
 * Parses an untrusted PDF into blocks that keep their page numbers. Refuses encrypted files (unless the password is
 * given), damaged files and files without a text layer. JavaScript, actions, forms, annotations and attachments are
 * never read: only the pages' text content and the document information (title, author, dates).
 */
export async function parsePdf(bytes: Uint8Array, name: string, fallbackTitle: string, options: ParsePdfOptions = {}): Promise<ArticleBody> {
  const { pdfjs, packageDir } = await loadPdfjs();
  // pdfjs takes ownership of (and detaches) the buffer it is given, and wants a plain Uint8Array: hand it a copy.
  const task = pdfjs.getDocument(pdfOpenOptions(packageDir, new Uint8Array(bytes), options.password));
  try {
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (error) {
      throw refusalFor(error, name, options.password !== undefined) ?? error;
    }
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    const { lines, boxes } = await readLines(doc, name, options.now ?? (() => performance.now()));
    const letters = lines.reduce((n, l) => n + (l.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0);
    if (letters < MIN_TEXT_CHARS) {
      throw new ImportRefusal(
        'import_no_text',
        `"${name}" has no text to import: its pages are only images (a scan, perhaps). Run it through OCR (text recognition) first and import the result.`,
      );
    }
    const layout = layoutPdfLines(lines, boxes);
    if (layout.pieces.length === 0) throw new ImportRefusal('import_empty', `"${name}" contains no readable article text.`);
    const { text, blocks } = assembleBlocks(layout.pieces);
    const author = typeof info['Author'] === 'string' && !/^(?:anonymous|unknown)$/i.test(info['Author'].trim()) ? collapseWhitespace(info['Author']) || null : null;
    return {
      text,
      blocks,
      title: titleFromText(layout.largestText ?? metadataTitle(info['Title']) ?? layout.pieces[0]?.text ?? '') || fallbackTitle,
      author,
      outlet: null,
      publishedAt: (layout.dateLine ? toIsoDate(layout.dateLine) : null) ?? pdfDate(info['CreationDate']),
    };
  } finally {
    await task.destroy();
  }
}

// Entry point of the pure parsing half of article import: file bytes or pasted text in, ParsedArticle out (or an ImportRefusal).
import type { DocumentFormat } from '../../../src-shared/model/document';
import { decodeArticleBytes, decodingWarnings } from './decode';
import { normaliseNewlines } from './plain-text';
import { parseDocx } from './docx';
import { parseEpub } from './epub';
import { parseHtml } from './parse-html';
import { parseMarkdown } from './parse-markdown';
import { parsePdf } from './pdf';
import { parsePlainText } from './parse-text';
import { ImportRefusal, MAX_IMPORT_BYTES, tooLarge } from './refusal';
import { baseName, fileStem } from './text-util';
import type { ParsedArticle } from './types';

export { ImportRefusal, MAX_IMPORT_BYTES } from './refusal';
export type { ParsedArticle } from './types';
export { parsePastedText } from './parse-pasted';

const FORMAT_BY_EXTENSION: Readonly<Record<string, Exclude<DocumentFormat, 'paste'>>> = {
  txt: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  docx: 'docx',
  epub: 'epub',
};

/** Formats read from binary files (asynchronously): only `parseImportedFile` reads them. */
const BINARY_FORMATS: ReadonlySet<DocumentFormat> = new Set(['pdf', 'docx', 'epub']);

/** The import format for a file name, or null when Marginalia does not import that kind of file. */
export function formatForFileName(fileName: string): Exclude<DocumentFormat, 'paste'> | null {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  return FORMAT_BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? null;
}

/**
 * Parses an imported file. `fileName` decides the format (.txt, .md/.markdown, .html/.htm) and names the
 * file in refusal messages. Throws ImportRefusal for unsupported, empty, oversized, binary or undecodable files.
 */
export function parseArticleFile(fileName: string, bytes: Uint8Array): ParsedArticle {
  const name = baseName(fileName);
  const format = formatForFileName(name);
  if (!format) {
    throw new ImportRefusal(
      'import_unsupported_format',
      `"${name}" is not a supported format: Marginalia imports .txt, .md, .markdown, .html, .htm, .pdf, .docx and .epub files.`,
    );
  }
  if (BINARY_FORMATS.has(format)) throw new Error(`${format} files are read by parseImportedFile`);
  const decoding = decodeArticleBytes(name, bytes, { html: format === 'html' });
  const decoded = decoding.text;
  const warnings = decodingWarnings(name, decoding);
  const source = { sourceEncoding: decoding.encoding, ...(warnings.length > 0 ? { warnings } : {}) };
  const fallbackTitle = fileStem(name) || name;

  switch (format) {
    case 'txt':
      return { ...parsePlainText(normaliseNewlines(decoded), { fallbackTitle }), format, ...source };
    case 'md': {
      const body = parseMarkdown(normaliseNewlines(decoded), fallbackTitle, name);
      if (body.blocks.length === 0) {
        throw new ImportRefusal('import_empty', `"${name}" contains no readable article text.`);
      }
      return { ...body, format, ...source };
    }
    case 'html':
      return { ...parseHtml(decoded, name, fallbackTitle), format, ...source };
    default:
      throw new Error(`unexpected format ${format}`);
  }
}

export interface ImportFileOptions {
  /** Opens an encrypted PDF. */
  password?: string;
}

/** The binary format the bytes are, by their signature (a zip is a DOCX or an EPUB by its parts), or null. */
function binaryFormatOf(bytes: Uint8Array): 'pdf' | 'docx' | 'epub' | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.startsWith('%PDF-')) return 'pdf';
  if (!head.startsWith('PK\x03\x04')) return null;
  // EPUB's first entry is an uncompressed "mimetype"; a DOCX names word/document.xml in its central directory.
  if (head.slice(30, 58) === 'mimetypeapplication/epub+zip') return 'epub';
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_536)));
  return tail.includes('word/document.xml') ? 'docx' : null;
}

/** 'pdf', 'docx' or 'epub' when the file is read as one (by its bytes' signature, else its extension), else null. */
export function binaryImportFormat(fileName: string, bytes: Uint8Array): 'pdf' | 'docx' | 'epub' | null {
  const format = binaryFormatOf(bytes) ?? formatForFileName(fileName);
  return format === 'pdf' || format === 'docx' || format === 'epub' ? format : null;
}

/**
 * Parses any imported file: PDF, DOCX and EPUB by their bytes' signature (whatever the file is called) or by their
 * extension, everything else as `parseArticleFile`. Throws ImportRefusal like it, and for encrypted, damaged or
 * text-less PDFs.
 */
export async function parseImportedFile(fileName: string, bytes: Uint8Array, options: ImportFileOptions = {}): Promise<ParsedArticle> {
  const name = baseName(fileName);
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(`"${name}"`, bytes.length);
  const format = binaryImportFormat(name, bytes);
  const fallbackTitle = fileStem(name) || name;
  switch (format) {
    case 'pdf':
      return { ...(await parsePdf(bytes, name, fallbackTitle, { password: options.password })), format, sourceEncoding: 'binary' };
    case 'docx':
      return { ...(await parseDocx(bytes, name, fallbackTitle)), format, sourceEncoding: 'binary' };
    case 'epub':
      return { ...parseEpub(bytes, name, fallbackTitle), format, sourceEncoding: 'binary' };
    default:
      return parseArticleFile(fileName, bytes);
  }
}

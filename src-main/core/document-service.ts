// Importing articles (files or pasted text) into the project, and reading them back.
import { createHash } from 'node:crypto';
import type { ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import type { Document } from '../../src-shared/model/document';
import type { DocumentId } from '../../src-shared/model/ids';
import { UserError } from '../../src-shared/model/result';
import { documentRowsMatching } from '../store/document-index';
import {
  allDocumentMetas,
  documentById,
  documentMetaBySha256,
  documentMetaBySourceSha256,
  documentMetasByIds,
  insertDocument,
  tagCountsByDocument,
} from '../store/documents';
import { parsePastedText } from './article-import/parse-pasted';
import { ImportRefusal } from './article-import/refusal';
import type { ParsedArticle } from './article-import/types';
import { restoreRemovedDocument } from './document-edit-service';
import type { ProjectSession } from './session';
import { checkpoint } from './operation';

/** Loaded on first use: the readers of HTML, Markdown, PDF, DOCX and EPUB, which a command that imports no file never evaluates. */
const fileParsers = () => import('./article-import/parse-article');

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type ImportSource = ValidRequestOf<'document.import'>['source'];
type ImportResult = ResponseOf<'document.import'>;

/** A source read and parsed, or a file whose bytes the project already holds. */
type ReadSource =
  | { parsed: ParsedArticle; originalName: string; sourceSha256: string | null }
  | { known: ImportResult['document'] };

function asUserError(error: unknown): unknown {
  return error instanceof ImportRefusal ? new UserError(error.code, error.message) : error;
}

function parseText(source: Extract<ImportSource, { type: 'text' }>): ReadSource {
  try {
    return { parsed: parsePastedText(source.text, source.title), originalName: source.title?.trim() || 'Pasted text', sourceSha256: null };
  } catch (error) {
    throw asUserError(error);
  }
}

/** Parses a source; a PDF, DOCX or EPUB whose bytes were imported before (same SHA-256) is recognised without parsing it again. */
async function readSource(session: ProjectSession, source: ImportSource): Promise<ReadSource> {
  if (source.type === 'text') return parseText(source);
  const bytes = Buffer.from(source.content.buffer, source.content.byteOffset, source.content.byteLength);
  const sourceSha256 = createHash('sha256').update(bytes).digest('hex');
  // Re-reading a PDF, DOCX or EPUB is costly: the same bytes imported before are recognised without it. Text files
  // are parsed again (cheaply), so that their decoding warnings are reported again.
  const { binaryImportFormat, parseImportedFile } = await fileParsers();
  const known = binaryImportFormat(source.fileName, bytes) ? documentMetaBySourceSha256(session.db, sourceSha256) : undefined;
  if (known) return { known };
  try {
    return { parsed: await parseImportedFile(source.fileName, bytes, { password: source.password }), originalName: source.fileName, sourceSha256 };
  } catch (error) {
    throw asUserError(error);
  }
}

/** Stores one parsed article unless the same canonical text is already there; call inside a transaction. */
function storeParsed(session: ProjectSession, read: ReadSource): ImportResult {
  if ('known' in read) return { document: read.known, status: 'duplicate' };
  const { parsed, originalName, sourceSha256 } = read;
  const sha256 = sha256Hex(parsed.text);
  const warnings = parsed.warnings ? { warnings: parsed.warnings } : {};
  const existing = documentMetaBySha256(session.db, sha256);
  // The text of a removed document, imported again, brings that document back (with its tags and its id).
  if (existing?.removed) return { document: restoreRemovedDocument(session, existing.id), status: 'imported', ...warnings };
  if (existing) {
    const { removed: _removed, ...meta } = existing;
    return { document: meta, status: 'duplicate', ...warnings };
  }
  const document: Document = {
    id: session.newId<DocumentId>(),
    title: parsed.title,
    author: parsed.author,
    outlet: parsed.outlet,
    publishedAt: parsed.publishedAt,
    originalName,
    format: parsed.format,
    sourceEncoding: parsed.sourceEncoding,
    sha256,
    length: parsed.text.length,
    sourceSha256,
    importedAt: session.now(),
    importedBy: session.analystForWriting().id,
    text: parsed.text,
    blocks: parsed.blocks,
  };
  insertDocument(session.db, document);
  const { text: _text, blocks: _blocks, ...meta } = document;
  return { document: meta, status: 'imported', ...warnings };
}

/** Imports pasted text as one article, synchronously (the same canonical text again is recognised, not duplicated). */
export function importDocument(session: ProjectSession, request: { source: Extract<ImportSource, { type: 'text' }> }): ImportResult {
  const read = parseText(request.source);
  return session.db.transaction(() => storeParsed(session, read))();
}

/**
 * Imports one article from a file or pasted text. The same file imported again (its bytes' SHA-256) and the same
 * canonical text from another file (the text's hash) are recognised and not duplicated.
 */
export async function importArticle(session: ProjectSession, request: ValidRequestOf<'document.import'>): Promise<ImportResult> {
  const read = await readSource(session, request.source);
  return session.db.transaction(() => storeParsed(session, read))();
}

function sourceName(source: ImportSource, index: number): string {
  return source.type === 'file' ? source.fileName : source.title?.trim() || `pasted text ${index + 1}`;
}

/**
 * Imports several articles in one transaction: every source is parsed first, and if one is refused nothing is
 * imported (the refusal names it) — or, with `skipRefused`, the others are and the refusal is reported. Duplicates —
 * of the project or of an earlier source — are reported as such. Cancelled between two files, it stores nothing.
 */
export async function importDocuments(session: ProjectSession, request: ValidRequestOf<'document.importMany'>): Promise<ResponseOf<'document.importMany'>> {
  const parsed: ReadSource[] = [];
  const refused: { index: number; message: string }[] = [];
  const total = request.sources.length + 1;
  for (const [index, source] of request.sources.entries()) {
    // Every file is read before anything is stored, so a cancelled import leaves the project as it was.
    await checkpoint(index, total, IMPORT_CANCELLED);
    try {
      parsed.push(await readSource(session, source));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      if (request.skipRefused) {
        refused.push({ index, message: error.message });
        continue;
      }
      const others = request.sources.length > 1 ? ' Nothing was imported.' : '';
      throw new UserError(error.code, `${sourceName(source, index)}: ${error.message}${others}`);
    }
  }
  await checkpoint(request.sources.length, total, IMPORT_CANCELLED);
  const results = session.db.transaction(() => parsed.map((p) => storeParsed(session, p)))();
  return request.skipRefused ? { results, refused } : { results };
}

const IMPORT_CANCELLED = 'The import was cancelled; nothing was imported.';

/**
 * The documents of one page (or all), with their tag counts: which ones, from the list's index (no scan of the
 * documents table); every detail, when asked, read for those only; counts only for the page's documents when it is one.
 */
export function listDocuments(session: ProjectSession, request: ValidRequestOf<'document.list'>): ResponseOf<'document.list'> {
  const { fields, ...query } = request;
  const paged = query.limit !== undefined || query.offset !== undefined || query.filter !== undefined || query.ids !== undefined;
  const empty = { claim: 0, actor: 0, figure: 0, reliability_warning: 0 };
  if (!paged && fields !== 'row') {
    const counts = tagCountsByDocument(session.db);
    const metas = allDocumentMetas(session.db);
    return { documents: metas.map((meta) => ({ ...meta, tagCounts: counts.get(meta.id) ?? empty })), total: metas.length };
  }
  const { rows, total } = documentRowsMatching(session.db, query);
  const ids = rows.map((row) => row.id);
  const metas = fields === 'row' ? rows : documentMetasByIds(session.db, ids);
  const counts = tagCountsByDocument(session.db, paged ? ids : undefined);
  return { documents: metas.map((meta) => ({ ...meta, tagCounts: counts.get(meta.id) ?? empty })), total };
}

export function getDocument(session: ProjectSession, request: ValidRequestOf<'document.get'>): ResponseOf<'document.get'> {
  const document = documentById(session.db, request.id);
  if (!document) throw new UserError('not_found', `There is no document with id ${request.id} in this project.`);
  return document;
}

// Importing articles (files or pasted text) into the project, and reading them back.
import { createHash } from 'node:crypto';
import type { ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import type { Document } from '../../src-shared/model/document';
import type { DocumentId } from '../../src-shared/model/ids';
import { UserError } from '../../src-shared/model/result';
import { allDocumentMetas, documentById, documentMetaBySha256, insertDocument, tagCountsByDocument } from '../store/documents';
import { ImportRefusal, parseArticleFile, parsePastedText, type ParsedArticle } from './import/parse-article';
import type { ProjectSession } from './session';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function parseSource(source: ValidRequestOf<'document.import'>['source']): { parsed: ParsedArticle; originalName: string } {
  try {
    if (source.type === 'text') {
      return { parsed: parsePastedText(source.text, source.title), originalName: source.title?.trim() || 'Pasted text' };
    }
    return { parsed: parseArticleFile(source.fileName, Buffer.from(source.contentBase64, 'base64')), originalName: source.fileName };
  } catch (error) {
    if (error instanceof ImportRefusal) throw new UserError(error.code, error.message);
    throw error;
  }
}

type ImportSource = ValidRequestOf<'document.import'>['source'];
type ImportResult = ResponseOf<'document.import'>;

/** Stores one parsed article unless the same canonical text is already there; call inside a transaction. */
function storeParsed(session: ProjectSession, parsed: ParsedArticle, originalName: string): ImportResult {
  const sha256 = sha256Hex(parsed.text);
  const warnings = parsed.warnings ? { warnings: parsed.warnings } : {};
  const existing = documentMetaBySha256(session.db, sha256);
  if (existing) return { document: existing, status: 'duplicate', ...warnings };
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
    importedAt: session.now(),
    importedBy: session.analystForWriting().id,
    text: parsed.text,
    blocks: parsed.blocks,
  };
  insertDocument(session.db, document);
  const { text: _text, blocks: _blocks, ...meta } = document;
  return { document: meta, status: 'imported', ...warnings };
}

/** Imports one article. The same canonical text imported again is recognised by its hash and not duplicated. */
export function importDocument(session: ProjectSession, request: ValidRequestOf<'document.import'>): ImportResult {
  const { parsed, originalName } = parseSource(request.source);
  return session.db.transaction(() => storeParsed(session, parsed, originalName))();
}

function sourceName(source: ImportSource, index: number): string {
  return source.type === 'file' ? source.fileName : source.title?.trim() || `pasted text ${index + 1}`;
}

/**
 * Imports several articles in one transaction: every source is parsed first, and if one is refused nothing is
 * imported (the refusal names it). Duplicates — of the project or of an earlier source — are reported as such.
 */
export function importDocuments(session: ProjectSession, request: ValidRequestOf<'document.importMany'>): ResponseOf<'document.importMany'> {
  const parsed = request.sources.map((source, index) => {
    try {
      return parseSource(source);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const others = request.sources.length > 1 ? ' Nothing was imported.' : '';
      throw new UserError(error.code, `${sourceName(source, index)}: ${error.message}${others}`);
    }
  });
  return { results: session.db.transaction(() => parsed.map((p) => storeParsed(session, p.parsed, p.originalName)))() };
}

export function listDocuments(session: ProjectSession): ResponseOf<'document.list'> {
  const counts = tagCountsByDocument(session.db);
  const empty = { claim: 0, actor: 0, figure: 0, reliability_warning: 0 };
  return { documents: allDocumentMetas(session.db).map((meta) => ({ ...meta, tagCounts: counts.get(meta.id) ?? empty })) };
}

export function getDocument(session: ProjectSession, request: ValidRequestOf<'document.get'>): ResponseOf<'document.get'> {
  const document = documentById(session.db, request.id);
  if (!document) throw new UserError('not_found', `There is no document with id ${request.id} in this project.`);
  return document;
}

// Importing other tools' annotations (W3C / Hypothesis JSON, REFI-QDA .qdpx) into the open project: one transaction, one undo step.
import type { ResponseOf, ValidRequestOf } from '../../../src-shared/api/contract';
import { actorNameKey, actorNames, type Actor } from '../../../src-shared/model/actor';
import type { Annotation, AnnotationKind, AttributesPatch } from '../../../src-shared/model/annotation';
import type { DocumentMeta } from '../../../src-shared/model/document';
import type { ActorId, DocumentId } from '../../../src-shared/model/ids';
import { UserError, type Result } from '../../../src-shared/model/result';
import { allActors } from '../../store/actors';
import { annotationById } from '../../store/annotations';
import { allDocumentMetas, documentText } from '../../store/documents';
import { newAnnotation } from '../annotation-service';
import { importDocument } from '../document-service';
import { beginHistoryEntry } from '../../store/history';
import { recordChange } from '../record-change';
import type { ProjectSession } from '../session';
import { textAnchorer } from './anchor';
import { documentByClues, documentByQuotes, type SourceClues } from './find-document';
import { ImportedAnalysts, importedAnnotationId, printableName, siblingAnnotationId, type ForeignCreator } from './identity';
import { matchQdpxSources, parseQdpx } from './qdpx';
import { parseW3cAnnotations } from './w3c';

type Report = ResponseOf<'annotation.importFile'>;
type Request = ValidRequestOf<'annotation.importFile'>;

/** One tag read from the file, placed in a document, not yet written. */
interface PlannedAnnotation {
  id: Annotation['id'];
  documentId: DocumentId;
  kind: AnnotationKind;
  target: { start: number; end: number } | null;
  attributes?: AttributesPatch;
  actorName?: string;
  note?: string;
  creator?: ForeignCreator;
  created?: string;
  modified?: string;
  where: string;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new UserError(result.error.code, result.error.message);
  return result.value;
}

function emptyReport(): Report {
  return {
    imported: 0,
    updated: 0,
    unchanged: 0,
    documentsCreated: 0,
    orphaned: { noDocument: 0, passageNotFound: 0 },
    futureTimesClamped: 0,
    analystsAdded: [],
    notImported: [],
  };
}

/** The documents and their texts, read once per import. */
class ProjectDocuments {
  readonly all: DocumentMeta[];
  private readonly texts = new Map<string, string>();
  private readonly anchorers = new Map<string, ReturnType<typeof textAnchorer>>();

  constructor(private readonly session: ProjectSession) {
    this.all = allDocumentMetas(session.db);
  }

  add(document: DocumentMeta): void {
    this.all.push(document);
  }

  textOf(id: string): string {
    let text = this.texts.get(id);
    if (text === undefined) this.texts.set(id, (text = documentText(this.session.db, id as DocumentId) ?? ''));
    return text;
  }

  anchorerOf(id: string): ReturnType<typeof textAnchorer> {
    let anchor = this.anchorers.get(id);
    if (!anchor) this.anchorers.set(id, (anchor = textAnchorer(this.textOf(id))));
    return anchor;
  }

  named(id: DocumentId | undefined): DocumentMeta | undefined {
    if (id === undefined) return undefined;
    const found = this.all.find((d) => d.id === id);
    if (!found) throw new UserError('not_found', `There is no document with id ${id} in this project.`);
    return found;
  }
}

function planW3c(bytes: Uint8Array, documents: ProjectDocuments, named: DocumentMeta | undefined, report: Report): PlannedAnnotation[] {
  const parsed = unwrap(parseW3cAnnotations(bytes));
  for (const s of parsed.skipped) report.notImported.push({ where: `Annotation ${s.index + 1}`, message: s.reason });
  const siblings = new Map<number, number>();
  const clueKey = (c: SourceClues): string => `${c.sourceId ?? ''}\n${c.sourceTitle ?? ''}`;
  const byClues = new Map<string, DocumentMeta | undefined>();
  const unplaced = new Map<string, string[]>(); // quotes of annotations whose source names no document, by source
  for (const c of parsed.candidates) {
    const key = clueKey(c);
    if (named || byClues.has(key)) continue;
    byClues.set(key, documentByClues(c, documents.all)?.document);
  }
  for (const c of parsed.candidates) {
    const key = clueKey(c);
    // A content hash names one text: when it is not here, quotes that also occur elsewhere do not make it so.
    const hashed = c.sourceId?.startsWith('urn:sha256:') === true;
    if (!named && !hashed && byClues.get(key) === undefined && c.quote !== undefined) unplaced.set(key, [...(unplaced.get(key) ?? []), c.quote]);
  }
  for (const [key, quotes] of unplaced) byClues.set(key, documentByQuotes(quotes, documents.all, (d) => documents.textOf(d.id)));

  const planned: PlannedAnnotation[] = [];
  for (const c of parsed.candidates) {
    const n = siblings.get(c.index) ?? 0;
    siblings.set(c.index, n + 1);
    const where = `Annotation ${c.index + 1}${c.quote ? ` (“${c.quote.slice(0, 40)}”)` : ''}`;
    const document = named ?? byClues.get(clueKey(c));
    if (!document) {
      report.orphaned.noDocument++;
      report.notImported.push({ where, message: 'No document in this project matches its source, title or quotes; import the article first, or name it with --document.' });
      continue;
    }
    let target: PlannedAnnotation['target'] = null;
    if (c.quote !== undefined || c.position !== undefined) {
      const found = documents.anchorerOf(document.id)(c);
      if (!found) {
        report.orphaned.passageNotFound++;
        report.notImported.push({ where, message: `Its passage could not be found in “${document.title}”.` });
        continue;
      }
      target = { start: found.start, end: found.end };
    }
    const fingerprint = JSON.stringify([c.sourceId, c.sourceTitle, c.quote, c.position, c.creator, c.created, c.index]);
    planned.push({
      id: siblingAnnotationId(importedAnnotationId(c.id, fingerprint), n),
      documentId: document.id,
      kind: c.kind,
      target,
      ...(c.attributes ? { attributes: c.attributes } : {}),
      ...(c.actorName ? { actorName: c.actorName } : {}),
      ...(c.note ? { note: c.note } : {}),
      ...(c.creator ? { creator: c.creator } : {}),
      ...(c.created ? { created: c.created } : {}),
      ...(c.modified ? { modified: c.modified } : {}),
      where,
    });
  }
  return planned;
}

function planQdpx(session: ProjectSession, bytes: Uint8Array, documents: ProjectDocuments, named: DocumentMeta | undefined, report: Report): PlannedAnnotation[] {
  const parsed = unwrap(parseQdpx(bytes));
  for (const p of parsed.notImported) report.notImported.push({ where: p.where, message: p.message });
  if (named && parsed.sources.length !== 1) {
    throw new UserError('invalid_request', `The project file holds ${parsed.sources.length} sources; --document can name the document of one source only.`);
  }
  const documentBySource = matchQdpxSources(parsed.sources, documents.all);
  for (const source of parsed.sources) {
    if (named) documentBySource.set(source.guid, named.id);
    if (documentBySource.has(source.guid)) continue;
    // The file carries the source's text: a document of another text but the same title is the same article
    // edited; without one, the file's text is the document.
    const found = documentByClues({ sourceTitle: source.name }, documents.all)?.document;
    if (found) {
      documentBySource.set(source.guid, found.id);
      continue;
    }
    // A source this project does not have comes in as a new document, with exactly its text.
    const { document, status } = importDocument(session, { source: { type: 'text', text: source.text, title: source.name } });
    documentBySource.set(source.guid, document.id);
    if (status === 'imported') {
      documents.add(document);
      report.documentsCreated++;
    }
  }
  const planned: PlannedAnnotation[] = [];
  for (const selection of parsed.selections) {
    const documentId = documentBySource.get(selection.sourceGuid) as DocumentId | undefined;
    if (!documentId) continue;
    const where = `Selection “${selection.quote.slice(0, 40)}”`;
    let target: PlannedAnnotation['target'] = null;
    if (!selection.documentLevel) {
      const found = documents.anchorerOf(documentId)({ quote: selection.quote, position: { start: selection.startCodePoint, end: selection.endCodePoint } });
      if (!found) {
        report.orphaned.passageNotFound++;
        report.notImported.push({ where, message: 'Its passage could not be found in the document.' });
        continue;
      }
      target = { start: found.start, end: found.end };
    }
    for (const tag of selection.tags) {
      if (target === null && tag.kind !== 'reliability_warning') {
        report.notImported.push({ where, message: 'Only a reliability warning can apply to a whole document.' });
        continue;
      }
      planned.push({
        id: importedAnnotationId(tag.guid, `${selection.sourceGuid}:${selection.startCodePoint}:${selection.endCodePoint}:${tag.kind}`),
        documentId,
        kind: tag.kind,
        target,
        attributes: tag.attributes,
        ...(tag.actorName ? { actorName: tag.actorName } : {}),
        ...(selection.note ? { note: selection.note } : {}),
        ...(selection.user ? { creator: { id: selection.user.guid, ...(selection.user.name === undefined ? {} : { name: selection.user.name }) } } : {}),
        ...(selection.created ? { created: selection.created } : {}),
        ...(selection.modified ? { modified: selection.modified } : {}),
        where,
      });
    }
  }
  return planned;
}

/**
 * Writes the planned tags under one history entry, begun with the first write (an import that changes nothing
 * leaves undo and redo as they were); a tag already present is replaced only by a newer version.
 */
class TagWriter {
  private readonly analysts: ImportedAnalysts;
  private historyId: number | null = null;
  private readonly actorIds: Map<string, ActorId>;
  private readonly seen = new Set<string>();
  private readonly now: string;

  constructor(
    private readonly session: ProjectSession,
    private readonly fileName: string,
    private readonly documents: ProjectDocuments,
    private readonly report: Report,
  ) {
    this.now = session.now();
    this.analysts = new ImportedAnalysts(session.db, this.now, `imported from “${this.fileName}”`);
    this.actorIds = new Map(allActors(session.db, false).flatMap((a) => actorNames(a).map((n) => [actorNameKey(n), a.id] as const)));
  }

  private entry(): number {
    this.historyId ??= beginHistoryEntry(this.session.db, `Import annotations from ${this.fileName}`, this.session.analystForWriting().id, this.now);
    return this.historyId;
  }

  /** The registry actor with this name or alias, added (as a person) when there is none. */
  private actorIdFor(name: string): ActorId {
    const key = actorNameKey(name);
    const found = this.actorIds.get(key);
    if (found) return found;
    const actor: Actor = {
      id: this.session.newId<ActorId>(),
      name: name.trim(),
      kind: 'person',
      aliases: [],
      analystId: this.session.analystForWriting().id,
      createdAt: this.now,
      updatedAt: this.now,
      deletedAt: null,
    };
    recordChange(this.session, { type: 'actor', value: actor }, 'edit', this.entry(), true);
    this.actorIds.set(key, actor.id);
    return actor.id;
  }

  private attributesOf(tag: PlannedAnnotation): AttributesPatch | undefined {
    const actorName = printableName(tag.actorName ?? '', 200);
    if (actorName === '') return tag.attributes;
    if (tag.kind === 'actor') return { ...(tag.attributes ?? {}), actorId: this.actorIdFor(actorName) } as AttributesPatch;
    if (tag.kind === 'claim') return { ...(tag.attributes ?? {}), claimantId: this.actorIdFor(actorName) } as AttributesPatch;
    return tag.attributes;
  }

  /** A time from the file, never later than now (a file cannot make its tags win every future conflict). */
  private timeOf(value: string | undefined): { at: string; clamped: boolean } {
    if (value === undefined) return { at: this.now, clamped: false };
    return value > this.now ? { at: this.now, clamped: true } : { at: value, clamped: false };
  }

  write(tag: PlannedAnnotation): void {
    if (this.seen.has(tag.id)) return void this.report.unchanged++;
    this.seen.add(tag.id);
    const existing = annotationById(this.session.db, tag.id)?.annotation;
    const created = this.timeOf(tag.created);
    const modified = this.timeOf(tag.modified ?? tag.created);
    const updatedAt = modified.at < created.at ? created.at : modified.at;
    if (existing && existing.documentId !== tag.documentId) {
      return void this.report.notImported.push({ where: tag.where, message: `A tag with its id (${tag.id}) is already in another document.` });
    }
    if (existing && (existing.deletedAt !== null || updatedAt <= existing.updatedAt)) return void this.report.unchanged++;
    if (created.clamped || modified.clamped) this.report.futureTimesClamped++;
    const analystId = existing?.analystId ?? this.analysts.analystFor(tag.creator)?.id ?? this.session.analystForWriting().id;
    const request = { documentId: tag.documentId, kind: tag.kind, target: tag.target, attributes: this.attributesOf(tag), ...(tag.note ? { note: tag.note } : {}) };
    let annotation: Annotation;
    try {
      annotation = newAnnotation(this.session, request as ValidRequestOf<'annotation.create'>, this.documents.textOf(tag.documentId), this.now, {
        id: tag.id,
        analystId,
        createdAt: existing?.createdAt ?? created.at,
        updatedAt,
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return void this.report.notImported.push({ where: tag.where, message: error.message });
    }
    if (existing) annotation = { ...annotation, review: existing.review } as Annotation;
    recordChange(this.session, { type: 'annotation', value: annotation }, 'edit', this.entry(), !existing);
    if (existing) this.report.updated++;
    else this.report.imported++;
  }

  finish(): void {
    this.report.analystsAdded = this.analysts.created;
  }
}

/**
 * Imports a W3C or REFI-QDA file's annotations in one transaction and one undo step. Each tag keeps its
 * creator (as an analyst), its times and its id, so importing a file again adds nothing and updates only what
 * the file holds in a newer version; the session's analyst is the author only of annotations that name none.
 * What cannot be placed is reported, never dropped silently.
 */
export function importAnnotationsFile(session: ProjectSession, request: Request): Report {
  const bytes = request.content;
  const report = emptyReport();
  session.analystForWriting(); // recorded first, in its own commit, as for every action
  return session.db.transaction(() => {
    const documents = new ProjectDocuments(session);
    const named = documents.named(request.documentId);
    const planned = request.format === 'w3c' ? planW3c(bytes, documents, named, report) : planQdpx(session, bytes, documents, named, report);
    const writer = new TagWriter(session, request.fileName, documents, report);
    for (const tag of planned) writer.write(tag);
    writer.finish();
    return report;
  })();
}

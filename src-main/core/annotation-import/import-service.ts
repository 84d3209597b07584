// Importing other tools' annotations (W3C / Hypothesis JSON, REFI-QDA .qdpx) into the open project's documents.
import type { ResponseOf, ValidRequestOf } from '../../../src-shared/api/contract';
import { actorNameKey, actorNames } from '../../../src-shared/model/actor';
import type { AnnotationKind, AttributesPatch } from '../../../src-shared/model/annotation';
import type { DocumentId } from '../../../src-shared/model/ids';
import { UserError, type Result } from '../../../src-shared/model/result';
import { utf16Offset } from '../../../src-shared/text/quote';
import { allActors } from '../../store/actors';
import { allDocumentMetas, documentText } from '../../store/documents';
import { createActor } from '../actor-service';
import { createAnnotations } from '../annotation-service';
import { importDocument } from '../document-service';
import type { ProjectSession } from '../session';
import { parseQdpx, matchQdpxSources } from './qdpx';
import { parseW3cAnnotations, textAnchorer } from './w3c';

type CreateRequest = ValidRequestOf<'annotation.createMany'>['annotations'][number];
type Report = ResponseOf<'annotation.importFile'>;

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new UserError(result.error.code, result.error.message);
  return result.value;
}

/** Finds the registry actor with this name or alias, adding it (as a person) when there is none. */
function actorIdFor(session: ProjectSession, name: string): string {
  const key = actorNameKey(name);
  const found = allActors(session.db, false).find((a) => actorNames(a).some((n) => actorNameKey(n) === key));
  return found ? found.id : createActor(session, { name: name.trim(), kind: 'person' } as ValidRequestOf<'actor.create'>).id;
}

function withActor(session: ProjectSession, kind: AnnotationKind, attributes: AttributesPatch | undefined, actorName: string | undefined): AttributesPatch | undefined {
  if (!actorName) return attributes;
  if (kind === 'actor') return { ...(attributes ?? {}), actorId: actorIdFor(session, actorName) } as AttributesPatch;
  if (kind === 'claim') return { ...(attributes ?? {}), claimantId: actorIdFor(session, actorName) } as AttributesPatch;
  return attributes;
}

function create(session: ProjectSession, requests: CreateRequest[], report: Report): void {
  for (let i = 0; i < requests.length; i += 10_000) {
    report.imported += createAnnotations(session, { annotations: requests.slice(i, i + 10_000) }).created;
  }
}

function importW3c(session: ProjectSession, bytes: Uint8Array, report: Report): void {
  const parsed = unwrap(parseW3cAnnotations(bytes));
  for (const s of parsed.skipped) report.notImported.push({ where: `Annotation ${s.index + 1}`, message: s.reason });
  const documents = allDocumentMetas(session.db);
  const anchorers = new Map<string, ReturnType<typeof textAnchorer>>();
  const requests: CreateRequest[] = [];
  for (const candidate of parsed.candidates) {
    const where = `Annotation ${candidate.index + 1}${candidate.quote ? ` (“${candidate.quote.slice(0, 40)}”)` : ''}`;
    const hash = candidate.sourceId?.startsWith('urn:sha256:') ? candidate.sourceId.slice('urn:sha256:'.length) : undefined;
    const document =
      documents.find((d) => hash !== undefined && d.sha256 === hash) ??
      documents.find((d) => candidate.sourceTitle !== undefined && d.title.trim() === candidate.sourceTitle.trim());
    if (!document) {
      report.notImported.push({ where, message: 'No document in this project matches its source; import the article first.' });
      continue;
    }
    let target: { start: number; end: number } | null = null;
    if (candidate.quote !== undefined || candidate.position !== undefined) {
      let anchor = anchorers.get(document.id);
      if (!anchor) anchorers.set(document.id, (anchor = textAnchorer(documentText(session.db, document.id) ?? '')));
      const found = anchor(candidate);
      if (!found) {
        report.notImported.push({ where, message: `Its passage could not be found in “${document.title}”.` });
        continue;
      }
      target = { start: found.start, end: found.end };
    } else if (candidate.kind !== 'reliability_warning') {
      report.notImported.push({ where, message: 'It has no passage, and only a reliability warning can apply to a whole document.' });
      continue;
    }
    const attributes = withActor(session, candidate.kind, candidate.attributes, candidate.actorName);
    requests.push({ documentId: document.id as DocumentId, kind: candidate.kind, target, ...(attributes ? { attributes } : {}), ...(candidate.note ? { note: candidate.note } : {}) } as CreateRequest);
  }
  create(session, requests, report);
}

function importQdpxFile(session: ProjectSession, bytes: Uint8Array, report: Report): void {
  const parsed = unwrap(parseQdpx(bytes));
  for (const p of parsed.notImported) report.notImported.push({ where: p.where, message: p.message });
  const documentBySource = matchQdpxSources(parsed.sources, allDocumentMetas(session.db));
  const texts = new Map<string, string>();
  for (const source of parsed.sources) {
    texts.set(source.guid, source.text);
    if (documentBySource.has(source.guid)) continue;
    // A source this project does not have yet comes in as a new document, with exactly its text.
    const { document } = importDocument(session, { source: { type: 'text', text: source.text, title: source.name } });
    documentBySource.set(source.guid, document.id);
    report.documentsCreated++;
  }
  const requests: CreateRequest[] = [];
  for (const selection of parsed.selections) {
    const documentId = documentBySource.get(selection.sourceGuid);
    const text = texts.get(selection.sourceGuid);
    if (!documentId || text === undefined) continue;
    const target = selection.documentLevel ? null : { start: utf16Offset(text, selection.startCodePoint), end: utf16Offset(text, selection.endCodePoint) };
    for (const tag of selection.tags) {
      if (target === null && tag.kind !== 'reliability_warning') {
        report.notImported.push({ where: `Selection ${selection.guid.slice(0, 8)}`, message: 'Only a reliability warning can apply to a whole document.' });
        continue;
      }
      const attributes = withActor(session, tag.kind, tag.attributes, tag.actorName);
      requests.push({ documentId: documentId as DocumentId, kind: tag.kind, target, ...(attributes ? { attributes } : {}), ...(selection.note ? { note: selection.note } : {}) } as CreateRequest);
    }
    if (selection.unmappedCodes.length > 0) {
      report.notImported.push({ where: `Selection “${selection.quote.slice(0, 40)}”`, message: `Codes that mean nothing here were left out: ${selection.unmappedCodes.join(', ')}.` });
    }
  }
  create(session, requests, report);
}

/** Imports a W3C or REFI-QDA file's annotations; what cannot be placed is reported, never dropped silently. */
export function importAnnotationsFile(session: ProjectSession, request: ValidRequestOf<'annotation.importFile'>): Report {
  const bytes = new Uint8Array(Buffer.from(request.contentBase64, 'base64'));
  const report: Report = { imported: 0, documentsCreated: 0, notImported: [] };
  if (request.format === 'w3c') importW3c(session, bytes, report);
  else importQdpxFile(session, bytes, report);
  return report;
}

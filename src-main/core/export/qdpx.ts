// The REFI-QDA export (main process, pure): a .qdpx zip of project.qde (QDA-XML project 1.0) plus each document's text.
import { Zip, ZipDeflate, zipSync } from 'fflate';
import { v5 as uuidV5 } from 'uuid';
import { figureValue, KIND_LABELS, type Annotation } from '../../../src-shared/model/annotation';
import type { Document } from '../../../src-shared/model/document';
import { APP_VERSION } from '../version';
import { safeBaseName } from './brat';
import type { ChunkSink, ExportTarget } from './chunks';
import type { ExportSource } from './source';
import { annotationsInExportOrder, indexSnapshot, namesOf, type SnapshotIndex } from './snapshot-index';
import type { ExportedFile, ExportSnapshot } from './types';
import { renderXml, startTag, type XmlElement } from './qde-xml';
import { codedActors, codeKeysOf, qdpxCodebook, TagSurvey, uniqueNamer, type QdpxCode } from './qdpx-codebook';

export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';
/** QualCoder refuses a project without `origin`. */
export const QDPX_ORIGIN = `Marginalia ${APP_VERSION}`;
export const QDPX_MEDIA_TYPE = 'application/zip';
/**
 * The first line of the machine-readable part of a selection's <Description>: what no code carries (severity,
 * correction, claimant, figure amounts, whether a warning is about the whole document) as one JSON object.
 */
export const QDPX_ATTRIBUTES_PREFIX = 'Marginalia attributes: ';


/** What no code carries, for the selection's description (codes hold kind, status, category and actor). */
function descriptionAttributes(annotation: Annotation, index: SnapshotIndex): Record<string, unknown> {
  const scope = annotation.target === null ? { documentLevel: true } : {};
  switch (annotation.kind) {
    case 'claim':
      return { ...scope, claimant: index.actorName(annotation.attributes.claimantId) };
    case 'reliability_warning':
      return { ...scope, severity: annotation.attributes.severity, correction: annotation.attributes.correction };
    case 'figure':
      return { ...scope, ...annotation.attributes, value: figureValue(annotation.attributes) };
    case 'actor':
      return { ...scope, actor: index.actorName(annotation.attributes.actorId) };
  }
}

/** The selection's <Description>: the analyst's note, then one line of JSON with the remaining attributes. */
export function selectionDescription(annotation: Annotation, index: SnapshotIndex): string {
  const attributes = Object.fromEntries(Object.entries(descriptionAttributes(annotation, index)).filter(([, v]) => v !== null && v !== ''));
  const json = Object.keys(attributes).length > 0 ? `${QDPX_ATTRIBUTES_PREFIX}${JSON.stringify(attributes)}` : '';
  return [annotation.note, json].filter((part) => part !== '').join('\n\n');
}

function sourceDescription(document: Document): string {
  return [
    `Title: ${document.title}`,
    document.author === null ? null : `Author: ${document.author}`,
    document.outlet === null ? null : `Outlet: ${document.outlet}`,
    document.publishedAt === null ? null : `Published: ${document.publishedAt}`,
    `Original file: ${document.originalName}`,
    `SHA-256 of the text: ${document.sha256}`,
  ]
    .filter((line) => line !== null)
    .join('\n');
}

function truncateCodePoints(text: string, max: number): string {
  const points = Array.from(text.replace(/\s+/g, ' ').trim());
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('')}…`;
}

function selectionElement(annotation: Annotation, context: QdeContext): XmlElement {
  const document = context.index.documentOf(annotation);
  const toCodePoints = context.index.codePointsOf(document);
  const target = annotation.target;
  const [start, end] = target === null ? [0, toCodePoints(document.text.length)] : [toCodePoints(target.start), toCodePoints(target.end)];
  const label = KIND_LABELS[annotation.kind];
  const description = selectionDescription(annotation, context.index);
  const codings = codeKeysOf(annotation, context.actorIds).map<XmlElement>((key) => ({
    name: 'Coding',
    attributes: {
      guid: uuidV5(`coding:${annotation.id}:${key}`, context.projectId),
      creatingUser: annotation.analystId,
      creationDateTime: annotation.createdAt,
    },
    children: [{ name: 'CodeRef', attributes: { targetGUID: context.codeGuids.get(key)! } }],
  }));
  return {
    name: 'PlainTextSelection',
    attributes: {
      guid: annotation.id,
      name: target === null ? `${label} (whole document)` : `${label}: ${truncateCodePoints(target.exact, 80)}`,
      startPosition: start,
      endPosition: end,
      creatingUser: annotation.analystId,
      creationDateTime: annotation.createdAt,
      modifiedDateTime: annotation.updatedAt,
    },
    children: [...(description === '' ? [] : [{ name: 'Description', text: description }]), ...codings],
  };
}

interface QdeContext {
  projectId: string;
  index: SnapshotIndex;
  codeGuids: ReadonlyMap<string, string>;
  actorIds: ReadonlySet<string>;
}

function codeElement(code: QdpxCode): XmlElement {
  return {
    name: 'Code',
    attributes: { guid: code.guid, name: code.name, isCodable: 'true', color: code.color },
    children: [...(code.description === undefined ? [] : [{ name: 'Description', text: code.description }]), ...code.children.map(codeElement)],
  };
}

/** Every analyst the export names: the snapshot's, plus any a document or tag refers to that it lacks. */
function usersOf(
  snapshot: Pick<ExportSource, 'analysts' | 'documents'>,
  tagAnalysts: readonly string[],
): { guid: string; name: string }[] {
  const users = new Map(snapshot.analysts.map((a) => [a.id as string, a.name]));
  for (const id of [...snapshot.documents.map((d) => d.importedBy), ...tagAnalysts]) {
    if (!users.has(id)) users.set(id, `Analyst ${id.slice(0, 8)}`);
  }
  return [...users].map(([guid, name]) => ({ guid, name }));
}

/** The path of a document's text inside the .qdpx (the source's plainTextPath is `internal://<guid>.txt`). */
export function qdpxSourcePath(document: Pick<Document, 'id'>): string {
  return `sources/${document.id}.txt`;
}

/**
 * project.qde as text, following the XSD's element order. Live tags only. Users, sources and selections keep
 * Marginalia's own UUIDs (analyst, document and tag ids); codes and codings get UUID v5 names under the project
 * id, so exporting the same project twice gives the same GUIDs. Positions count Unicode code points of the
 * source text, end exclusive; a document-level warning is a selection over the whole text, marked
 * `"documentLevel":true` in its description.
 */
export function projectQde(snapshot: ExportSnapshot): string {
  const index = indexSnapshot(snapshot);
  const live = annotationsInExportOrder(snapshot, { includeDeleted: false });
  const survey = new TagSurvey();
  survey.add(live);
  const byDocument = new Map<string, Annotation[]>();
  for (const a of live) {
    const list = byDocument.get(a.documentId);
    if (list) list.push(a);
    else byDocument.set(a.documentId, [a]);
  }
  const qde = qdeWriter(snapshot, survey);
  const sources = snapshot.documents.map((document) => qde.source(document, byDocument.get(document.id) ?? [], index));
  return Array.from(qde.pieces(sources)).join('');
}

/** The parts of project.qde: the codebook and users known before the sources, which come one at a time. */
function qdeWriter(snapshot: Pick<ExportSource, 'project' | 'actors' | 'analysts' | 'documents' | 'exportedAt'>, survey: TagSurvey) {
  const actors = codedActors(snapshot.actors, survey.namedActors);
  const codes = qdpxCodebook(snapshot, actors);
  const codeGuids = new Map<string, string>();
  const collect = (c: QdpxCode): void => void (codeGuids.set(c.key, c.guid), c.children.forEach(collect));
  codes.forEach(collect);
  const actorIds = new Set(actors.map((a) => a.id as string));
  const users = usersOf(snapshot, survey.analysts);
  const firstImport = snapshot.documents.toSorted((a, b) => a.importedAt.localeCompare(b.importedAt))[0];
  const creator = firstImport?.importedBy ?? snapshot.analysts[0]?.id;
  const sourceName = uniqueNamer();
  return {
    /** One document's <TextSource> with its selections; call in document order (names are made unique in that order). */
    source(document: Document, tags: readonly Annotation[], index: SnapshotIndex): XmlElement {
      const context: QdeContext = { projectId: snapshot.project.id, index, codeGuids, actorIds };
      return {
        name: 'TextSource',
        attributes: {
          guid: document.id,
          name: sourceName(document.title),
          plainTextPath: `internal://${document.id}.txt`,
          creatingUser: document.importedBy,
          creationDateTime: document.importedAt,
        },
        children: [{ name: 'Description', text: sourceDescription(document) }, ...tags.map((a) => selectionElement(a, context))],
      };
    },
    /** project.qde as text pieces, the sources rendered as `sources` yields them (the project's documents, in order). */
    *pieces(sources: Iterable<XmlElement>): Generator<string> {
      const project = {
        name: 'Project',
        attributes: {
          xmlns: QDE_NAMESPACE,
          name: snapshot.project.name,
          origin: QDPX_ORIGIN,
          creatingUserGUID: creator,
          creationDateTime: snapshot.project.createdAt,
        },
      };
      yield `<?xml version="1.0" encoding="UTF-8"?>\n${startTag(project)}`;
      if (users.length > 0) {
        yield renderXml({ name: 'Users', children: users.map((u) => ({ name: 'User', attributes: { guid: u.guid, name: u.name } })) }, 1);
      }
      yield renderXml({ name: 'CodeBook', children: [{ name: 'Codes', children: codes.map(codeElement) }] }, 1);
      if (snapshot.documents.length > 0) {
        yield '  <Sources>\n';
        for (const source of sources) yield renderXml(source, 2);
        yield '  </Sources>\n';
      }
      yield renderXml(
        {
          name: 'Description',
          text:
            `Exported from ${QDPX_ORIGIN} at ${snapshot.exportedAt}. Selection positions count Unicode code points ` +
            'of each source text (UTF-8, LF line ends), end exclusive. A reliability warning about a whole document ' +
            'is a selection over its whole text.',
        },
        1,
      );
      yield '</Project>\n';
    },
  };
}

/** The file name of the .qdpx: an ASCII slug of the project name plus the start of its id (see `safeBaseName`). */
export function qdpxFileName(snapshot: Pick<ExportSnapshot, 'project'>): string {
  return `${safeBaseName({ id: snapshot.project.id, title: snapshot.project.name })}.qdpx`;
}

/**
 * The `qdpx` export (REFI-QDA 1.5 project exchange, read by QualCoder, MAXQDA, ATLAS.ti and NVivo): one zip
 * holding project.qde and `sources/<document id>.txt`, each document's canonical text as UTF-8 without a BOM
 * with \n line ends, exactly the text the positions count in. The zip's timestamps are the export time, so the
 * same snapshot always gives the same bytes.
 */
export function exportQdpx(snapshot: ExportSnapshot): ExportedFile[] {
  const encoder = new TextEncoder();
  const entries: Record<string, Uint8Array> = { 'project.qde': encoder.encode(projectQde(snapshot)) };
  for (const document of snapshot.documents) entries[qdpxSourcePath(document)] = encoder.encode(document.text);
  const zip = zipSync(entries, { level: 6, mtime: new Date(snapshot.exportedAt) });
  return [{ path: qdpxFileName(snapshot), mediaType: QDPX_MEDIA_TYPE, content: zip }];
}

/** Text pieces gathered until this many UTF-16 units before they are compressed, so deflate sees few large chunks. */
const QDE_CHUNK_UNITS = 1 << 16;

/**
 * `exportQdpx` written as it is compressed: project.qde source by source, then each text, one document in memory
 * at a time. The entries hold the same bytes as `exportQdpx`'s; the zip itself differs in framing, since a streamed
 * entry's sizes follow its data (a data descriptor) instead of preceding it.
 */
export function streamQdpx(source: ExportSource, target: ExportTarget): void {
  const survey = new TagSurvey();
  for (const entry of source.eachDocument()) survey.add(entry.tags);
  const qde = qdeWriter(source, survey);
  const names = namesOf(source);
  const mtime = new Date(source.exportedAt);
  const encoder = new TextEncoder();
  target.file(qdpxFileName(source), QDPX_MEDIA_TYPE, (sink: ChunkSink) => {
    const zip = new Zip((error, data) => {
      if (error) throw error;
      sink.write(data);
    });
    const entryOf = (path: string): ZipDeflate => {
      const file = new ZipDeflate(path, { level: 6 });
      file.mtime = mtime;
      zip.add(file);
      return file;
    };
    const projectFile = entryOf('project.qde');
    const sources = function* () {
      for (const entry of source.eachDocument()) {
        const document = entry.load();
        yield qde.source(document, entry.tags, indexSnapshot({ documents: [document], actors: source.actors, analysts: source.analysts }, names));
      }
    };
    let pending = '';
    for (const piece of qde.pieces(sources())) {
      pending += piece;
      if (pending.length >= QDE_CHUNK_UNITS) {
        projectFile.push(encoder.encode(pending));
        pending = '';
      }
    }
    projectFile.push(encoder.encode(pending), true);
    for (const entry of source.eachDocument()) entryOf(qdpxSourcePath(entry.meta)).push(encoder.encode(entry.load().text), true);
    zip.end();
  });
}

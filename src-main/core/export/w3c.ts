// The W3C Web Annotation export (main process, pure): live tags as a JSON-LD AnnotationCollection, or as JSON Lines.
import { figureValue, type Annotation, type AnnotationKind } from '../../../src-shared/model/annotation';
import { pageAtOffset } from '../../../src-shared/text/pages';
import type { Document } from '../../../src-shared/model/document';
import { APP_VERSION } from '../version';
import { StreamedArray, writePrettyJson, type ExportTarget } from './chunks';
import type { ExportSource } from './source';
import { annotationsInExportOrder, indexSnapshot, namesOf, type SnapshotIndex } from './snapshot-index';
import type { ExportedFile, ExportSnapshot } from './types';

export const W3C_ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The namespace of Marginalia's own terms; `marginalia:attributes` expands to `urn:marginalia:attributes`. */
export const MARGINALIA_NAMESPACE = 'urn:marginalia:';

/**
 * The @context of the collection and of every annotation (each one stands alone, e.g. as a JSON Lines record):
 * the W3C context plus Marginalia's terms. `marginalia:attributes` is a JSON literal (JSON-LD 1.1 `@json`),
 * so JSON-LD processors keep the object as it is; `title` is Dublin Core's title of the annotated text.
 */
export const W3C_EXPORT_CONTEXT = [
  W3C_ANNO_CONTEXT,
  {
    marginalia: MARGINALIA_NAMESPACE,
    'marginalia:attributes': { '@type': '@json' },
    title: 'http://purl.org/dc/terms/title',
  },
] as const;

/**
 * The W3C motivation of each kind. A claim (with its verification status) and a reliability warning record
 * the analyst's judgement, so they are `assessing`; an actor or figure tag only marks what the text
 * mentions, so it is `tagging`. The kind itself is always the `tagging` body, whatever the motivation.
 */
export const MOTIVATION_BY_KIND: Readonly<Record<AnnotationKind, 'assessing' | 'tagging'>> = {
  claim: 'assessing',
  actor: 'tagging',
  figure: 'tagging',
  reliability_warning: 'assessing',
};

export type W3cPurpose = 'tagging' | 'describing' | 'assessing' | 'classifying' | 'identifying' | 'editing';

export interface W3cTextualBody {
  type: 'TextualBody';
  purpose: W3cPurpose;
  value: string;
  format?: 'text/plain';
}

export interface W3cTextSource {
  id: string;
  type: 'Text';
  format: 'text/plain';
  title: string;
}

export type W3cSelector =
  | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
  | { type: 'TextPositionSelector'; start: number; end: number }
  /** The page of the original PDF (RFC 3778 fragment `page=N`), beside the text selectors of a PDF's tags. */
  | { type: 'FragmentSelector'; conformsTo: typeof PDF_FRAGMENT_SPEC; value: string };

export const PDF_FRAGMENT_SPEC = 'http://tools.ietf.org/rfc/rfc3778';

export interface W3cSpecificTarget {
  type: 'SpecificResource';
  source: W3cTextSource;
  selector: W3cSelector[];
}

export interface W3cAnnotation {
  '@context': typeof W3C_EXPORT_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'assessing' | 'tagging';
  created: string;
  modified: string;
  creator: { id: string; type: 'Person'; name?: string };
  generator: { id: string; type: 'Software'; name: string; 'schema:softwareVersion': string };
  generated: string;
  body: W3cTextualBody[];
  /** A text range, or the whole text for a document-level reliability warning. */
  target: W3cSpecificTarget | W3cTextSource;
  'marginalia:attributes': Record<string, unknown>;
}

export interface W3cCollection {
  '@context': typeof W3C_EXPORT_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: W3cAnnotation[] };
}

export interface W3cExportOptions {
  /** Write `annotations.jsonl` (one annotation per line) instead of `annotations.jsonld` (one collection). */
  jsonLines?: boolean;
}

export const W3C_JSONLD_MEDIA_TYPE = `application/ld+json;profile="${W3C_ANNO_CONTEXT}"`;
export const JSON_LINES_MEDIA_TYPE = 'application/x-ndjson';

/** `urn:sha256:<hex>`: the annotated text's identity, the same for every project that imported the same article. */
export function documentSourceId(document: Pick<Document, 'sha256'>): string {
  return `urn:sha256:${document.sha256}`;
}

function textualBody(purpose: W3cPurpose, value: string, freeText = false): W3cTextualBody {
  return freeText ? { type: 'TextualBody', purpose, value, format: 'text/plain' } : { type: 'TextualBody', purpose, value };
}

/** Marginalia's attributes as an object, with registry names beside ids and a figure's computed value. */
export function marginaliaAttributes(annotation: Annotation, index: SnapshotIndex): Record<string, unknown> {
  switch (annotation.kind) {
    case 'claim':
      return { ...annotation.attributes, claimant: index.actorName(annotation.attributes.claimantId) };
    case 'actor':
      return { ...annotation.attributes, actor: index.actorName(annotation.attributes.actorId) };
    case 'figure':
      return { ...annotation.attributes, value: figureValue(annotation.attributes) };
    case 'reliability_warning':
      return { ...annotation.attributes };
  }
}

/**
 * The bodies of a tag: the kind as a `tagging` body first, then human-readable bodies for what plain W3C
 * consumers can show (claim status, the actor's name, a warning's category and correction, the note).
 * `marginalia:attributes` stays the complete, machine-readable record.
 */
function bodiesOf(annotation: Annotation, index: SnapshotIndex): W3cTextualBody[] {
  const bodies = [textualBody('tagging', annotation.kind)];
  if (annotation.kind === 'claim') bodies.push(textualBody('assessing', annotation.attributes.status));
  if (annotation.kind === 'actor') {
    const name = index.actorName(annotation.attributes.actorId);
    if (name !== null) bodies.push(textualBody('identifying', name));
  }
  if (annotation.kind === 'reliability_warning') {
    bodies.push(textualBody('classifying', annotation.attributes.category));
    if (annotation.attributes.correction !== '') bodies.push(textualBody('editing', annotation.attributes.correction, true));
  }
  if (annotation.note !== '') bodies.push(textualBody('describing', annotation.note, true));
  return bodies;
}

function targetOf(annotation: Annotation, document: Document, index: SnapshotIndex): W3cSpecificTarget | W3cTextSource {
  const source: W3cTextSource = { id: documentSourceId(document), type: 'Text', format: 'text/plain', title: document.title };
  const range = annotation.target;
  if (range === null) return source;
  const quote: W3cSelector = { type: 'TextQuoteSelector', exact: range.exact };
  if (range.prefix !== '') quote.prefix = range.prefix;
  if (range.suffix !== '') quote.suffix = range.suffix;
  const codePoints = index.codePointsOf(document);
  const position: W3cSelector = { type: 'TextPositionSelector', start: codePoints(range.start), end: codePoints(range.end) };
  const page = document.format === 'pdf' ? pageAtOffset(document.blocks, range.start) : null;
  const selectors: W3cSelector[] = [quote, position];
  if (page !== null) selectors.push({ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: `page=${page}` });
  return { type: 'SpecificResource', source, selector: selectors };
}

/** One tag as a standalone W3C Web Annotation (it carries its own @context). Positions count code points. */
export function w3cAnnotationOf(annotation: Annotation, index: SnapshotIndex, generatedAt: string): W3cAnnotation {
  const document = index.documentOf(annotation);
  const analystName = index.analystName(annotation.analystId);
  return {
    '@context': W3C_EXPORT_CONTEXT,
    id: `urn:uuid:${annotation.id}`,
    type: 'Annotation',
    motivation: MOTIVATION_BY_KIND[annotation.kind],
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    creator: { id: `urn:uuid:${annotation.analystId}`, type: 'Person', ...(analystName === null ? {} : { name: analystName }) },
    generator: { id: `${MARGINALIA_NAMESPACE}app`, type: 'Software', name: 'Marginalia', 'schema:softwareVersion': APP_VERSION },
    generated: generatedAt,
    body: bodiesOf(annotation, index),
    target: targetOf(annotation, document, index),
    'marginalia:attributes': marginaliaAttributes(annotation, index),
  };
}

/** Every live tag of the snapshot as W3C annotations, in export order (deleted tags are not exported here). */
export function w3cAnnotations(snapshot: ExportSnapshot): W3cAnnotation[] {
  const index = indexSnapshot(snapshot);
  return annotationsInExportOrder(snapshot, { includeDeleted: false }).map((a) => w3cAnnotationOf(a, index, snapshot.exportedAt));
}

/** The project's live tags as one AnnotationCollection whose first (and only) page embeds every annotation. */
export function w3cCollection(snapshot: ExportSnapshot): W3cCollection {
  const items = w3cAnnotations(snapshot);
  return collectionOf(snapshot, items.length, items);
}

function collectionOf<Items>(snapshot: Pick<ExportSnapshot, 'project'>, total: number, items: Items) {
  const id = `urn:uuid:${snapshot.project.id}`;
  return {
    '@context': W3C_EXPORT_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: snapshot.project.name,
    total,
    first: { id: `${id}#page-1`, type: 'AnnotationPage', startIndex: 0, items },
  } as const;
}

/**
 * The `w3c` export: `annotations.jsonld` (an AnnotationCollection), or with `jsonLines` `annotations.jsonl`
 * (one annotation per line). TextPositionSelector start/end count Unicode code points, as the model says.
 */
export function exportW3c(snapshot: ExportSnapshot, options: W3cExportOptions = {}): ExportedFile[] {
  if (options.jsonLines) {
    const lines = w3cAnnotations(snapshot).map((a) => `${JSON.stringify(a)}\n`);
    return [{ path: 'annotations.jsonl', mediaType: JSON_LINES_MEDIA_TYPE, content: lines.join('') }];
  }
  const content = `${JSON.stringify(w3cCollection(snapshot), null, 2)}\n`;
  return [{ path: 'annotations.jsonld', mediaType: W3C_JSONLD_MEDIA_TYPE, content }];
}

/** The source's tags as W3C annotations, one document in memory at a time. */
function* streamedAnnotations(source: ExportSource): Generator<W3cAnnotation> {
  const names = namesOf(source);
  for (const entry of source.eachDocument()) {
    if (entry.tags.length === 0) continue;
    const index = indexSnapshot({ documents: [entry.load()], actors: source.actors, analysts: source.analysts }, names);
    for (const tag of entry.tags) yield w3cAnnotationOf(tag, index, source.exportedAt);
  }
}

/** `exportW3c` written annotation by annotation; the collection's total is counted in a first pass over the tags. */
export function streamW3c(source: ExportSource, target: ExportTarget, options: W3cExportOptions = {}): void {
  if (options.jsonLines) {
    target.file('annotations.jsonl', JSON_LINES_MEDIA_TYPE, (sink) => {
      for (const annotation of streamedAnnotations(source)) sink.write(`${JSON.stringify(annotation)}\n`);
    });
    return;
  }
  let total = 0;
  for (const entry of source.eachDocument()) total += entry.tags.length;
  target.file('annotations.jsonld', W3C_JSONLD_MEDIA_TYPE, (sink) => {
    writePrettyJson(sink, collectionOf(source, total, new StreamedArray(streamedAnnotations(source))));
    sink.write('\n');
  });
}

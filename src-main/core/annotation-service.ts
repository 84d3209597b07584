// Creating, editing, deleting and listing tags: checks targets and attributes, prefills figures, records every change.
import type { ValidRequestOf, ResponseOf } from '../../src-shared/api/contract';
import {
  ATTRIBUTE_SCHEMAS,
  defaultAttributes,
  KIND_LABELS,
  type Annotation,
  type AnnotationAttributes,
  type AnnotationKind,
  type AttributesPatch,
  type TextTarget,
} from '../../src-shared/model/annotation';
import { parseFigure } from '../../src-shared/model/figure-parser';
import type { AnalystId, AnnotationId, DocumentId } from '../../src-shared/model/ids';
import { UserError } from '../../src-shared/model/result';
import { rangeProblem, textTargetFor } from '../../src-shared/text/quote';
import { actorById } from '../store/actors';
import { annotationById, annotationsForDocument, liveAnnotationWithSpan, tagSpansForDocument } from '../store/annotations';
import { documentMetaById, recentDocumentText } from '../store/documents';
import { recordChange, runAction, shortQuote } from './record-change';
import type { ProjectSession } from './session';

function textOf(session: ProjectSession, documentId: DocumentId): string {
  const text = recentDocumentText(session.db, documentId);
  if (text === undefined) throw new UserError('not_found', `There is no document with id ${documentId} in this project.`);
  return text;
}

function targetFor(kind: AnnotationKind, text: string, range: { start: number; end: number } | null): TextTarget | null {
  if (range === null) {
    if (kind !== 'reliability_warning') {
      throw new UserError('invalid_target', `Only a reliability warning can apply to a whole document; select a passage to tag it as ${KIND_LABELS[kind].toLowerCase()}.`);
    }
    return null;
  }
  const problem = rangeProblem(text, range.start, range.end);
  if (problem) throw new UserError('invalid_target', problem);
  return textTargetFor(text, range.start, range.end);
}

function checkActorExists(session: ProjectSession, id: string | null, role: string): void {
  if (id === null) return;
  const found = actorById(session.db, id);
  if (!found || found.actor.deletedAt !== null) throw new UserError('invalid_attributes', `The ${role} (${id}) is not in this project's actor registry.`);
}

/** Merges a patch into a kind's attributes and checks the result against the kind's schema and the registry. */
function mergeAttributes(session: ProjectSession, kind: AnnotationKind, base: AnnotationAttributes, patch: AttributesPatch | undefined): AnnotationAttributes {
  // Defaults and parser results are valid by construction; only a patch needs checking.
  if (patch === undefined || Object.keys(patch).length === 0) return base;
  const parsed = ATTRIBUTE_SCHEMAS[kind].safeParse({ ...base, ...(patch ?? {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'attributes';
    throw new UserError('invalid_attributes', `${KIND_LABELS[kind]} tags cannot take that value for ${field}: ${issue?.message ?? 'invalid'}.`);
  }
  const attributes = parsed.data;
  if ('claimantId' in attributes) checkActorExists(session, attributes.claimantId, 'claimant');
  if ('actorId' in attributes) checkActorExists(session, attributes.actorId, 'actor');
  return attributes;
}

function initialAttributes(kind: AnnotationKind, target: TextTarget | null): AnnotationAttributes {
  const attributes = defaultAttributes(kind);
  if (kind === 'figure' && target) {
    const figure = parseFigure(target.exact);
    if (figure) return { amount: figure.amount, scale: figure.scale, unit: figure.unit };
  }
  return attributes;
}

/** Who made a tag and when, as an imported file gives them (instead of this session's analyst and clock). */
export interface AnnotationIdentity {
  id: AnnotationId;
  analystId: AnalystId;
  createdAt: string;
  updatedAt: string;
}

/** Checks a create request and builds the new tag (not yet written); `identity` keeps an imported tag's own. */
export function newAnnotation(
  session: ProjectSession,
  request: ValidRequestOf<'annotation.create'>,
  text: string,
  at: string,
  identity?: AnnotationIdentity,
): Annotation {
  const target = targetFor(request.kind, text, request.target);
  const attributes = mergeAttributes(session, request.kind, initialAttributes(request.kind, target), request.attributes);
  return {
    id: identity?.id ?? session.newId<AnnotationId>(),
    documentId: request.documentId,
    kind: request.kind,
    target,
    attributes,
    note: request.note ?? '',
    analystId: identity?.analystId ?? session.analystForWriting().id,
    createdAt: identity?.createdAt ?? at,
    updatedAt: identity?.updatedAt ?? at,
    deletedAt: null,
  } as Annotation;
}

/** Refuses a second tag of the same kind on the same span by the same analyst, naming the existing one. */
function checkNotDuplicate(session: ProjectSession, request: ValidRequestOf<'annotation.create'>, text: string): void {
  const analyst = session.currentAnalyst();
  if (!analyst || !request.target) return;
  const existingId = liveAnnotationWithSpan(session.db, { documentId: request.documentId, kind: request.kind, ...request.target, analystId: analyst.id });
  if (existingId === undefined) return;
  const quote = shortQuote(text.slice(request.target.start, request.target.end));
  throw new UserError('duplicate_tag', `You already tagged “${quote}” as ${KIND_LABELS[request.kind].toLowerCase()}; edit that tag instead.`, existingId);
}

export function createAnnotation(session: ProjectSession, request: ValidRequestOf<'annotation.create'>): ResponseOf<'annotation.create'> {
  const text = textOf(session, request.documentId);
  checkNotDuplicate(session, request, text);
  const label = request.target
    ? `Tag “${shortQuote(text.slice(request.target.start, request.target.end))}” as ${KIND_LABELS[request.kind].toLowerCase()}`
    : 'Add a document-level reliability warning';
  return runAction(session, label, (historyId) => {
    const annotation = newAnnotation(session, request, text, session.now());
    recordChange(session, { type: 'annotation', value: annotation }, 'edit', historyId, true);
    return annotation;
  });
}

/** Creates many tags in one transaction, as one undoable step (named `label`); any invalid request leaves the project unchanged. */
export function createAnnotations(
  session: ProjectSession,
  request: ValidRequestOf<'annotation.createMany'>,
  label = `Add ${request.annotations.length} tags`,
): ResponseOf<'annotation.createMany'> {
  const texts = new Map<string, string>();
  return runAction(session, label, (historyId) => {
    const at = session.now();
    request.annotations.forEach((item, index) => {
      let text = texts.get(item.documentId);
      if (text === undefined) texts.set(item.documentId, (text = textOf(session, item.documentId)));
      try {
        recordChange(session, { type: 'annotation', value: newAnnotation(session, item, text, at) }, 'edit', historyId, true);
      } catch (error) {
        if (error instanceof UserError) throw new UserError(error.code, `Tag ${index + 1}: ${error.message}`);
        throw error;
      }
    });
    return { created: request.annotations.length };
  });
}

function liveAnnotation(session: ProjectSession, id: AnnotationId): Annotation {
  const stored = annotationById(session.db, id);
  if (!stored) throw new UserError('not_found', `There is no tag with id ${id} in this project.`);
  return stored.annotation;
}

export function updateAnnotation(session: ProjectSession, request: ValidRequestOf<'annotation.update'>): ResponseOf<'annotation.update'> {
  const current = liveAnnotation(session, request.id);
  if (current.deletedAt !== null) throw new UserError('conflict', 'This tag has been deleted; undo the deletion before editing it.');
  const target = request.target ? targetFor(current.kind, textOf(session, current.documentId), request.target) : current.target;
  const attributes = request.attributes ? mergeAttributes(session, current.kind, current.attributes, request.attributes) : current.attributes;
  const note = request.note ?? current.note;
  const unchanged =
    JSON.stringify(target) === JSON.stringify(current.target) && JSON.stringify(attributes) === JSON.stringify(current.attributes) && note === current.note;
  if (unchanged) return current;
  const what = request.target ? 'Move' : request.note !== undefined && !request.attributes ? 'Edit the note of' : 'Edit';
  return runAction(session, `${what} ${KIND_LABELS[current.kind].toLowerCase()} tag`, (historyId) => {
    const updated = { ...current, target, attributes, note, updatedAt: session.now() } as Annotation;
    recordChange(session, { type: 'annotation', value: updated }, 'edit', historyId);
    return updated;
  });
}

/** Deletes a tag as a tombstone: the row and its history stay, and undo brings it back. */
export function deleteAnnotation(session: ProjectSession, request: ValidRequestOf<'annotation.delete'>): ResponseOf<'annotation.delete'> {
  const current = liveAnnotation(session, request.id);
  if (current.deletedAt !== null) return current;
  return runAction(session, `Delete ${KIND_LABELS[current.kind].toLowerCase()} tag`, (historyId) => {
    const at = session.now();
    const deleted = { ...current, updatedAt: at, deletedAt: at } as Annotation;
    recordChange(session, { type: 'annotation', value: deleted }, 'edit', historyId);
    return deleted;
  });
}

/** The live tags with a passage of a document, as the article view draws them. */
export function listTagSpans(session: ProjectSession, request: ValidRequestOf<'annotation.spans'>): ResponseOf<'annotation.spans'> {
  if (!documentMetaById(session.db, request.documentId)) throw new UserError('not_found', `There is no document with id ${request.documentId} in this project.`);
  return { spans: tagSpansForDocument(session.db, request.documentId) };
}

export function listAnnotations(session: ProjectSession, request: ValidRequestOf<'annotation.listForDocument'>): ResponseOf<'annotation.listForDocument'> {
  textOf(session, request.documentId);
  return { annotations: annotationsForDocument(session.db, request.documentId, request.includeDeleted === true) };
}

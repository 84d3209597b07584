// Reconciling a teammate's project with this one through the change log: what is new, what moved on, what conflicts.
import { createHash } from 'node:crypto';
import { actorNameKey, actorNames, type Actor } from '../../../src-shared/model/actor';
import type { Annotation, AnnotationKind } from '../../../src-shared/model/annotation';
import type { Document, DocumentRecord } from '../../../src-shared/model/document';
import type { DocumentId } from '../../../src-shared/model/ids';
import { actorById, allActors } from '../../store/actors';
import { annotationById, hasAnnotation } from '../../store/annotations';
import { documentChangeParents } from '../../store/document-changes';
import { documentRecordById } from '../../store/documents';
import type { Db } from '../../store/open-project';
import type { RejectedSuggestion } from '../../store/rejected-suggestions';
import { statement } from '../../store/statements';
import type { IncomingProject } from './incoming';

export type EntityState = { type: 'annotation'; value: Annotation } | { type: 'actor'; value: Actor } | { type: 'document'; value: DocumentRecord };

export interface MergeConflict {
  id: string;
  entityType: EntityState['type'];
  entityId: string;
  winnerChangeId: string;
  loserChangeId: string;
  /** A short description for the preview: the kind and quote of a tag, or the actor's name. */
  label: string;
}

export interface MergePlan {
  projectName: string;
  newAnalysts: { id: string; name: string }[];
  newDocuments: Document[];
  /** Incoming changes (of both logs: tags and actors, documents' details) this project does not have yet: appended to their log. */
  newChangeIds: Set<string>;
  /** How incoming records are written here: under this project's document ids, separate analysts, no future dates. */
  translation: Translation;
  /** Actors and documents' details to write: the state each ends up in, and the change that produced it. */
  writes: { entity: Exclude<EntityState, { type: 'annotation' }>; headChangeId: string }[];
  /**
   * Tags to write: the incoming tag's id → the change that produced the version written, and whether this project
   * has no such tag yet. The tags themselves are not held by the plan: applyMerge reads them from the file again,
   * translated as the plan translated them.
   */
  tagWrites: Map<string, { headChangeId: string; isNew: boolean }>;
  conflicts: MergeConflict[];
  /** The file's rejected suggestions, under this project's document and analyst ids: added by key (a union). */
  rejectedSuggestions: RejectedSuggestion[];
  summary: MergeSummary;
}

export interface MergeSummary {
  newDocuments: number;
  sameDocuments: number;
  newTags: { analyst: string; kind: AnnotationKind; count: number }[];
  updatedTags: number;
  newActors: number;
  updatedActors: number;
  /** Documents whose details (or removal) the file's newer version brings. */
  updatedDocuments: number;
  conflicts: number;
  newChanges: number;
  /** Incoming actors whose name or alias matches a different actor here: proposed as one, for the user to confirm. */
  actorProposals: { local: string; incoming: string; localId: string; incomingId: string }[];
  /** What the file claimed that was not taken as it was: an analyst reusing one of this project's ids, future dates. */
  notices: string[];
}

/** How far a teammate's clock may run ahead of this one before their dates count as from the future. */
export const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;

/** How incoming records are written into this project. */
export interface Translation {
  /** Incoming document id → this project's id for the same text. */
  documentIds: ReadonlyMap<string, string>;
  /** Incoming analysts who reused an id this project gives to someone else → the separate id they are kept under. */
  analystIds: ReadonlyMap<string, string>;
  /** The merge time: later dates (beyond MAX_CLOCK_SKEW_MS) are set to it. */
  now: string;
}

/** The date as written here: a date from the future becomes the merge time. */
export function clampDate(value: string, translation: Translation): string {
  return Date.parse(value) > latestAllowed(translation.now) ? translation.now : value;
}

// The merge time read once per merge, not once per date of every row and snapshot.
let allowed = { now: '', latest: 0 };
function latestAllowed(now: string): number {
  if (allowed.now !== now) allowed = { now, latest: Date.parse(now) + MAX_CLOCK_SKEW_MS };
  return allowed.latest;
}

const ANALYST_KEYS = new Set(['analystId', 'reviewerId', 'importedBy']);

/**
 * A record (tag, actor, document, or a change-log snapshot of one) as written here, and whether one of its dates
 * was from the future. Only the record's own keys and its review are translated (actor ids in attributes are kept).
 */
export function translateRecord<T extends object>(record: T, translation: Translation): { value: T; clamped: boolean } {
  let clamped = false;
  const out = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'string') {
      if (key === 'documentId') out[key] = translation.documentIds.get(value) ?? value;
      else if (ANALYST_KEYS.has(key)) out[key] = translation.analystIds.get(value) ?? value;
      else if ((key === 'at' || key.endsWith('At')) && key !== 'publishedAt') {
        out[key] = clampDate(value, translation);
        clamped ||= out[key] !== value;
      }
    } else if (key === 'review' && typeof value === 'object' && value !== null) {
      const review = translateRecord(value, translation);
      out[key] = review.value;
      clamped ||= review.clamped;
    }
  }
  return { value: out as T, clamped };
}

/** A document's details as written here: under this project's id for its text. */
export function translateDocumentRecord(record: DocumentRecord, translation: Translation): { value: DocumentRecord; clamped: boolean } {
  const { value, clamped } = translateRecord(record, translation);
  return { value: { ...value, id: (translation.documentIds.get(record.id) ?? record.id) as DocumentRecord['id'] }, clamped };
}

/** A change snapshot (JSON) of an entity of `entityType` as written here; unchanged text when nothing in it needs translating. */
export function translateSnapshot(json: string | null, translation: Translation, entityType: EntityState['type']): string | null {
  if (json === null) return null;
  const before = JSON.parse(json) as object;
  const { value } =
    entityType === 'document' ? translateDocumentRecord(before as DocumentRecord, translation) : translateRecord(before, translation);
  return Object.entries(value).every(([key, v]) => v === (before as Record<string, unknown>)[key]) ? json : JSON.stringify(value);
}

function parentsOfLocalChanges(db: Db): Map<string, string | null> {
  const rows = statement(db, 'SELECT id, parent_id AS parentId FROM changes').all() as { id: string; parentId: string | null }[];
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** The entries of both of the file's logs (tags and actors, documents' details), as ids, parents and analysts. */
function incomingChanges(incoming: IncomingProject): IncomingProject['changes'] {
  return incoming.documentChanges ? [...incoming.changes, ...incoming.documentChanges] : incoming.changes;
}

/** True when `ancestor` is `descendant` or lies on its chain of parents. */
function isAncestor(ancestor: string, descendant: string, parents: { get(id: string): string | null | undefined }): boolean {
  for (let at: string | null | undefined = descendant; at; at = parents.get(at)) if (at === ancestor) return true;
  return false;
}

/** A UUID derived from `text`: the same text gives the same id in every project. */
function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable id for a conflict, the same whichever file is merged into which. */
function conflictId(entityId: string, winner: string, loser: string): string {
  return uuidFrom(`${entityId}|${winner}|${loser}`);
}

/**
 * The newer version wins: later updatedAt, and on a tie the greater change id, so every merge order agrees. A
 * version dated in the future (its date was clamped) cannot prove it is newer, so it never wins.
 */
function incomingWins(local: { updatedAt: string }, localHead: string, incoming: { updatedAt: string }, incomingHead: string, clamped: boolean): boolean {
  if (clamped) return false;
  if (incoming.updatedAt !== local.updatedAt) return incoming.updatedAt > local.updatedAt;
  return incomingHead > localHead;
}

interface Impostor {
  /** The id they are kept under here. */
  id: string;
  name: string;
  localName: string;
  /** True when an earlier merge of the same file already recorded them. */
  known: boolean;
}

/**
 * The file's analysts as this project takes them. An id this project already gives to an analyst of another name
 * is another person's: they are kept apart under an id derived from theirs and their name (the same in every merge
 * of that file), so a file can never write as one of this project's analysts.
 */
function planAnalysts(db: Db, incoming: IncomingProject) {
  const localNames = new Map((statement(db, 'SELECT id, display_name AS name FROM analysts').all() as { id: string; name: string }[]).map((a) => [a.id, a.name]));
  const newAnalysts: { id: string; name: string }[] = [];
  const analystIds = new Map<string, string>();
  const impostors: Impostor[] = [];
  for (const analyst of incoming.analysts) {
    const localName = localNames.get(analyst.id);
    if (localName === analyst.name) continue;
    if (localName === undefined) {
      newAnalysts.push(analyst);
      continue;
    }
    let id = uuidFrom(`analyst|${analyst.id}|${analyst.name}`);
    while (localNames.has(id) && localNames.get(id) !== analyst.name) id = uuidFrom(`analyst|${id}|${analyst.name}`);
    analystIds.set(analyst.id, id);
    impostors.push({ id, name: analyst.name, localName, known: localNames.has(id) });
  }
  return { newAnalysts, analystIds, impostors };
}

/**
 * The analysts (under their ids here) that what the merge writes refers to (`tagAnalysts`: those of the tags written
 * and their reviewers). A reused id that nothing new refers to
 * (say, one of this project's analysts renamed here since the teammate's copy was made) is left alone.
 */
function analystsReferenced(
  plan: Pick<MergePlan, 'newChangeIds' | 'newDocuments' | 'writes' | 'translation'>,
  incoming: IncomingProject,
  tagAnalysts: ReadonlySet<string>,
): Set<string> {
  const ids = new Set<string>(tagAnalysts);
  for (const change of incomingChanges(incoming)) if (plan.newChangeIds.has(change.id)) ids.add(plan.translation.analystIds.get(change.analystId) ?? change.analystId);
  for (const document of plan.newDocuments) ids.add(document.importedBy);
  for (const { entity } of plan.writes) ids.add(entity.value.analystId);
  return ids;
}

/** Sentences for the preview about what the file claimed and was not taken as it was. */
function noticesFor(impostors: readonly Impostor[], incoming: IncomingProject, now: string): string[] {
  const notices = impostors.map(
    (a) => `“${a.name}” in this file uses the id of this project’s analyst “${a.localName}”: kept as a different analyst; “${a.localName}”’s tags are not touched.`,
  );
  if (incoming.latestTimestamp > Date.parse(now) + MAX_CLOCK_SKEW_MS) {
    notices.push(
      `This file has dates in the future (up to ${new Date(incoming.latestTimestamp).toISOString().slice(0, 10)}): they are set to the time of the merge, and a version carrying one does not win a conflict.`,
    );
  }
  return notices;
}

function describe(entity: EntityState): string {
  if (entity.type === 'document') return `the details of “${entity.value.title}”`;
  if (entity.type === 'actor') return `actor “${entity.value.name}”`;
  const quote = entity.value.target?.exact ?? 'whole document';
  return `${entity.value.kind.replace('_', ' ')} “${quote.length > 50 ? `${quote.slice(0, 49)}…` : quote}”`;
}

/** Works out everything a merge at `now` would do, without writing anything. */
export function planMerge(db: Db, incoming: IncomingProject, now: string): MergePlan {
  const { newAnalysts, analystIds, impostors: reusedIds } = planAnalysts(db, incoming);
  const impostorOf = new Map(reusedIds.map((a) => [a.id, a]));
  const analystLabels = new Map(
    incoming.analysts.map((a) => {
      const impostor = impostorOf.get(analystIds.get(a.id) ?? '');
      return [a.id, impostor === undefined ? a.name : `${a.name} (a different analyst from this project’s “${impostor.localName}”, whose id the file reused)`];
    }),
  );

  // Documents are one document when their canonical text is the same, whoever imported them.
  const documentIds = new Map<string, string>();
  const newDocuments: Document[] = [];
  const byHash = statement(db, 'SELECT id FROM documents WHERE sha256 = ?');
  const idTaken = statement(db, 'SELECT 1 FROM documents WHERE id = ?');
  for (const document of incoming.documents) {
    const existing = byHash.get(document.sha256) as { id: string } | undefined;
    if (existing) {
      documentIds.set(document.id, existing.id);
      continue;
    }
    const id = idTaken.get(document.id) ? (crypto.randomUUID() as DocumentId) : document.id;
    documentIds.set(document.id, id);
    newDocuments.push({ ...document, id });
  }
  const translation: Translation = { documentIds, analystIds, now };
  for (const [index, document] of newDocuments.entries()) newDocuments[index] = translateRecord(document, translation).value;

  // Both logs at once: change ids are unique across them, and each entry's parent is in its own log.
  const localParents = new Map([...parentsOfLocalChanges(db), ...documentChangeParents(db)]);
  const newChangeIds = new Set(incomingChanges(incoming).filter((c) => !localParents.has(c.id)).map((c) => c.id));
  const incomingParents = new Map(incomingChanges(incoming).map((c) => [c.id, c.parentId]));
  const parents = { get: (id: string) => (localParents.has(id) ? localParents.get(id) : incomingParents.get(id)) };

  const writes: MergePlan['writes'] = [];
  const tagWrites: MergePlan['tagWrites'] = new Map();
  // The analysts (under their ids here) of the tags written, and their reviewers.
  const tagAnalysts = new Set<string>();
  const conflicts: MergeConflict[] = [];
  // By analyst, then kind: a name is any text, so it is never joined into a key.
  const newTagCounts = new Map<string, Map<AnnotationKind, number>>();
  let updatedTags = 0;
  let newActors = 0;
  let updatedActors = 0;

  const write = (entity: EntityState, headChangeId: string, isNew: boolean) => {
    if (entity.type !== 'annotation') writes.push({ entity, headChangeId });
    else {
      tagWrites.set(entity.value.id, { headChangeId, isNew });
      tagAnalysts.add(entity.value.analystId);
      if (entity.value.review) tagAnalysts.add(entity.value.review.reviewerId);
    }
  };
  const reconcile = (entity: EntityState, clamped: boolean, incomingHead: string, local: { value: EntityState['value']; head: string } | undefined): 'new' | 'updated' | 'same' => {
    if (!local) {
      write(entity, incomingHead, true);
      return 'new';
    }
    if (local.head === incomingHead || localParents.has(incomingHead)) return 'same';
    if (isAncestor(local.head, incomingHead, parents)) {
      write(entity, incomingHead, false);
      return 'updated';
    }
    const wins = incomingWins(local.value, local.head, entity.value, incomingHead, clamped);
    const [winner, loser] = wins ? [incomingHead, local.head] : [local.head, incomingHead];
    conflicts.push({ id: conflictId(entity.value.id, winner, loser), entityType: entity.type, entityId: entity.value.id, winnerChangeId: winner, loserChangeId: loser, label: describe(entity) });
    if (wins) write(entity, incomingHead, false);
    return wins ? 'updated' : 'same';
  };

  for (const { actor, headChangeId } of incoming.actors) {
    const local = actorById(db, actor.id);
    const { value, clamped } = translateRecord(actor, translation);
    const outcome = reconcile({ type: 'actor', value }, clamped, headChangeId, local && { value: local.actor, head: local.headChangeId });
    if (outcome === 'new') newActors++;
    if (outcome === 'updated') updatedActors++;
  }
  // A document's details: one version per side, reconciled like a tag's (a document's details never edited here have
  // no local version, so the file's edit is taken). A removal is a version like any other.
  let updatedDocuments = 0;
  for (const { record, headChangeId } of incoming.documentRecords ?? []) {
    const { value, clamped } = translateDocumentRecord(record, translation);
    const local = documentRecordById(db, value.id);
    const localVersion = local?.headChangeId ? { value: local.record, head: local.headChangeId } : undefined;
    if (reconcile({ type: 'document', value }, clamped, headChangeId, localVersion) !== 'same') updatedDocuments++;
  }
  for (const { annotation, headChangeId } of incoming.annotations) {
    const { value, clamped } = translateRecord(annotation, translation);
    // Most tags of a merge are new: a probe of the index of ids tells, without reading the tag.
    const local = hasAnnotation(db, annotation.id) ? annotationById(db, annotation.id) : undefined;
    const outcome = reconcile({ type: 'annotation', value }, clamped, headChangeId, local && { value: local.annotation, head: local.headChangeId });
    if (outcome === 'new') {
      const label = analystLabels.get(annotation.analystId) ?? annotation.analystId;
      const byKind = newTagCounts.get(label) ?? new Map<AnnotationKind, number>();
      byKind.set(annotation.kind, (byKind.get(annotation.kind) ?? 0) + 1);
      newTagCounts.set(label, byKind);
    }
    if (outcome === 'updated') updatedTags++;
  }

  const referenced = analystsReferenced({ newChangeIds, newDocuments, writes, translation }, incoming, tagAnalysts);
  const impostors = reusedIds.filter((a) => referenced.has(a.id));
  for (const a of impostors) if (!a.known) newAnalysts.push({ id: a.id, name: a.name });

  const summary: MergeSummary = {
    newDocuments: newDocuments.length,
    sameDocuments: incoming.documents.length - newDocuments.length,
    newTags: [...newTagCounts].flatMap(([analyst, byKind]) => [...byKind].map(([kind, count]) => ({ analyst, kind, count }))),
    updatedTags,
    newActors,
    updatedActors,
    updatedDocuments,
    conflicts: conflicts.length,
    newChanges: newChangeIds.size,
    actorProposals: actorProposals(db, incoming),
    notices: noticesFor(impostors, incoming, now),
  };
  const rejectedSuggestions = (incoming.rejectedSuggestions ?? []).map((row) => ({
    ...row,
    documentId: documentIds.get(row.documentId) ?? row.documentId,
    analystId: analystIds.get(row.analystId) ?? row.analystId,
    at: clampDate(row.at, translation),
  }));
  return { projectName: incoming.project.name, newAnalysts, newDocuments, newChangeIds, translation, writes, tagWrites, conflicts, rejectedSuggestions, summary };
}

function actorProposals(db: Db, incoming: IncomingProject): MergeSummary['actorProposals'] {
  const locals = allActors(db, false);
  const proposals: MergeSummary['actorProposals'] = [];
  for (const { actor } of incoming.actors) {
    if (actor.deletedAt !== null || locals.some((l) => l.id === actor.id)) continue;
    const keys = new Set(actorNames(actor).map(actorNameKey));
    const match = locals.find((l) => actorNames(l).some((n) => keys.has(actorNameKey(n))));
    if (match) proposals.push({ local: match.name, incoming: actor.name, localId: match.id, incomingId: actor.id });
  }
  return proposals;
}

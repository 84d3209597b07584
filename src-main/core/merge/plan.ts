// Reconciling a teammate's project with this one through the change log: what is new, what moved on, what conflicts.
import { createHash } from 'node:crypto';
import { actorNameKey, actorNames, type Actor } from '../../../src-shared/model/actor';
import type { Annotation, AnnotationKind } from '../../../src-shared/model/annotation';
import type { Document } from '../../../src-shared/model/document';
import type { DocumentId } from '../../../src-shared/model/ids';
import { actorById, allActors } from '../../store/actors';
import { annotationById } from '../../store/annotations';
import type { Db } from '../../store/open-project';
import { statement } from '../../store/statements';
import type { IncomingProject } from './incoming';

export type EntityState = { type: 'annotation'; value: Annotation } | { type: 'actor'; value: Actor };

export interface MergeConflict {
  id: string;
  entityType: 'annotation' | 'actor';
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
  /** Incoming changes this project does not have yet: appended to the log. */
  newChangeIds: Set<string>;
  /** Incoming document id → this project's id for the same text. */
  documentIds: Map<string, string>;
  /** Rows to write: the state each entity ends up in, and the change that produced it. */
  writes: { entity: EntityState; headChangeId: string }[];
  conflicts: MergeConflict[];
  summary: MergeSummary;
}

export interface MergeSummary {
  newDocuments: number;
  sameDocuments: number;
  newTags: { analyst: string; kind: AnnotationKind; count: number }[];
  updatedTags: number;
  newActors: number;
  updatedActors: number;
  conflicts: number;
  newChanges: number;
  /** Incoming actors whose name or alias matches a different actor here: proposed as one, for the user to confirm. */
  actorProposals: { local: string; incoming: string; localId: string; incomingId: string }[];
}

function parentsOfLocalChanges(db: Db): Map<string, string | null> {
  const rows = statement(db, 'SELECT id, parent_id AS parentId FROM changes').all() as { id: string; parentId: string | null }[];
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** True when `ancestor` is `descendant` or lies on its chain of parents. */
function isAncestor(ancestor: string, descendant: string, parents: { get(id: string): string | null | undefined }): boolean {
  for (let at: string | null | undefined = descendant; at; at = parents.get(at)) if (at === ancestor) return true;
  return false;
}

/** A stable id for a conflict, the same whichever file is merged into which. */
function conflictId(entityId: string, winner: string, loser: string): string {
  const hex = createHash('sha256').update(`${entityId}|${winner}|${loser}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The newer version wins: later updatedAt, and on a tie the greater change id, so every merge order agrees. */
function incomingWins(local: { updatedAt: string }, localHead: string, incoming: { updatedAt: string }, incomingHead: string): boolean {
  if (incoming.updatedAt !== local.updatedAt) return incoming.updatedAt > local.updatedAt;
  return incomingHead > localHead;
}

/** A change snapshot with its document id translated to this project's document of the same text. */
export function remapSnapshot(json: string | null, documentIds: ReadonlyMap<string, string>): string | null {
  if (json === null) return null;
  const value = JSON.parse(json) as { documentId?: string };
  if (value.documentId === undefined) return json;
  const mapped = documentIds.get(value.documentId);
  return mapped === undefined || mapped === value.documentId ? json : JSON.stringify({ ...value, documentId: mapped });
}

function describe(entity: EntityState): string {
  if (entity.type === 'actor') return `actor “${entity.value.name}”`;
  const quote = entity.value.target?.exact ?? 'whole document';
  return `${entity.value.kind.replace('_', ' ')} “${quote.length > 50 ? `${quote.slice(0, 49)}…` : quote}”`;
}

/** Works out everything a merge would do, without writing anything. */
export function planMerge(db: Db, incoming: IncomingProject): MergePlan {
  const knownAnalysts = new Set((statement(db, 'SELECT id FROM analysts').all() as { id: string }[]).map((a) => a.id));
  const newAnalysts = incoming.analysts.filter((a) => !knownAnalysts.has(a.id));
  const analystNames = new Map(incoming.analysts.map((a) => [a.id, a.name]));

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

  const localParents = parentsOfLocalChanges(db);
  const newChangeIds = new Set(incoming.changes.filter((c) => !localParents.has(c.id)).map((c) => c.id));
  const incomingParents = new Map(incoming.changes.map((c) => [c.id, c.parentId]));
  const parents = { get: (id: string) => (localParents.has(id) ? localParents.get(id) : incomingParents.get(id)) };

  const writes: MergePlan['writes'] = [];
  const conflicts: MergeConflict[] = [];
  const newTagCounts = new Map<string, number>();
  let updatedTags = 0;
  let newActors = 0;
  let updatedActors = 0;

  const reconcile = (entity: EntityState, incomingHead: string, local: { value: Annotation | Actor; head: string } | undefined): 'new' | 'updated' | 'same' => {
    if (!local) {
      writes.push({ entity, headChangeId: incomingHead });
      return 'new';
    }
    if (local.head === incomingHead || localParents.has(incomingHead)) return 'same';
    if (isAncestor(local.head, incomingHead, parents)) {
      writes.push({ entity, headChangeId: incomingHead });
      return 'updated';
    }
    const wins = incomingWins(local.value, local.head, entity.value, incomingHead);
    const [winner, loser] = wins ? [incomingHead, local.head] : [local.head, incomingHead];
    conflicts.push({ id: conflictId(entity.value.id, winner, loser), entityType: entity.type, entityId: entity.value.id, winnerChangeId: winner, loserChangeId: loser, label: describe(entity) });
    if (wins) writes.push({ entity, headChangeId: incomingHead });
    return wins ? 'updated' : 'same';
  };

  for (const { actor, headChangeId } of incoming.actors) {
    const local = actorById(db, actor.id);
    const outcome = reconcile({ type: 'actor', value: actor }, headChangeId, local && { value: local.actor, head: local.headChangeId });
    if (outcome === 'new') newActors++;
    if (outcome === 'updated') updatedActors++;
  }
  for (const { annotation, headChangeId } of incoming.annotations) {
    const mapped = annotation;
    mapped.documentId = (documentIds.get(annotation.documentId) ?? annotation.documentId) as Annotation['documentId'];
    const local = annotationById(db, annotation.id);
    const outcome = reconcile({ type: 'annotation', value: mapped }, headChangeId, local && { value: local.annotation, head: local.headChangeId });
    if (outcome === 'new') {
      const key = `${analystNames.get(annotation.analystId) ?? annotation.analystId}\u0000${annotation.kind}`;
      newTagCounts.set(key, (newTagCounts.get(key) ?? 0) + 1);
    }
    if (outcome === 'updated') updatedTags++;
  }

  const summary: MergeSummary = {
    newDocuments: newDocuments.length,
    sameDocuments: incoming.documents.length - newDocuments.length,
    newTags: [...newTagCounts].map(([key, count]) => {
      const [analyst = '', kind = 'claim'] = key.split('\u0000');
      return { analyst, kind: kind as AnnotationKind, count };
    }),
    updatedTags,
    newActors,
    updatedActors,
    conflicts: conflicts.length,
    newChanges: newChangeIds.size,
    actorProposals: actorProposals(db, incoming),
  };
  return { projectName: incoming.project.name, newAnalysts, newDocuments, newChangeIds, documentIds, writes, conflicts, summary };
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

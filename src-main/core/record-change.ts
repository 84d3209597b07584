// Writing an annotation, actor or document's details together with its change-log entry, and running a user action as one transaction.
import type { Actor } from '../../src-shared/model/actor';
import type { Annotation } from '../../src-shared/model/annotation';
import type { DocumentRecord } from '../../src-shared/model/document';
import type { ChangeId } from '../../src-shared/model/ids';
import { actorById, putActor } from '../store/actors';
import { annotationById, putAnnotation } from '../store/annotations';
import { afterIsTheRow, appendChange, type ChangeCause, type ChangeOp } from '../store/changes';
import { appendDocumentChange } from '../store/document-changes';
import { documentRecordById, putDocumentRecord } from '../store/documents';
import { beginHistoryEntry } from '../store/history';
import type { ProjectSession } from './session';

export type Entity = { type: 'annotation'; value: Annotation } | { type: 'actor'; value: Actor } | { type: 'document'; value: DocumentRecord };
type EntityValue = Entity['value'];

/** The entity's current state and the change that produced it (null for a document's details as imported). */
export function currentEntity(session: ProjectSession, type: Entity['type'], id: string): { value: EntityValue; head: ChangeId | null } | undefined {
  if (type === 'document') {
    const stored = documentRecordById(session.db, id);
    return stored && { value: stored.record, head: stored.headChangeId };
  }
  if (type === 'annotation') {
    const stored = annotationById(session.db, id);
    return stored && { value: stored.annotation, head: stored.headChangeId };
  }
  const stored = actorById(session.db, id);
  return stored && { value: stored.actor, head: stored.headChangeId };
}

function opFor(before: EntityValue | undefined, after: EntityValue): ChangeOp {
  if (!before) return 'create';
  if (before.deletedAt === null && after.deletedAt !== null) return 'delete';
  if (before.deletedAt !== null && after.deletedAt === null) return 'restore';
  return 'update';
}

/**
 * Writes the new state of an entity and appends the change-log entry that records it (who, when, before/after,
 * and the version it was based on). Must run inside a transaction: the row and its entry are written together.
 */
export function recordChange(session: ProjectSession, entity: Entity, cause: ChangeCause, historyId: number | null, isNew = false): void {
  // A freshly minted id cannot have a previous version: skip the lookup on the hot path of tagging.
  const previous = isNew ? undefined : currentEntity(session, entity.type, entity.value.id);
  const changeId = session.newId<ChangeId>();
  if (entity.type === 'document') return recordDocumentChange(session, entity.value, previous?.value as DocumentRecord | undefined, previous?.head ?? null, changeId, cause, historyId);
  appendChange(session.db, {
    id: changeId,
    entityType: entity.type,
    entityId: entity.value.id,
    op: opFor(previous?.value, entity.value),
    parentId: previous?.head ?? null,
    // The previous state is the parent's `after`: stored only when the parent holds it itself.
    before: previous && !(entity.type === 'annotation' && previous.head && afterIsTheRow(session.db, previous.head)) ? JSON.stringify(previous.value) : null,
    // A tag's row, written just below with this entry as its head, is the state after the change: stored once.
    after: entity.type === 'annotation' ? null : JSON.stringify(entity.value),
    analystId: session.analystForWriting().id,
    at: session.now(),
    cause,
    historyId,
  });
  if (entity.type === 'annotation') putAnnotation(session.db, entity.value, changeId);
  else putActor(session.db, entity.value, changeId);
}

/** A document's details and their entry in the documents' log (both snapshots stored: the entries are few and small). */
function recordDocumentChange(
  session: ProjectSession,
  record: DocumentRecord,
  previous: DocumentRecord | undefined,
  parentId: ChangeId | null,
  changeId: ChangeId,
  cause: ChangeCause,
  historyId: number | null,
): void {
  if (!previous) throw new Error(`document ${record.id} is not in the project`);
  const op = opFor(previous, record);
  appendDocumentChange(session.db, {
    id: changeId,
    entityId: record.id,
    op: op === 'create' ? 'update' : op,
    parentId,
    before: JSON.stringify(previous),
    after: JSON.stringify(record),
    analystId: session.analystForWriting().id,
    at: session.now(),
    cause,
    historyId,
  });
  putDocumentRecord(session.db, record, changeId);
}

/** Runs one user action in one transaction, as one undoable history entry. */
export function runAction<T>(session: ProjectSession, label: string, action: (historyId: number) => T): T {
  // Recording the analyst first, in its own commit, lets every write of the action reuse it without a lookup.
  session.analystForWriting();
  return session.db.transaction(() => {
    const historyId = beginHistoryEntry(session.db, label, session.analystForWriting().id, session.now());
    session.noteHistoryOrigin(historyId);
    return action(historyId);
  })();
}

/** A short form of a quote for history labels and messages. */
export function shortQuote(text: string, max = 40): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

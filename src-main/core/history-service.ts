// Undo and redo of user actions, persisted in the project file: each step is itself recorded in the change log.
import type { ResponseOf } from '../../src-shared/api/contract';
import type { Actor } from '../../src-shared/model/actor';
import type { Annotation } from '../../src-shared/model/annotation';
import type { DocumentRecord } from '../../src-shared/model/document';
import { changesOfHistoryEntry, type ChangeCause } from '../store/changes';
import { documentChangesOfHistoryEntry, type AnyChangeRecord as ChangeRecord } from '../store/document-changes';
import type { HistoryEntry } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import { doneEntries, setHistoryState, undoneEntries } from '../store/history';
import { currentEntity, recordChange, type Entity } from './record-change';
import type { ProjectSession } from './session';

/** What one user action changed, in both logs: tags and actors, then documents' details (an action touches one or the other). */
function changesOfAction(session: ProjectSession, historyId: number, cause: ChangeCause): ChangeRecord[] {
  return [...changesOfHistoryEntry(session.db, historyId, cause), ...documentChangesOfHistoryEntry(session.db, historyId, cause)];
}

function entityFromSnapshot(change: ChangeRecord, snapshot: string): Entity {
  if (change.entityType === 'document') return { type: 'document', value: JSON.parse(snapshot) as DocumentRecord };
  return change.entityType === 'annotation'
    ? { type: 'annotation', value: JSON.parse(snapshot) as Annotation }
    : { type: 'actor', value: JSON.parse(snapshot) as Actor };
}

/** The state an undo returns an entity to: its `before`, or — for something the action created — a tombstone. */
function stateBefore(change: ChangeRecord, at: string): Entity {
  if (change.before !== null) return entityFromSnapshot(change, change.before);
  const created = entityFromSnapshot(change, change.after);
  created.value = { ...created.value, deletedAt: at };
  return created;
}

function touched(entity: Entity, at: string): Entity {
  entity.value = { ...entity.value, updatedAt: at };
  return entity;
}

/** The first of `entries` this session's client may take back: its own, or one whose window is unknown. */
function firstOwn(session: ProjectSession, entries: Iterable<HistoryEntry>): HistoryEntry | undefined {
  for (const entry of entries) if (session.mayUndo(entry.id)) return entry;
  return undefined;
}

/** A value as canonical JSON: keys sorted, absent and null alike, so equal states compare equal however they were written. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An entity's state as far as an undo cares: everything but when it was last touched. */
function comparable(value: object | undefined): string {
  if (!value) return 'absent';
  const { updatedAt: _updatedAt, ...rest } = value as { updatedAt?: unknown };
  return canonical(rest);
}

function currentValue(session: ProjectSession, change: ChangeRecord): object | undefined {
  return currentEntity(session, change.entityType, change.entityId)?.value;
}

/**
 * Every entity the entry touched must be as the entry left it (for an undo: its state after the entry; for a
 * redo: before it): otherwise another action or analyst changed it since, and taking the entry back would
 * silently overwrite that change.
 */
function assertUnchangedSince(session: ProjectSession, entry: HistoryEntry, changes: readonly ChangeRecord[], verb: 'undo' | 'redo'): void {
  const expected = new Map<string, { change: ChangeRecord; snapshot: string | null }>();
  for (const change of changes) {
    if (verb === 'undo') expected.set(change.entityId, { change, snapshot: change.after });
    else if (!expected.has(change.entityId)) expected.set(change.entityId, { change, snapshot: change.before });
  }
  for (const { change, snapshot } of expected.values()) {
    const now = currentValue(session, change);
    const then = snapshot === null ? undefined : (JSON.parse(snapshot) as object);
    // A tag the entry created and an undo removed is a tombstone now; a redo brings it back.
    const same = comparable(now) === comparable(then) || (then === undefined && (now as { deletedAt?: unknown } | undefined)?.deletedAt != null);
    if (!same) {
      throw new UserError('conflict', `Cannot ${verb} “${entry.label}”: it was changed again since (by another action or analyst); nothing was changed.`);
    }
  }
}

/**
 * Takes back the analyst's last action made from this client (a window or page; any, from the CLI): never another
 * analyst's, never another open window's, and never over a change made since.
 */
export function undo(session: ProjectSession): ResponseOf<'history.undo'> {
  const analyst = session.currentAnalyst();
  const entry = analyst ? firstOwn(session, doneEntries(session.db, analyst.id)) : undefined;
  if (!entry) return { undone: null };
  const changes = changesOfAction(session, entry.id, 'edit');
  assertUnchangedSince(session, entry, changes, 'undo');
  session.db.transaction(() => {
    for (const change of [...changes].reverse()) {
      const at = session.now();
      recordChange(session, touched(stateBefore(change, at), at), 'undo', entry.id);
    }
    setHistoryState(session.db, entry.id, 'undone');
  })();
  return { undone: entry };
}

/** Re-applies the analyst's most recently undone action from this client, unless it was changed since. */
export function redo(session: ProjectSession): ResponseOf<'history.redo'> {
  const analyst = session.currentAnalyst();
  const entry = analyst ? firstOwn(session, undoneEntries(session.db, analyst.id)) : undefined;
  if (!entry) return { redone: null };
  const changes = changesOfAction(session, entry.id, 'edit');
  assertUnchangedSince(session, entry, changes, 'redo');
  session.db.transaction(() => {
    for (const change of changes) {
      recordChange(session, touched(entityFromSnapshot(change, change.after), session.now()), 'redo', entry.id);
    }
    setHistoryState(session.db, entry.id, 'done');
  })();
  return { redone: entry };
}

// Undo and redo of user actions, persisted in the project file: each step is itself recorded in the change log.
import type { ResponseOf } from '../../src-shared/api/contract';
import type { Actor } from '../../src-shared/model/actor';
import type { Annotation } from '../../src-shared/model/annotation';
import { changesOfHistoryEntry, type ChangeRecord } from '../store/changes';
import { lastDoneEntry, nextUndoneEntry, setHistoryState } from '../store/history';
import { recordChange, type Entity } from './record-change';
import type { ProjectSession } from './session';

function entityFromSnapshot(change: ChangeRecord, snapshot: string): Entity {
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

export function undo(session: ProjectSession): ResponseOf<'history.undo'> {
  const entry = lastDoneEntry(session.db);
  if (!entry) return { undone: null };
  session.db.transaction(() => {
    const changes = changesOfHistoryEntry(session.db, entry.id, 'edit');
    for (const change of changes.reverse()) {
      const at = session.now();
      recordChange(session, touched(stateBefore(change, at), at), 'undo', entry.id);
    }
    setHistoryState(session.db, entry.id, 'undone');
  })();
  return { undone: entry };
}

export function redo(session: ProjectSession): ResponseOf<'history.redo'> {
  const entry = nextUndoneEntry(session.db);
  if (!entry) return { redone: null };
  session.db.transaction(() => {
    for (const change of changesOfHistoryEntry(session.db, entry.id, 'edit')) {
      recordChange(session, touched(entityFromSnapshot(change, change.after), session.now()), 'redo', entry.id);
    }
    setHistoryState(session.db, entry.id, 'done');
  })();
  return { redone: entry };
}

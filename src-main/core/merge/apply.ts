// Writing a planned merge into the project in one transaction.
import { putActor } from '../../store/actors';
import { insertNewAnnotation, putAnnotation } from '../../store/annotations';
import { appendChange } from '../../store/changes';
import { appendDocumentChange } from '../../store/document-changes';
import { insertDocument, putDocumentRecord } from '../../store/documents';
import { insertRejectedSuggestion } from '../../store/rejected-suggestions';
import type { Db } from '../../store/open-project';
import { statement } from '../../store/statements';
import type { AnalystId, ChangeId } from '../../../src-shared/model/ids';
import type { IncomingProject } from './incoming';
import { clampDate, translateRecord, translateSnapshot, type MergePlan } from './plan';

/** Applies the plan: all of it or, if anything fails, none of it. Everything written was validated and translated. */
export function applyMerge(db: Db, plan: MergePlan, incoming: IncomingProject, now: string): void {
  db.transaction(() => {
    const insertAnalyst = statement(db, 'INSERT OR IGNORE INTO analysts (id, display_name, created_at, origin) VALUES (?, ?, ?, ?)');
    for (const analyst of plan.newAnalysts) insertAnalyst.run(analyst.id, analyst.name, now, `merged from “${plan.projectName}”`);
    for (const document of plan.newDocuments) insertDocument(db, document);
    // Streamed from the checked private copy: the whole log is never held in memory at once.
    const t = plan.translation;
    // The entry that a tag written below takes as its head leaves its `after` to that row, as a tag's own edits do:
    // only that tag's own entry (an entry naming another tag keeps its snapshot, whatever the file says is whose head).
    const isRowHead = (change: { id: string; entityType: string; entityId: string }) =>
      change.entityType === 'annotation' && plan.tagWrites.get(change.entityId)?.headChangeId === change.id;
    for (const change of incoming.readChanges()) {
      if (!plan.newChangeIds.has(change.id)) continue;
      appendChange(db, {
        ...change,
        analystId: (t.analystIds.get(change.analystId) ?? change.analystId) as AnalystId,
        at: clampDate(change.at, t),
        before: translateSnapshot(change.before, t, change.entityType),
        after: isRowHead(change) ? null : (translateSnapshot(change.after, t, change.entityType) ?? change.after),
      });
    }
    for (const change of incoming.readDocumentChanges?.() ?? []) {
      if (!plan.newChangeIds.has(change.id)) continue;
      const { entityType: _entityType, ...entry } = change;
      appendDocumentChange(db, {
        ...entry,
        op: change.op === 'create' ? 'update' : change.op,
        entityId: t.documentIds.get(change.entityId) ?? change.entityId,
        analystId: (t.analystIds.get(change.analystId) ?? change.analystId) as AnalystId,
        at: clampDate(change.at, t),
        before: translateSnapshot(change.before, t, 'document') ?? change.before,
        after: translateSnapshot(change.after, t, 'document') ?? change.after,
      });
    }
    for (const { entity, headChangeId } of plan.writes) {
      if (entity.type === 'document') putDocumentRecord(db, entity.value, headChangeId as ChangeId);
      else putActor(db, entity.value, headChangeId as ChangeId);
    }
    // The tags are read from the file again, one at a time, and translated as the plan translated them.
    for (const { annotation, headChangeId } of incoming.annotations) {
      const write = plan.tagWrites.get(annotation.id);
      if (write?.headChangeId !== headChangeId) continue;
      (write.isNew ? insertNewAnnotation : putAnnotation)(db, translateRecord(annotation, t).value, headChangeId as ChangeId);
    }
    const insertConflict = statement(
      db,
      `INSERT OR IGNORE INTO merge_conflicts (id, entity_type, entity_id, winner_change_id, loser_change_id, detected_at)
       VALUES (@id, @entityType, @entityId, @winnerChangeId, @loserChangeId, @now)`,
    );
    for (const conflict of plan.conflicts) insertConflict.run({ ...conflict, now });
    for (const rejection of plan.rejectedSuggestions) insertRejectedSuggestion(db, rejection);
  })();
}

// Migration 100: the change log stores a tag's latest state once — in its annotations row — instead of twice; undo is bounded.
import type { Migration } from './index';

/** The annotations row `r` as the JSON of an Annotation (the shape `annotationFromRow` reads), for the trigger below. */
const ROW_AS_JSON = (r: string) => `json_object(
        'id', ${r}.id, 'documentId', ${r}.document_id, 'kind', ${r}.kind,
        'target', CASE WHEN ${r}.start_offset IS NULL THEN NULL ELSE json_object('start', ${r}.start_offset, 'end', ${r}.end_offset,
          'exact', ifnull(${r}.exact, ''), 'prefix', ifnull(${r}.prefix, ''), 'suffix', ifnull(${r}.suffix, '')) END,
        'attributes', json(${r}.attributes), 'note', ${r}.note, 'analystId', ${r}.analyst_id, 'createdAt', ${r}.created_at,
        'updatedAt', ${r}.updated_at, 'deletedAt', ${r}.deleted_at, 'review', json(${r}.review))`;

export const compactChangeLog: Migration = {
  version: 100,
  name: 'compact change log',
  up: `
    -- The same log, with \`after\` allowed to be NULL: for a tag's change that its annotations row still holds (the
    -- row's head_change_id), the row is the state after the change, so it is not stored a second time; \`before\` may
    -- be NULL where it is the parent change's \`after\`. Readers put both back (src-main/store/changes.ts).
    CREATE TABLE changes_compact (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      entity_type TEXT NOT NULL CHECK (entity_type IN ('annotation', 'actor')),
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore')),
      parent_id TEXT,
      before TEXT,
      after TEXT,
      analyst_id TEXT NOT NULL REFERENCES analysts (id),
      at TEXT NOT NULL,
      cause TEXT NOT NULL CHECK (cause IN ('edit', 'undo', 'redo', 'merge')),
      history_id INTEGER REFERENCES history (id),
      CHECK (after IS NOT NULL OR entity_type = 'annotation')
    ) STRICT;
    INSERT INTO changes_compact SELECT seq, id, entity_type, entity_id, op, parent_id, before, after, analyst_id, at, cause, history_id FROM changes;
    DROP TABLE changes;
    ALTER TABLE changes_compact RENAME TO changes;
    CREATE INDEX changes_by_entity ON changes (entity_id, seq);
    CREATE INDEX changes_by_history ON changes (history_id, seq);
    -- Entries are never removed and never say anything else: only the stored form of their snapshots may change.
    CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes
      WHEN NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.entity_type IS NOT OLD.entity_type OR NEW.entity_id IS NOT OLD.entity_id
        OR NEW.op IS NOT OLD.op OR NEW.parent_id IS NOT OLD.parent_id OR NEW.analyst_id IS NOT OLD.analyst_id OR NEW.at IS NOT OLD.at
        OR NEW.cause IS NOT OLD.cause OR NEW.history_id IS NOT OLD.history_id
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    -- Undo is bounded: per analyst, the actions up to folded_through can no longer be undone (their changes stay in
    -- the log, which merging needs whole).
    CREATE TABLE undo_horizon (
      analyst_id TEXT PRIMARY KEY REFERENCES analysts (id),
      folded_through INTEGER NOT NULL
    ) STRICT;
    -- Before a tag's row changes, the change that produced it gets its \`after\` back from the row, whatever writes it.
    CREATE TRIGGER annotations_keep_head_after_update BEFORE UPDATE ON annotations
      BEGIN UPDATE changes SET after = ${ROW_AS_JSON('OLD')} WHERE id = OLD.head_change_id AND after IS NULL; END;
    CREATE TRIGGER annotations_keep_head_after_delete BEFORE DELETE ON annotations
      BEGIN UPDATE changes SET after = ${ROW_AS_JSON('OLD')} WHERE id = OLD.head_change_id AND after IS NULL; END;
  `,
};

// Migration 130: tags and change-log entries refer to their document, analyst and head change by small integer keys.
import type { Migration } from './index';

/** The annotation_rows row `r` as the JSON of an Annotation (the shape `annotationFromRow` reads), for the triggers below. */
const ROW_AS_JSON = (r: string) => `json_object(
        'id', ${r}.id, 'documentId', (SELECT id FROM document_keys WHERE key = ${r}.document_key), 'kind', ${r}.kind,
        'target', CASE WHEN ${r}.start_offset IS NULL THEN NULL ELSE json_object('start', ${r}.start_offset, 'end', ${r}.end_offset,
          'exact', ifnull(${r}.exact, ''), 'prefix', ifnull(${r}.prefix, ''), 'suffix', ifnull(${r}.suffix, '')) END,
        'attributes', json(${r}.attributes), 'note', ${r}.note, 'analystId', (SELECT id FROM analyst_keys WHERE key = ${r}.analyst_key),
        'createdAt', ${r}.created_at, 'updatedAt', ${r}.updated_at, 'deletedAt', ${r}.deleted_at, 'review', json(${r}.review))`;

/**
 * Every tag repeated three 36-character ids in its row (its document, its analyst, its head change), one of them again
 * in the index by document, and every change-log entry its analyst's: half of what a tag cost in the file. They become
 * integer keys; the ids stay what every reader sees, through the view `annotations` (the old table's columns, in its
 * order). Index of the log by entity: nothing reads the log by entity (a tag's row is found by id, the log by seq,
 * action or parent), so it is not rebuilt. Tables are rebuilt and rows copied as SQLite documents (`migrate` runs with
 * foreign keys off and checks them all before committing); seq numbers are kept, so the keys stay valid.
 */
export const keyedTags: Migration = {
  version: 130,
  name: 'keyed tags',
  up: `
    -- A key per document and per analyst, given on insert. INTEGER PRIMARY KEY: the numbers survive VACUUM.
    CREATE TABLE document_keys (
      key INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE REFERENCES documents (id)
    ) STRICT;
    INSERT INTO document_keys (id) SELECT id FROM documents ORDER BY rowid;
    CREATE TRIGGER documents_keyed AFTER INSERT ON documents
      BEGIN INSERT INTO document_keys (id) VALUES (NEW.id); END;
    CREATE TABLE analyst_keys (
      key INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE REFERENCES analysts (id)
    ) STRICT;
    INSERT INTO analyst_keys (id) SELECT id FROM analysts ORDER BY rowid;
    CREATE TRIGGER analysts_keyed AFTER INSERT ON analysts
      BEGIN INSERT INTO analyst_keys (id) VALUES (NEW.id); END;

    DROP TRIGGER annotations_keep_head_after_update;
    DROP TRIGGER annotations_keep_head_after_delete;

    -- The change log as before, its analyst by key.
    CREATE TABLE changes_keyed (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      entity_type TEXT NOT NULL CHECK (entity_type IN ('annotation', 'actor')),
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore')),
      parent_id TEXT,
      before TEXT,
      after TEXT,
      analyst_key INTEGER NOT NULL REFERENCES analyst_keys (key),
      at TEXT NOT NULL,
      cause TEXT NOT NULL CHECK (cause IN ('edit', 'undo', 'redo', 'merge')),
      history_id INTEGER REFERENCES history (id),
      CHECK (after IS NOT NULL OR entity_type = 'annotation')
    ) STRICT;
    INSERT INTO changes_keyed (seq, id, entity_type, entity_id, op, parent_id, before, after, analyst_key, at, cause, history_id)
      SELECT c.seq, c.id, c.entity_type, c.entity_id, c.op, c.parent_id, c.before, c.after, k.key, c.at, c.cause, c.history_id
      FROM changes c LEFT JOIN analyst_keys k ON k.id = c.analyst_id ORDER BY c.seq;
    -- A tag whose head change is not in the log (which Marginalia never writes, and merging refuses) gets that entry,
    -- as its creation with the row as its state, so that every tag has a head to refer to.
    INSERT OR IGNORE INTO changes_keyed (id, entity_type, entity_id, op, after, analyst_key, at, cause)
      SELECT a.head_change_id, 'annotation', a.id, 'create', NULL, n.key, a.updated_at, 'edit'
      FROM annotations a JOIN analyst_keys n ON n.id = a.analyst_id
      WHERE NOT EXISTS (SELECT 1 FROM changes_keyed c WHERE c.id = a.head_change_id)
      ORDER BY a.rowid;

    -- The tags as before, their document, analyst and head change by key.
    CREATE TABLE annotation_rows (
      id TEXT PRIMARY KEY,
      document_key INTEGER NOT NULL REFERENCES document_keys (key),
      kind TEXT NOT NULL CHECK (kind IN ('claim', 'actor', 'figure', 'reliability_warning')),
      start_offset INTEGER,
      end_offset INTEGER,
      exact TEXT,
      prefix TEXT,
      suffix TEXT,
      attributes TEXT NOT NULL,
      note TEXT NOT NULL,
      analyst_key INTEGER NOT NULL REFERENCES analyst_keys (key),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      -- The seq of the last change-log entry that produced this row: the version a later edit or merge is based on.
      head_seq INTEGER NOT NULL,
      review TEXT,
      CHECK ((start_offset IS NULL) = (end_offset IS NULL)),
      CHECK ((start_offset IS NULL) = (exact IS NULL)),
      CHECK (start_offset IS NULL OR (start_offset >= 0 AND end_offset > start_offset)),
      CHECK (start_offset IS NOT NULL OR kind = 'reliability_warning')
    ) STRICT;
    INSERT INTO annotation_rows (id, document_key, kind, start_offset, end_offset, exact, prefix, suffix, attributes, note, analyst_key,
        created_at, updated_at, deleted_at, head_seq, review)
      SELECT a.id, d.key, a.kind, a.start_offset, a.end_offset, a.exact, a.prefix, a.suffix, a.attributes, a.note, n.key,
        a.created_at, a.updated_at, a.deleted_at, c.seq, a.review
      FROM annotations a LEFT JOIN document_keys d ON d.id = a.document_id LEFT JOIN analyst_keys n ON n.id = a.analyst_id
        LEFT JOIN changes_keyed c ON c.id = a.head_change_id
      ORDER BY a.rowid;
    DROP TABLE annotations;
    DROP TABLE changes;
    ALTER TABLE changes_keyed RENAME TO changes;
    CREATE INDEX changes_by_history ON changes (history_id, seq);
    CREATE INDEX annotation_rows_by_document ON annotation_rows (document_key, start_offset);

    -- What every reader reads: the tags with their ids, as the table was.
    CREATE VIEW annotations AS
      SELECT t.id, d.id AS document_id, t.kind, t.start_offset, t.end_offset, t.exact, t.prefix, t.suffix, t.attributes, t.note,
        n.id AS analyst_id, t.created_at, t.updated_at, t.deleted_at, c.id AS head_change_id, t.review
      FROM annotation_rows t
        LEFT JOIN document_keys d ON d.key = t.document_key
        LEFT JOIN analyst_keys n ON n.key = t.analyst_key
        LEFT JOIN changes c ON c.seq = t.head_seq;

    -- Entries are never removed and never say anything else: only the stored form of their snapshots may change.
    CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes
      WHEN NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.entity_type IS NOT OLD.entity_type OR NEW.entity_id IS NOT OLD.entity_id
        OR NEW.op IS NOT OLD.op OR NEW.parent_id IS NOT OLD.parent_id OR NEW.analyst_key IS NOT OLD.analyst_key OR NEW.at IS NOT OLD.at
        OR NEW.cause IS NOT OLD.cause OR NEW.history_id IS NOT OLD.history_id
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    -- Before a tag's row changes, the change that produced it gets its \`after\` back from the row, whatever writes it.
    CREATE TRIGGER annotation_rows_keep_head_after_update BEFORE UPDATE ON annotation_rows
      BEGIN UPDATE changes SET after = ${ROW_AS_JSON('OLD')} WHERE seq = OLD.head_seq AND after IS NULL; END;
    CREATE TRIGGER annotation_rows_keep_head_after_delete BEFORE DELETE ON annotation_rows
      BEGIN UPDATE changes SET after = ${ROW_AS_JSON('OLD')} WHERE seq = OLD.head_seq AND after IS NULL; END;
  `,
};

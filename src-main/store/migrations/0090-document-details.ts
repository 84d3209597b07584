// Migration 90: documents whose title, date, author and source can be edited and that can be removed (a tombstone),
// with those edits in a change log of their own, undone and merged like tags'.
import type { Migration } from './index';

/**
 * The text of a document stays immutable: only the details (title, author, outlet, published_at) and the tombstone
 * may change, each change in a log of its own (the tags' and actors' log keeps its shape). Merge conflicts learn the
 * entity type 'document'; SQLite cannot change a CHECK constraint in place, so that table is rebuilt and its rows
 * copied as they are (`migrate` runs with foreign keys off and checks them all before committing).
 */
export const documentDetails: Migration = {
  version: 90,
  name: 'document details',
  up: `
    DROP TRIGGER documents_immutable;
    -- Who last edited the details and when (NULL until the first edit), when the document was removed (NULL while it
    -- is in the project), and the change-log entry of the current details (NULL until the first edit).
    ALTER TABLE documents ADD COLUMN edited_by TEXT REFERENCES analysts (id);
    ALTER TABLE documents ADD COLUMN edited_at TEXT;
    ALTER TABLE documents ADD COLUMN deleted_at TEXT;
    ALTER TABLE documents ADD COLUMN head_change_id TEXT;
    CREATE TRIGGER documents_text_immutable
      BEFORE UPDATE OF id, sha256, original_name, format, source_encoding, text, blocks, imported_at, imported_by, source_sha256 ON documents
      BEGIN SELECT RAISE(ABORT, 'a document''s text is immutable once imported'); END;

    -- The change log of documents' details: one row per edit, removal or restoration, with both snapshots (a
    -- DocumentRecord as JSON), linked to the version it was based on and to the user action, like the tags' log.
    CREATE TABLE document_changes (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      document_id TEXT NOT NULL REFERENCES documents (id),
      op TEXT NOT NULL CHECK (op IN ('update', 'delete', 'restore')),
      parent_id TEXT,
      before TEXT NOT NULL,
      after TEXT NOT NULL,
      analyst_id TEXT NOT NULL REFERENCES analysts (id),
      at TEXT NOT NULL,
      cause TEXT NOT NULL CHECK (cause IN ('edit', 'undo', 'redo', 'merge')),
      history_id INTEGER REFERENCES history (id)
    ) STRICT;
    CREATE INDEX document_changes_by_history ON document_changes (history_id, seq);
    CREATE TRIGGER document_changes_append_only_update BEFORE UPDATE ON document_changes
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    CREATE TRIGGER document_changes_append_only_delete BEFORE DELETE ON document_changes
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

    CREATE TABLE merge_conflicts_with_documents (
      id TEXT PRIMARY KEY,
      entity_type TEXT NOT NULL CHECK (entity_type IN ('annotation', 'actor', 'document')),
      entity_id TEXT NOT NULL,
      winner_change_id TEXT NOT NULL,
      loser_change_id TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      resolved_at TEXT,
      UNIQUE (entity_id, winner_change_id, loser_change_id)
    ) STRICT;
    INSERT INTO merge_conflicts_with_documents SELECT id, entity_type, entity_id, winner_change_id, loser_change_id, detected_at, resolved_at FROM merge_conflicts;
    DROP TABLE merge_conflicts;
    ALTER TABLE merge_conflicts_with_documents RENAME TO merge_conflicts;
  `,
};

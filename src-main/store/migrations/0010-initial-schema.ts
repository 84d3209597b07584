// Migration 10: the first project file schema — project meta, analysts, documents, actors, annotations, history, change log.
import type { Migration } from './index';

export const initialSchema: Migration = {
  version: 10,
  name: 'initial schema',
  up: `
    CREATE TABLE project (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_with_version TEXT NOT NULL
    ) STRICT;

    CREATE TABLE analysts (
      id TEXT PRIMARY KEY,
      display_name TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    -- Documents are immutable once imported (see the triggers below).
    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      sha256 TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      author TEXT,
      outlet TEXT,
      published_at TEXT,
      original_name TEXT NOT NULL,
      format TEXT NOT NULL CHECK (format IN ('txt', 'md', 'html', 'paste')),
      source_encoding TEXT NOT NULL,
      text TEXT NOT NULL,
      blocks TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL REFERENCES analysts (id)
    ) STRICT;
    CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
      BEGIN SELECT RAISE(ABORT, 'documents are immutable once imported'); END;
    CREATE TRIGGER documents_kept BEFORE DELETE ON documents
      BEGIN SELECT RAISE(ABORT, 'documents are never deleted'); END;

    CREATE TABLE actors (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'state', 'other')),
      aliases TEXT NOT NULL,
      analyst_id TEXT NOT NULL REFERENCES analysts (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      head_change_id TEXT NOT NULL
    ) STRICT;

    CREATE TABLE annotations (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL REFERENCES documents (id),
      kind TEXT NOT NULL CHECK (kind IN ('claim', 'actor', 'figure', 'reliability_warning')),
      start_offset INTEGER,
      end_offset INTEGER,
      exact TEXT,
      prefix TEXT,
      suffix TEXT,
      attributes TEXT NOT NULL,
      note TEXT NOT NULL,
      analyst_id TEXT NOT NULL REFERENCES analysts (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      -- The last change-log entry that produced this row: the version a later edit or merge is based on.
      head_change_id TEXT NOT NULL,
      CHECK ((start_offset IS NULL) = (end_offset IS NULL)),
      CHECK ((start_offset IS NULL) = (exact IS NULL)),
      CHECK (start_offset IS NULL OR (start_offset >= 0 AND end_offset > start_offset)),
      CHECK (start_offset IS NOT NULL OR kind = 'reliability_warning')
    ) STRICT;
    CREATE INDEX annotations_by_document ON annotations (document_id, start_offset);

    -- One row per user action, for persisted undo/redo. Rows are never deleted; state moves
    -- done → undone → done …, and a new action marks the redo stack 'discarded'.
    CREATE TABLE history (
      id INTEGER PRIMARY KEY,
      label TEXT NOT NULL,
      analyst_id TEXT NOT NULL REFERENCES analysts (id),
      at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded'))
    ) STRICT;
    CREATE INDEX history_by_state ON history (state, id);

    -- The append-only change log: every create/update/delete of an annotation or actor, with full
    -- before/after snapshots. parent_id links each change to the version it was based on, which
    -- is what merging teammates' files reconciles.
    CREATE TABLE changes (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      entity_type TEXT NOT NULL CHECK (entity_type IN ('annotation', 'actor')),
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore')),
      parent_id TEXT,
      before TEXT,
      after TEXT NOT NULL,
      analyst_id TEXT NOT NULL REFERENCES analysts (id),
      at TEXT NOT NULL,
      cause TEXT NOT NULL CHECK (cause IN ('edit', 'undo', 'redo', 'merge')),
      history_id INTEGER REFERENCES history (id)
    ) STRICT;
    CREATE INDEX changes_by_entity ON changes (entity_id, seq);
    CREATE INDEX changes_by_history ON changes (history_id, seq);
    CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
  `,
};

// Migration 60: the full-text search index of the documents, dismissed cross-document findings, actors' dated roles.
import type { Migration } from './index';

export const searchAndChecks: Migration = {
  version: 60,
  name: 'search index, dismissed findings, actor roles',
  up: `
    -- Which document each search-index row holds. An INTEGER PRIMARY KEY keeps the numbers stable through VACUUM.
    CREATE TABLE search_documents (
      id INTEGER PRIMARY KEY,
      document_id TEXT NOT NULL UNIQUE REFERENCES documents (id)
    ) STRICT;
    -- Contentless: the text stays in documents alone; hits are re-found in it (offsets, quotes, snippets).
    CREATE VIRTUAL TABLE search_index USING fts5(
      text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO search_documents (document_id) SELECT id FROM documents ORDER BY rowid;
    INSERT INTO search_index (rowid, text) SELECT s.id, d.text FROM search_documents s JOIN documents d ON d.id = s.document_id;

    -- A cross-document finding the analysts looked at and set aside: its key (the rule and its evidence) is remembered.
    CREATE TABLE dismissed_findings (
      key TEXT PRIMARY KEY,
      rule TEXT NOT NULL CHECK (rule IN ('figures', 'roles', 'outdated_role', 'claims')),
      analyst_id TEXT NOT NULL REFERENCES analysts (id),
      dismissed_at TEXT NOT NULL
    ) STRICT;

    -- A role an actor held, with the dates it began and ended (ISO dates; to_date NULL while it lasts).
    CREATE TABLE actor_roles (
      id TEXT PRIMARY KEY,
      actor_id TEXT NOT NULL REFERENCES actors (id),
      role TEXT NOT NULL,
      from_date TEXT NOT NULL,
      to_date TEXT,
      analyst_id TEXT NOT NULL REFERENCES analysts (id),
      created_at TEXT NOT NULL,
      CHECK (to_date IS NULL OR to_date >= from_date)
    ) STRICT;
    CREATE INDEX actor_roles_by_actor ON actor_roles (actor_id, from_date);
  `,
};

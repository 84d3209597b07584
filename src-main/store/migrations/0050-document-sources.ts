// Migration 50: documents from PDF, DOCX and EPUB files, and the SHA-256 of every imported file's bytes (its provenance).
import type { Migration } from './index';

/**
 * SQLite cannot change a CHECK constraint in place, so the documents table is rebuilt and its rows copied as they
 * are (SQLite's documented procedure; `migrate` runs with foreign keys off and checks them all before committing).
 */
export const documentSources: Migration = {
  version: 50,
  name: 'document sources',
  up: `
    DROP TRIGGER documents_immutable;
    DROP TRIGGER documents_kept;
    CREATE TABLE documents_with_sources (
      id TEXT PRIMARY KEY,
      sha256 TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      author TEXT,
      outlet TEXT,
      published_at TEXT,
      original_name TEXT NOT NULL,
      format TEXT NOT NULL CHECK (format IN ('txt', 'md', 'html', 'pdf', 'docx', 'epub', 'paste')),
      source_encoding TEXT NOT NULL,
      text TEXT NOT NULL,
      blocks TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL REFERENCES analysts (id),
      -- SHA-256 (hex) of the imported file's bytes, or NULL (pasted text, documents imported before)
      source_sha256 TEXT
    ) STRICT;
    INSERT INTO documents_with_sources (id, sha256, title, author, outlet, published_at, original_name, format,
      source_encoding, text, blocks, imported_at, imported_by)
      SELECT id, sha256, title, author, outlet, published_at, original_name, format, source_encoding, text, blocks,
        imported_at, imported_by FROM documents;
    DROP TABLE documents;
    ALTER TABLE documents_with_sources RENAME TO documents;
    CREATE INDEX documents_by_source_sha256 ON documents (source_sha256) WHERE source_sha256 IS NOT NULL;
    CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
      BEGIN SELECT RAISE(ABORT, 'documents are immutable once imported'); END;
    CREATE TRIGGER documents_kept BEFORE DELETE ON documents
      BEGIN SELECT RAISE(ABORT, 'documents are never deleted'); END;
  `,
};

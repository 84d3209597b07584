// Migration 80: suggestions an analyst rejected, remembered so they are not offered again (and merged by key).
import type { Migration } from './index';

export const rejectedSuggestions: Migration = {
  version: 80,
  name: 'rejected suggestions',
  up: `
    -- One row per rejected suggestion; the key hashes the text, kind, span and actor, so it is the same in every
    -- copy of the project. Rows are only added (a merge takes the union); the quote is kept for people to read.
    CREATE TABLE rejected_suggestions (
      key TEXT PRIMARY KEY,
      document_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      start INTEGER NOT NULL,
      "end" INTEGER NOT NULL,
      quote TEXT NOT NULL,
      analyst_id TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
  `,
};

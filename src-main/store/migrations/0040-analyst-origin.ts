// Migration 40: where each analyst identity came from (made here, merged from a teammate's file, imported).
import type { Migration } from './index';

export const analystOrigin: Migration = {
  version: 40,
  name: 'analyst origin',
  up: `
    -- 'local', 'merged from “Project”' or 'imported from “file”': shown wherever two analysts share a name.
    ALTER TABLE analysts ADD COLUMN origin TEXT NOT NULL DEFAULT 'local';
    -- Files from before: an analyst who never took an action here came in with a teammate's file.
    UPDATE analysts SET origin = 'merged from a teammate’s file' WHERE id NOT IN (SELECT analyst_id FROM history);
  `,
};

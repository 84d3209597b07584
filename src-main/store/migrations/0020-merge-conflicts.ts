// Migration 20: conflicts found when merging teammates' files, kept for review.
import type { Migration } from './index';

export const mergeConflicts: Migration = {
  version: 20,
  name: 'merge conflicts',
  up: `
    -- An annotation or actor edited on both sides (or edited on one, deleted on the other). The newer version
    -- won; the other stays in the change log. Rows are never deleted; a reviewer resolves them.
    CREATE TABLE merge_conflicts (
      id TEXT PRIMARY KEY,
      entity_type TEXT NOT NULL CHECK (entity_type IN ('annotation', 'actor')),
      entity_id TEXT NOT NULL,
      winner_change_id TEXT NOT NULL,
      loser_change_id TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      resolved_at TEXT,
      UNIQUE (entity_id, winner_change_id, loser_change_id)
    ) STRICT;
  `,
};

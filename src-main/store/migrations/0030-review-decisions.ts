// Migration 30: a reviewer's decision on each tag (status, reviewer, time, comment), kept on the tag as JSON.
import type { Migration } from './index';

export const reviewDecisions: Migration = {
  version: 30,
  name: 'review decisions',
  up: `
    -- NULL until a reviewer decides; changed like any other edit, so it is logged, undoable and merged.
    ALTER TABLE annotations ADD COLUMN review TEXT;
  `,
};

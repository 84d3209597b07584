// The ordered list of schema migrations. Append only: a shipped migration is never edited.
import { initialSchema } from './0010-initial-schema';
import { mergeConflicts } from './0020-merge-conflicts';
import { reviewDecisions } from './0030-review-decisions';
import { analystOrigin } from './0040-analyst-origin';
import { documentSources } from './0050-document-sources';
import { searchAndChecks } from './0060-search-and-checks';
import { rejectedSuggestions } from './0080-rejected-suggestions';
import { documentDetails } from './0090-document-details';
import { compactChangeLog } from './0100-compact-change-log';
import { removedDocumentsIndex } from './0120-removed-documents-index';
import { keyedTags } from './0130-keyed-tags';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; numbered in tens. */
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

export const MIGRATIONS: readonly Migration[] = [initialSchema, mergeConflicts, reviewDecisions, analystOrigin, documentSources, searchAndChecks, rejectedSuggestions, documentDetails, compactChangeLog, removedDocumentsIndex, keyedTags];

/** The schema version this build of Marginalia writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

// What changed in an open project since the last look — by this process or by another (the CLI, another window,
// a merge) — turned into one event for every client to refresh what it shows. Runs where the Workbench runs.
import type { ProjectDataEvent } from '../../src-shared/api/events';
import { documentsChangedSince, latestDocumentChangeSeq } from '../store/document-changes';
import type { Db } from '../store/open-project';

/** Past this many changed entities an event says "everything" instead of naming documents. */
const MAX_NAMED = 500;

interface Stamps {
  seq: number;
  /** The latest entry of the documents' details log. */
  documentSeq: number;
  documents: string;
  analysts: string;
  /** The latest rejected suggestion (rows are only added). */
  rejectedRowid: number;
}

function stampsOf(db: Db): Stamps {
  const seq = (db.prepare('SELECT ifnull(max(seq), 0) AS seq FROM changes').get() as { seq: number }).seq;
  const documents = (db.prepare("SELECT count(*) || ':' || ifnull(max(rowid), 0) AS stamp FROM documents").get() as { stamp: string }).stamp;
  const analysts = (db.prepare("SELECT count(*) || ':' || ifnull(group_concat(id || '=' || display_name, ','), '') AS stamp FROM analysts").get() as { stamp: string }).stamp;
  const rejectedRowid = (db.prepare('SELECT ifnull(max(rowid), 0) AS rowid FROM rejected_suggestions').get() as { rowid: number }).rowid;
  return { seq, documentSeq: latestDocumentChangeSeq(db), documents, analysts, rejectedRowid };
}

/**
 * Watches one project database. `check()` after every request this process served; `poll()` on a timer catches
 * commits by other connections (SQLite's data_version moves only for those).
 */
export class ChangeFeed {
  private stamps: Stamps;
  private dataVersion: number;

  constructor(
    private readonly db: Db,
    private readonly emit: (event: ProjectDataEvent, origin: string | null) => void,
  ) {
    this.stamps = stampsOf(db);
    this.dataVersion = this.readDataVersion();
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Emits one event if anything changed since the last check; `origin` names the client whose request it was. */
  check(origin: string | null): void {
    if (!this.db.open) return;
    // Another connection committed since the last look (the CLI, while this request ran): what changed is not only
    // the requester's doing, so every client hears of it, the requester included.
    const version = this.readDataVersion();
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      origin = null;
    }
    const now = stampsOf(this.db);
    const before = this.stamps;
    this.stamps = now;
    const analysts = now.analysts !== before.analysts;
    // A document's details edited, removed or restored: the list changes, and so does the document itself.
    const detailed = now.documentSeq === before.documentSeq ? [] : documentsChangedSince(this.db, before.documentSeq);
    const documents = now.documents !== before.documents || detailed.length > 0;
    // A suggestion rejected elsewhere: its document's suggestions change.
    const rejectedIn =
      now.rejectedRowid === before.rejectedRowid
        ? []
        : (this.db.prepare('SELECT DISTINCT document_id AS id FROM rejected_suggestions WHERE rowid > ? LIMIT 1000').all(before.rejectedRowid) as { id: string }[]).map((r) => r.id);
    if (now.seq === before.seq && !documents && !analysts && rejectedIn.length === 0) return;
    const changed = this.db
      .prepare(`SELECT entity_type AS type, coalesce(json_extract(after, '$.documentId'), (SELECT document_id FROM annotations WHERE id = entity_id)) AS documentId
         FROM changes WHERE seq > ? ORDER BY seq LIMIT ${MAX_NAMED + 1}`)
      .all(before.seq) as { type: string; documentId: string | null }[];
    const everything = changed.length > MAX_NAMED;
    const documentIds = everything ? [] : [...new Set([...changed.flatMap((c) => (c.type === 'annotation' && c.documentId ? [c.documentId] : [])), ...detailed, ...rejectedIn])].slice(0, 1000);
    const actors = everything || changed.some((c) => c.type === 'actor');
    this.emit({ type: 'project-data', everything, documentIds, documents, actors, analysts }, origin);
  }

  /** Looks for commits made through other connections to the same file. */
  poll(): void {
    if (!this.db.open) return;
    if (this.readDataVersion() !== this.dataVersion) this.check(null);
  }
}

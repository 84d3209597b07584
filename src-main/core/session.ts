// A project opened by the core: the database, the analyst acting on it, and the clock and id source.
import { randomUUID } from 'node:crypto';
import type { Analyst } from '../../src-shared/api/contract';
import type { AnalystId, ProjectId } from '../../src-shared/model/ids';
import { UserError } from '../../src-shared/model/result';
import { createProjectDatabase, openProjectDatabase, type Db } from '../store/open-project';
import { analystByName, insertAnalyst, insertProjectMeta, renameAnalyst } from '../store/project-meta';
import { APP_VERSION } from './version';

export interface SessionOptions {
  /** The display name stamped on everything this session writes; null for read-only use. */
  analystName?: string | null;
  /** A clock returning ISO timestamps; tests pass a fixed one. */
  now?: () => string;
}

/** Something that lives as long as the session that owns it (a merge preview, teammates' files opened for review). */
export interface SessionPart {
  close(): void;
}

/** One open project file and who is working on it. Every write goes through `db` in a transaction. */
export class ProjectSession {
  private committedAnalyst: Analyst | null = null;
  private readonly parts = new Map<new () => SessionPart, SessionPart>();
  readonly now: () => string;
  /**
   * The client (window or page) whose request is being answered, set by the Workbench around each request; null
   * for the CLI and tests. Actions remember it so that an undo from one window never takes back another's.
   */
  origin: string | null = null;
  private readonly historyOrigins = new Map<number, string | null>();

  constructor(
    readonly db: Db,
    readonly path: string,
    private analystName: string | null,
    now?: () => string,
  ) {
    this.now = now ?? (() => new Date().toISOString());
  }

  newId<T extends string>(): T {
    return randomUUID() as T;
  }

  /** The analyst as recorded in this file, if they have written anything yet. */
  currentAnalyst(): Analyst | null {
    if (this.committedAnalyst) return this.committedAnalyst;
    if (!this.analystName) return null;
    return analystByName(this.db, this.analystName) ?? null;
  }

  /**
   * The analyst to stamp on a write; recorded in the file on first use. Remembered only once it is committed:
   * a row written inside a transaction that is then rolled back must not be reused.
   */
  analystForWriting(): Analyst {
    const existing = this.currentAnalyst();
    if (existing) return this.remember(existing);
    if (!this.analystName) {
      throw new UserError('no_analyst', 'Who is tagging? Set your name first (the --analyst option or MARGINALIA_ANALYST).');
    }
    const analyst = { id: this.newId<AnalystId>(), name: this.analystName };
    insertAnalyst(this.db, { ...analyst, createdAt: this.now() });
    return this.remember(analyst);
  }

  private remember(analyst: Analyst): Analyst {
    if (!this.db.inTransaction) this.committedAnalyst = analyst;
    return analyst;
  }

  /** Changes who this session writes as: the analyst of that name in this file, or a new one on first write. */
  setAnalystName(name: string | null): void {
    this.analystName = cleanAnalystName(name);
    this.committedAnalyst = null;
  }

  /**
   * The user renamed themselves (the app's name setting changed). Someone who has written here already is renamed in
   * place — the same identity, so their tags carry the new name — unless another analyst of the file has that name:
   * then the session writes as that one.
   */
  renameYourself(name: string | null): void {
    const current = this.currentAnalyst();
    this.setAnalystName(name);
    const cleaned = this.analystName;
    if (!current || cleaned === null || cleaned === current.name || this.db.readonly || analystByName(this.db, cleaned)) return;
    this.db.transaction(() => renameAnalyst(this.db, current.id, cleaned))();
    this.committedAnalyst = { id: current.id, name: cleaned };
  }

  /** Remembers which client made a history entry (for this run only: after a restart every window is new). */
  noteHistoryOrigin(historyId: number): void {
    this.historyOrigins.set(historyId, this.origin);
  }

  /** Whether the current client may undo or redo the entry: its own, one of unknown origin, or any from the CLI. */
  mayUndo(historyId: number): boolean {
    if (this.origin === null) return true;
    const madeBy = this.historyOrigins.get(historyId);
    return madeBy === undefined || madeBy === null || madeBy === this.origin;
  }

  /** This session's one instance of `Part`, made on first use and closed with the session. */
  part<T extends SessionPart>(Part: new () => T): T {
    const existing = this.parts.get(Part);
    if (existing) return existing as T;
    const made = new Part();
    this.parts.set(Part, made);
    return made;
  }

  close(): void {
    for (const part of this.parts.values()) part.close();
    this.parts.clear();
    if (this.db.open) this.db.close();
  }
}

function cleanAnalystName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') return null;
  if (trimmed.length > 100) throw new UserError('invalid_request', 'An analyst name is at most 100 characters.');
  return trimmed;
}

/** Creates a new project file at `path` and opens it. */
export function createProject(path: string, name: string, options: SessionOptions = {}): ProjectSession {
  const projectName = name.trim();
  if (projectName === '') throw new UserError('invalid_request', 'A project needs a name.');
  const db = createProjectDatabase(path);
  const session = new ProjectSession(db, path, cleanAnalystName(options.analystName), options.now);
  insertProjectMeta(db, { id: session.newId<ProjectId>(), name: projectName, createdAt: session.now(), createdWithVersion: APP_VERSION });
  return session;
}

/** Opens an existing project file (migrating it if it was written by an older version). */
export function openProject(path: string, options: SessionOptions & { readOnly?: boolean } = {}): ProjectSession {
  const db = openProjectDatabase(path, { readOnly: options.readOnly === true });
  return new ProjectSession(db, path, cleanAnalystName(options.analystName), options.now);
}

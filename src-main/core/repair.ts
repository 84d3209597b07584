// Rebuilding a clean project from a damaged or hostile project file: only its rows that pass a merge's validation.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Actor } from '../../src-shared/model/actor';
import type { Annotation } from '../../src-shared/model/annotation';
import type { Document } from '../../src-shared/model/document';
import { UserError } from '../../src-shared/model/result';
import { STORED_ANNOTATIONS } from '../store/annotations';
import { CHANGES_WITH_SNAPSHOTS_BY_ID, storedChanges, type ChangeRecord } from '../store/changes';
import { assertOpenableProject, type Db } from '../store/open-project';
import { schemaProblem } from '../store/schema-check';
import { applyMerge } from './merge/apply';
import {
  actorOfRow, AnalystRowSchema, annotationOfRow, changeOfRow, CHANGES_SQL, checkName, documentOfRow, documentsSql, openCopyReadOnly,
  ProjectRowSchema, RecordInspector, RefusedFile, type IncomingProject,
} from './merge/incoming';
import { planMerge } from './merge/plan';
import { newPrivateFolder } from './private-files';
import { readInputFile } from './read-input-file';
import { createProject } from './session';

/** What one kind of record came through as: how many rows were kept and dropped, and why the first was dropped. */
class Tally {
  kept = 0;
  dropped = 0;
  firstReason: string | null = null;
  constructor(readonly label: string) {}

  drop(reason: string): void {
    this.dropped++;
    this.firstReason ??= reason;
  }

  line(): string {
    const dropped = this.dropped === 0 ? '' : `, dropped ${this.dropped} (${this.firstReason ?? 'unreadable'}${this.dropped > 1 ? ', and others' : ''})`;
    return `${this.label}: kept ${this.kept}${dropped}`;
  }
}

function isSqliteError(error: unknown): boolean {
  return (error as { code?: unknown }).code?.toString().startsWith('SQLITE_') === true;
}

/**
 * The rows of one of our tables, by plain SELECT. A table the file lacks (or that is a view there: views are never
 * queried) gives none; a damaged stretch ends the table, counted as dropped.
 */
function* rowsOf(db: Db, tables: ReadonlySet<string>, table: string, sql: string, tally: Tally): Generator<Record<string, unknown>> {
  if (!tables.has(table)) {
    tally.drop(`the file has no ${table} table`);
    return;
  }
  try {
    for (const row of db.prepare(sql).iterate()) yield row as Record<string, unknown>;
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    tally.drop(`the rest of the ${table} table cannot be read`);
  }
}

/** Whether the file stores its tags by key (migration 130): it has their table and both tables of keys. */
const keyed = (tables: ReadonlySet<string>): boolean => tables.has('annotation_rows') && tables.has('document_keys') && tables.has('analyst_keys');

/** The change log's query: snapshots put back from the tags' rows, unless the file has no table of them (views are never queried). */
function changesSql(tables: ReadonlySet<string>): string {
  if (keyed(tables)) return CHANGES_SQL;
  return tables.has('annotations') ? `${CHANGES_WITH_SNAPSHOTS_BY_ID} ORDER BY c.seq` : `${storedChanges(hasAnalystKeys(tables) ? 'keyed' : 'by id')} ORDER BY c.seq`;
}

/** A file whose tags' table is gone still stores its log's analysts by key if it was made since migration 130. */
const hasAnalystKeys = (tables: ReadonlySet<string>): boolean => tables.has('analyst_keys');

/** The tags' query: from their table with their ids put back (since migration 130), or the table of the files before. */
function annotationsSql(tables: ReadonlySet<string>): { table: string; sql: string } {
  return keyed(tables) ? { table: 'annotation_rows', sql: STORED_ANNOTATIONS } : { table: 'annotations', sql: 'SELECT * FROM annotations' };
}

/** Keeps a row if `read` validates it, else counts it as dropped with the validation's reason. */
function kept<T>(tally: Tally, read: () => T): T | null {
  try {
    const value = read();
    tally.kept++;
    return value;
  } catch (error) {
    if (!(error instanceof RefusedFile)) throw error;
    tally.drop(error.message);
    return null;
  }
}

interface Salvage {
  incoming: IncomingProject;
  tallies: Tally[];
  schema: string | null;
}

/** Everything in the private copy that passes validation, as a teammate's file to merge into an empty project. */
function salvage(db: Db, fallbackName: string, close: () => void): Salvage {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as unknown[]).map(String));
  const [analystTally, documentTally, tagTally, actorTally, changeTally] = ['analysts', 'documents', 'tags', 'actors', 'changes'].map((l) => new Tally(l)) as [Tally, Tally, Tally, Tally, Tally];
  const projectRow = [...rowsOf(db, tables, 'project', 'SELECT id, name FROM project WHERE singleton = 1', new Tally('project'))][0];
  const inspector = new RecordInspector();
  const project = kept(new Tally('project'), () => {
    const parsed = ProjectRowSchema.safeParse(projectRow);
    if (!parsed.success) throw new RefusedFile('the project record is malformed');
    checkName(parsed.data.name, 'the project name');
    return parsed.data;
  }) ?? { id: '', name: fallbackName };

  const analysts = new Map<string, { id: string; name: string }>();
  for (const row of rowsOf(db, tables, 'analysts', 'SELECT id, display_name AS name FROM analysts', analystTally)) {
    const analyst = kept(analystTally, () => {
      const parsed = AnalystRowSchema.safeParse(row);
      if (!parsed.success) throw new RefusedFile('an analyst record is malformed');
      if (analysts.has(parsed.data.id)) throw new RefusedFile('an analyst is listed twice');
      inspector.inspect(parsed.data, 'an analyst');
      checkName(parsed.data.name, 'an analyst’s name');
      return parsed.data;
    });
    if (analyst) analysts.set(analyst.id, analyst);
  }
  const documents = new Map<string, Document>();
  const hashes = new Set<string>();
  let index = 0;
  // A file made before documents kept the SHA-256 of their source file is read without that column.
  const hasSourceSha256 = tables.has('documents') && db.prepare("SELECT 1 FROM pragma_table_info('documents') WHERE name = 'source_sha256'").get() !== undefined;
  for (const row of rowsOf(db, tables, 'documents', documentsSql(hasSourceSha256), documentTally)) {
    const document = kept(documentTally, () => {
      const d = documentOfRow(row, index++, inspector);
      if (documents.has(d.id) || hashes.has(d.sha256)) throw new RefusedFile(`“${d.title}” is in the file twice`);
      if (!analysts.has(d.importedBy)) throw new RefusedFile(`“${d.title}” was imported by an analyst who is not in the file`);
      return d;
    });
    if (!document) continue;
    documents.set(document.id, document);
    hashes.add(document.sha256);
  }
  const texts = new Map([...documents.values()].map((d) => [d.id as string, d.text]));

  const changes = new Map<string, { parentId: string | null; analystId: string }>();
  index = 0;
  for (const row of rowsOf(db, tables, 'changes', changesSql(tables), changeTally)) {
    const change = kept(changeTally, () => {
      const c = changeOfRow(row, index++, texts, inspector);
      if (changes.has(c.id)) throw new RefusedFile('its change log repeats an entry');
      if (!analysts.has(c.analystId)) throw new RefusedFile('a change names an analyst who is not in the file');
      if (c.parentId !== null && !changes.has(c.parentId)) throw new RefusedFile('a change follows one that was dropped or is missing');
      return c;
    });
    if (change) changes.set(change.id, { parentId: change.parentId, analystId: change.analystId });
  }

  const withHistory = (what: string, head: string, analystId: string): void => {
    if (!changes.has(head)) throw new RefusedFile(`${what} has no history in the change log`);
    if (!analysts.has(analystId)) throw new RefusedFile(`${what} names an analyst who is not in the file`);
  };
  const annotations: { annotation: Annotation; headChangeId: string }[] = [];
  const seen = new Set<string>();
  index = 0;
  const tags = annotationsSql(tables);
  for (const row of rowsOf(db, tables, tags.table, tags.sql, tagTally)) {
    const tag = kept(tagTally, () => {
      const t = annotationOfRow(row, index++, texts, inspector);
      if (seen.has(t.annotation.id)) throw new RefusedFile('a tag is in the file twice');
      withHistory(`the tag ${t.annotation.id}`, t.headChangeId, t.annotation.analystId);
      return t;
    });
    if (!tag) continue;
    annotations.push(tag);
    seen.add(tag.annotation.id);
  }
  const actors: { actor: Actor; headChangeId: string }[] = [];
  index = 0;
  for (const row of rowsOf(db, tables, 'actors', 'SELECT * FROM actors', actorTally)) {
    const actor = kept(actorTally, () => {
      const a = actorOfRow(row, index++, inspector);
      if (seen.has(a.actor.id)) throw new RefusedFile(`the actor “${a.actor.name}” is in the file twice`);
      withHistory(`the actor “${a.actor.name}”`, a.headChangeId, a.actor.analystId);
      return a;
    });
    if (!actor) continue;
    actors.push(actor);
    seen.add(actor.actor.id);
  }

  const readChanges = function* (): Iterable<ChangeRecord> {
    const yielded = new Set<string>();
    for (const row of db.prepare(changesSql(tables)).iterate() as Iterable<ChangeRecord>) {
      if (!changes.has(row.id) || yielded.has(row.id)) continue;
      yielded.add(row.id);
      yield { ...row, historyId: null };
    }
  };
  return {
    incoming: {
      project,
      analysts: [...analysts.values()],
      documents: [...documents.values()],
      actors,
      annotations,
      changes: [...changes].map(([id, light]) => ({ id, ...light })),
      latestTimestamp: inspector.latest,
      readChanges,
      close,
    },
    tallies: [analystTally, documentTally, tagTally, actorTally, changeTally],
    schema: schemaProblem(db),
  };
}

/**
 * Writes a new project at `outPath` holding every row of the project file at `path` that passes the validation of a
 * merge — no schema object, trigger or view of the file is carried over or run. The file is read from a private copy
 * and never changed; `outPath` must not exist. Returns one line per kind of record: what was kept and dropped.
 */
export function repairProject(path: string, outPath: string, now: () => string = () => new Date().toISOString()): string[] {
  assertOpenableProject(path);
  if (existsSync(outPath)) throw new UserError('project_exists', `"${outPath}" already exists; choose another name for the repaired project.`);
  const dir = newPrivateFolder('repair');
  const copy = join(dir, 'damaged.marginalia');
  let db: Db | undefined;
  const close = () => {
    if (db?.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Read as every command reads a file it is given: regular files only, within the size limit, checked before reading.
    writeFileSync(copy, readInputFile(path, 'project'));
    // Commits still in the file's write-ahead log are part of it.
    if (existsSync(`${path}-wal`)) writeFileSync(`${copy}-wal`, readInputFile(`${path}-wal`, 'project'));
    db = openCopyReadOnly(copy);
    const { incoming, tallies, schema } = salvage(db, basename(path).replace(/\.marginalia$/i, ''), close);
    const session = createProject(outPath, incoming.project.name, { now });
    try {
      const at = now();
      applyMerge(session.db, planMerge(session.db, incoming, at), incoming, at);
    } catch (error) {
      session.close();
      for (const file of [outPath, `${outPath}-wal`, `${outPath}-shm`]) rmSync(file, { force: true });
      throw error;
    }
    session.close();
    return [
      `project: “${incoming.project.name}”`,
      ...tallies.map((t) => t.line()),
      schema ? `schema: rebuilt as Marginalia makes it; the file ${schema}` : 'schema: as Marginalia makes it',
      'not carried over: the undo history and unresolved merge conflicts',
    ];
  } catch (error) {
    if (isSqliteError(error)) throw new UserError('project_corrupt', `"${path}" is too damaged to read; nothing was written.`);
    throw error;
  } finally {
    close();
  }
}

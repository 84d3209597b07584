// Reading a teammate's project file as untrusted input: a private copy, opened read-only, checked and validated.
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as z from 'zod';
import { describeOverLimit, FILE_LIMITS } from '../../../src-shared/api/limits';
import { ActorSchema, type Actor } from '../../../src-shared/model/actor';
import { ATTRIBUTE_SCHEMAS, AnnotationSchema, ReviewSchema, type Annotation } from '../../../src-shared/model/annotation';
import { BlockSchema, DocumentFormatSchema, DocumentRecordSchema, type Document, type DocumentRecord } from '../../../src-shared/model/document';
import { AnalystIdSchema, ChangeIdSchema, DocumentIdSchema, ProjectIdSchema, TimestampSchema, IsoDateSchema } from '../../../src-shared/model/ids';
import { UserError } from '../../../src-shared/model/result';
import { rangeProblem, textTargetFor } from '../../../src-shared/text/quote';
import { LATEST_SCHEMA_VERSION } from '../../store/migrations/index';
import { assertOpenableProject, migrate, type Db } from '../../store/open-project';
import { schemaProblem } from '../../store/schema-check';
import { CHANGES_WITH_SNAPSHOTS, CHANGES_WITH_SNAPSHOTS_AND_ORIGIN, type ChangeRecord } from '../../store/changes';
import { DOCUMENT_CHANGES_SQL, type DocumentChangeRecord } from '../../store/document-changes';
import { allRejectedSuggestions, type RejectedSuggestion } from '../../store/rejected-suggestions';
import { sha256Hex } from '../document-service';
import { newPrivateFolder } from '../private-files';

/** The largest teammate file Marginalia reads. */
export const MAX_INCOMING_BYTES = FILE_LIMITS.project;

export interface IncomingProject {
  project: { id: string; name: string };
  analysts: { id: string; name: string }[];
  documents: Document[];
  actors: { actor: Actor; headChangeId: string }[];
  /**
   * Every tag, validated, and the change that produced it. A teammate's file gives them one at a time, read again from
   * its checked private copy on each pass, so that the tags of a large file are never all held in memory.
   */
  annotations: Iterable<{ annotation: Annotation; headChangeId: string }>;
  /** The details of documents edited or removed in the file (absent when not read, as by repair). */
  documentRecords?: { record: DocumentRecord; headChangeId: string }[];
  /** The log of documents' details: each entry's id, the entry it was based on and its analyst (absent when not read). */
  documentChanges?: { id: string; parentId: string | null; analystId: string }[];
  /** Its full entries, read again from the checked private copy, oldest first. */
  readDocumentChanges?(): Iterable<DocumentChangeRecord>;
  /** Every change's id, the change it was based on and its analyst; the snapshots stay on disk until written. */
  changes: { id: string; parentId: string | null; analystId: string }[];
  /** Suggestions rejected in the file (absent when not read, as by repair): merged by key. */
  rejectedSuggestions?: RejectedSuggestion[];
  /** The latest date anywhere in the file (rows and change log), in milliseconds: a merge clamps dates from the future. */
  latestTimestamp: number;
  /** The full change records, read again from the checked private copy, oldest first. */
  readChanges(): Iterable<ChangeRecord>;
  /** Closes the private copy and deletes it. */
  close(): void;
}

/** Every tag of a project file: read once to check each, then again (the same rows, in the same order) on each pass. */
const ANNOTATIONS_SQL = 'SELECT * FROM annotations';

/** The tags of a checked private copy, one at a time. */
function* checkedAnnotations(db: Db): Generator<IncomingTag> {
  for (const row of db.prepare(ANNOTATIONS_SQL).iterate() as IterableIterator<Record<string, unknown>>) yield annotationOfCheckedRow(row);
}

/** Every change record of a project file, oldest first, under the names of ChangeRecord. */
export const CHANGES_SQL = `${CHANGES_WITH_SNAPSHOTS} ORDER BY c.seq`;

/** Why a teammate's file is refused; readIncomingProject words it for what the file was read for. */
export class RefusedFile extends Error {}

function refuse(what: string): never {
  throw new RefusedFile(what);
}

/** What a teammate's file is read for: the refusal says so. */
export type IncomingPurpose = 'merge' | 'review';

function refusal(reason: string, purpose: IncomingPurpose): UserError {
  return new UserError(
    'untrusted_content',
    purpose === 'merge'
      ? `This file cannot be merged: ${reason}. Nothing was changed.`
      : `This file cannot be opened for review: ${reason}. This project was not changed.`,
  );
}

/** Opens the private copy without trusting anything in it: no schema code runs, no memory mapping, checked cells. */
export function openCopyReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
  db.pragma('mmap_size = 0');
  db.pragma('query_only = ON');
  return db;
}

const ChangeRowSchema = z.object({
  id: ChangeIdSchema,
  entityType: z.enum(['annotation', 'actor', 'document']),
  entityId: z.uuid(),
  op: z.enum(['create', 'update', 'delete', 'restore']),
  parentId: ChangeIdSchema.nullable(),
  before: z.string().max(1_000_000).nullable(),
  after: z.string().max(1_000_000),
  analystId: AnalystIdSchema,
  at: TimestampSchema,
  cause: z.enum(['edit', 'undo', 'redo', 'merge']),
});

const DocumentRowSchema = z.object({
  id: DocumentIdSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  title: z.string().max(2_000),
  author: z.string().max(2_000).nullable(),
  outlet: z.string().max(2_000).nullable(),
  publishedAt: IsoDateSchema.nullable(),
  originalName: z.string().max(1_000),
  format: DocumentFormatSchema,
  sourceEncoding: z.string().max(100),
  text: z.string().max(20_000_000),
  blocks: z.string(),
  importedAt: TimestampSchema,
  importedBy: AnalystIdSchema,
  sourceSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
});

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return refuse(`${what} is not valid JSON`);
  }
}

function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse(`${what} is malformed (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'})`);
  }
  return parsed.data;
}

function readDocuments(db: Db, inspector: RecordInspector): Document[] {
  return db.prepare(documentsSql()).all().map((raw, index) => documentOfRow(raw, index, inspector));
}

/**
 * Every document of a project file, under the names of Document, with the SHA-256 of the file it was imported from
 * (its provenance travels with it). Files made before that column existed (format 50) are read without it.
 */
export function documentsSql(hasSourceSha256 = true): string {
  return `SELECT id, sha256, title, author, outlet, published_at AS publishedAt, original_name AS originalName, format,
  source_encoding AS sourceEncoding, text, blocks, imported_at AS importedAt, imported_by AS importedBy${hasSourceSha256 ? ', source_sha256 AS sourceSha256' : ''} FROM documents`;
}

/** One row of documentsSql(), validated (its text matches its hash, its blocks fit its text); refuses it otherwise. */
export function documentOfRow(raw: unknown, index: number, inspector: RecordInspector): Document {
  const row = validated(DocumentRowSchema, raw, `document ${index + 1}`);
  inspector.inspect(row, `document ${index + 1}`);
  if (sha256Hex(row.text) !== row.sha256) refuse(`the text of “${row.title}” does not match its SHA-256`);
  const blocks = validated(z.array(BlockSchema).max(1_000_000), parseJson(row.blocks, `the blocks of “${row.title}”`), `the blocks of “${row.title}”`);
  let previousEnd = 0;
  for (const block of blocks) {
    if (block.start < previousEnd || block.end <= block.start || block.end > row.text.length) refuse(`the blocks of “${row.title}” do not fit its text`);
    previousEnd = block.end;
  }
  return { ...row, blocks, length: row.text.length };
}

/** An annotation must sit inside its document's text, with a quote and context that match that text. */
function checkAnchored(annotation: Annotation, texts: ReadonlyMap<string, string>): void {
  const text = texts.get(annotation.documentId);
  if (text === undefined) refuse(`a tag refers to a document that is not in the file`);
  if (annotation.target === null) {
    if (annotation.kind !== 'reliability_warning') refuse('a tag other than a reliability warning has no passage');
    return;
  }
  const { start, end } = annotation.target;
  if (rangeProblem(text, start, end) !== null) refuse(`a tag's offsets ${start}–${end} lie outside its document`);
  const expected = textTargetFor(text, start, end);
  const t = annotation.target;
  if (t.exact !== expected.exact || t.prefix !== expected.prefix || t.suffix !== expected.suffix) refuse(`a tag's quote does not match its document's text`);
}

/** A name shown on one line (analyst, project, actor): no control character, NUL included, and not blank. */
export function checkName(name: string, what: string): void {
  if (name.trim() === '') refuse(`${what} is blank`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) refuse(`${what} ${JSON.stringify(name.slice(0, 60))} contains a control character`);
}

/** What every record of the file is looked through for: its ids' case and its dates. */
export class RecordInspector {
  latest = 0;

  /**
   * Ids must be lower-case, as Marginalia writes every id: SQLite compares text exactly, so an upper-case copy of an
   * id would pass for a second record. Dates are `at` and the keys ending in `At`, except an article's publication date.
   */
  inspect(record: object, what: string): void {
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string') {
        if ((key === 'id' || key.endsWith('Id') || key === 'importedBy') && value !== value.toLowerCase()) {
          refuse(`${what} has an id in capitals (${value.slice(0, 40)}); Marginalia writes ids in lower case, so it is not a file Marginalia wrote`);
        }
        if ((key === 'at' || key.endsWith('At')) && key !== 'publishedAt') this.latest = Math.max(this.latest, Date.parse(value));
      } else if (typeof value === 'object' && value !== null && (key === 'review' || key === 'attributes')) this.inspect(value, what);
    }
  }
}

function mapRows<R, T>(rows: Iterable<R>, map: (row: R, index: number) => T): T[] {
  const result: T[] = [];
  let index = 0;
  for (const row of rows) result.push(map(row, index++));
  return result;
}

/** The project record: `SELECT id, name FROM project`. */
export const ProjectRowSchema = z.object({ id: ProjectIdSchema, name: z.string().max(500) });
/** One analyst: `SELECT id, display_name AS name FROM analysts`. */
export const AnalystRowSchema = z.object({ id: AnalystIdSchema, name: z.string().min(1).max(200) });

type IncomingTag = { annotation: Annotation; headChangeId: string };

/** The fields of a row of the annotations table under the names of Annotation, not yet validated. */
function annotationFields(row: Record<string, unknown>, index: number): Record<string, unknown> {
  const t = row.start_offset === null ? null : { start: row.start_offset, end: row.end_offset, exact: row.exact, prefix: row.prefix, suffix: row.suffix };
  return {
    id: row.id, documentId: row.document_id, kind: row.kind, target: t,
    attributes: typeof row.attributes === 'string' ? parseJson(row.attributes, `tag ${index + 1}'s attributes`) : null,
    note: row.note, analystId: row.analyst_id, createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at,
    review: typeof row.review === 'string' ? parseJson(row.review, `tag ${index + 1}'s review`) : null,
  };
}

/** One row of the annotations table (any file format), validated and anchored in its document; refuses it otherwise. */
export function annotationOfRow(row: Record<string, unknown>, index: number, texts: ReadonlyMap<string, string>, inspector: RecordInspector): IncomingTag {
  const annotation = validated(AnnotationSchema, annotationFields(row, index), `tag ${index + 1}`);
  checkAnchored(annotation, texts);
  const headChangeId = validated(ChangeIdSchema, row.head_change_id, `tag ${index + 1}'s version`) as string;
  inspector.inspect({ ...annotation, headChangeId }, `tag ${index + 1}`);
  return { annotation, headChangeId };
}

/**
 * A row that annotationOfRow accepted, read again from the same unchanged private copy: the same tag without
 * checking it again. Its attributes and review still go through their own (small) schemas, so their keys come out in
 * the order validation gives them, and the JSON written for them is the same.
 */
export function annotationOfCheckedRow(row: Record<string, unknown>): IncomingTag {
  const fields = annotationFields(row, 0) as Annotation;
  const annotation = {
    ...fields,
    attributes: ATTRIBUTE_SCHEMAS[fields.kind].parse(fields.attributes),
    review: fields.review === null ? null : ReviewSchema.parse(fields.review),
  } as Annotation;
  return { annotation, headChangeId: row.head_change_id as string };
}

/** One row of the actors table, validated; refuses it otherwise. */
export function actorOfRow(row: Record<string, unknown>, index: number, inspector: RecordInspector): IncomingProject['actors'][number] {
  const actor = validated(
    ActorSchema,
    {
      id: row.id, name: row.name, kind: row.kind,
      aliases: typeof row.aliases === 'string' ? parseJson(row.aliases, `actor ${index + 1}'s aliases`) : null,
      analystId: row.analyst_id, createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at,
    },
    `actor ${index + 1}`,
  );
  for (const name of [actor.name, ...actor.aliases]) checkName(name, `actor ${index + 1}’s name`);
  const headChangeId = validated(ChangeIdSchema, row.head_change_id, `actor ${index + 1}'s version`) as string;
  inspector.inspect({ ...actor, headChangeId }, `actor ${index + 1}`);
  return { actor, headChangeId };
}

const RejectedSuggestionRowSchema = z.strictObject({
  key: z.string().regex(/^[0-9a-z]{1,64}$/),
  documentId: DocumentIdSchema,
  kind: z.enum(['actor', 'figure', 'claim']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string().max(20_000),
  analystId: AnalystIdSchema,
  at: TimestampSchema,
});

function readAll(db: Db): Omit<IncomingProject, 'readChanges' | 'close'> {
  const projectRow = db.prepare('SELECT id, name FROM project WHERE singleton = 1').get();
  const inspector = new RecordInspector();
  const project = validated(ProjectRowSchema, projectRow, 'the project record');
  inspector.inspect(project, 'the project record');
  checkName(project.name, 'the project name');
  const analysts = validated(
    z.array(AnalystRowSchema),
    db.prepare('SELECT id, display_name AS name FROM analysts').all(),
    'the analysts',
  );
  for (const analyst of analysts) {
    inspector.inspect(analyst, 'an analyst');
    checkName(analyst.name, 'an analyst’s name');
  }
  const documents = readDocuments(db, inspector);
  const texts = new Map(documents.map((d) => [d.id as string, d.text]));
  // Rows are streamed (iterate, not all): each tag is checked and let go, and only its id and head are kept here.
  const heads = new Map<string, string>();
  let index = 0;
  for (const row of db.prepare(ANNOTATIONS_SQL).iterate() as IterableIterator<Record<string, unknown>>) {
    const { annotation, headChangeId } = annotationOfRow(row, index++, texts, inspector);
    heads.set(annotation.id, headChangeId);
  }
  const annotations = { [Symbol.iterator]: () => checkedAnnotations(db) };
  const actors = mapRows(db.prepare('SELECT * FROM actors').iterate() as IterableIterator<Record<string, unknown>>, (row, index) => actorOfRow(row, index, inspector));
  const documentRecords = readDocumentRecords(db, texts, inspector);
  const changes = checkChangeLog(db, heads, actors, new Set(analysts.map((a) => a.id)), texts, inspector);
  const documentChanges = checkDocumentChangeLog(db, new Set(analysts.map((a) => a.id)), texts, inspector);
  const documentChangeIds = new Set(documentChanges.map((c) => c.id));
  for (const { record, headChangeId } of documentRecords) {
    if (!documentChangeIds.has(headChangeId)) refuse(`the details of “${record.title}” have no history in the change log`);
  }
  const rejectedSuggestions = validated(z.array(RejectedSuggestionRowSchema), allRejectedSuggestions(db), 'the rejected suggestions');
  for (const row of rejectedSuggestions) {
    inspector.inspect(row, 'a rejected suggestion');
    if (!texts.has(row.documentId)) refuse('a rejected suggestion names a document the file does not hold');
  }
  return { project, analysts, documents, actors, annotations, documentRecords, changes, documentChanges, rejectedSuggestions, latestTimestamp: inspector.latest };
}

/** The details of every document edited or removed in the file (a current file: its documents have these columns). */
function readDocumentRecords(db: Db, texts: ReadonlyMap<string, string>, inspector: RecordInspector): NonNullable<IncomingProject['documentRecords']> {
  const rows = db
    .prepare(
      `SELECT id, title, author, outlet, published_at AS publishedAt, edited_by AS analystId, edited_at AS updatedAt, deleted_at AS deletedAt,
         head_change_id AS headChangeId FROM documents WHERE head_change_id IS NOT NULL`,
    )
    .all() as Record<string, unknown>[];
  return rows.map(({ headChangeId, ...raw }, index) => {
    const record = validated(DocumentRecordSchema, raw, `the details of document ${index + 1}`);
    const head = validated(ChangeIdSchema, headChangeId, `the details of document ${index + 1}`) as string;
    if (!texts.has(record.id)) refuse('edited details name a document that is not in the file');
    checkName(record.title, `the title of document ${index + 1}`);
    inspector.inspect({ ...record, headChangeId: head }, `the details of document ${index + 1}`);
    return { record, headChangeId: head };
  });
}

/**
 * One row of CHANGES_SQL, validated with both its snapshots (valid records of the entity it names); refuses it
 * otherwise. `afterIsValidRow` says the `after` was put back from a tag's row already validated (annotationOfRow,
 * the same checks on the same columns), so it is not parsed and checked a second time.
 */
export function changeOfRow(
  raw: unknown,
  index: number,
  texts: ReadonlyMap<string, string>,
  inspector: RecordInspector,
  afterIsValidRow = false,
): z.infer<typeof ChangeRowSchema> {
  const what = `change ${index + 1}`;
  const change = validated(ChangeRowSchema, raw, what);
  inspector.inspect(change, what);
  for (const snapshot of afterIsValidRow ? [change.before] : [change.before, change.after]) {
    if (snapshot === null) continue;
    const value = parseJson(snapshot, 'a change-log entry');
    if (change.entityType === 'document') {
      const record = validated(DocumentRecordSchema, value, 'a change-log entry');
      if (record.id !== change.entityId) refuse('a change-log entry describes another document than it names');
      if (!texts.has(record.id)) refuse('a change-log entry names a document that is not in the file');
      checkName(record.title, `${what}’s document title`);
      inspector.inspect(record, what);
    } else if (change.entityType === 'annotation') {
      const annotation = validated(AnnotationSchema, value, 'a change-log entry');
      if (annotation.id !== change.entityId) refuse('a change-log entry describes another tag than it names');
      checkAnchored(annotation, texts);
      inspector.inspect(annotation, what);
    } else {
      const actor = validated(ActorSchema, value, 'a change-log entry');
      if (actor.id !== change.entityId) refuse('a change-log entry describes another actor than it names');
      for (const name of [actor.name, ...actor.aliases]) checkName(name, `${what}’s actor name`);
      inspector.inspect(actor, what);
    }
  }
  return change;
}

/**
 * Every change's snapshots must be valid records of their entity, and every current row must be a change's result.
 * The log is streamed: each snapshot is checked and let go, and only ids and parents are kept.
 */
function checkChangeLog(
  db: Db,
  heads: ReadonlyMap<string, string>,
  actors: IncomingProject['actors'],
  analystIds: ReadonlySet<string>,
  texts: ReadonlyMap<string, string>,
  inspector: RecordInspector,
): IncomingProject['changes'] {
  const ids = new Set<string>();
  const light: IncomingProject['changes'] = [];
  // A tag's current row (`heads`: tag id → its head entry), validated above, is the `after` of its head entry when that
  // entry leaves it to the row.
  let index = 0;
  for (const raw of db.prepare(`${CHANGES_WITH_SNAPSHOTS_AND_ORIGIN} ORDER BY c.seq`).iterate() as Iterable<{ afterIsTheRow: number; id: unknown; entityType: unknown; entityId: unknown }>) {
    const afterIsValidRow = raw.afterIsTheRow === 1 && raw.entityType === 'annotation' && typeof raw.entityId === 'string' && heads.get(raw.entityId) === raw.id;
    const change = changeOfRow(raw, index++, texts, inspector, afterIsValidRow);
    if (ids.has(change.id)) refuse('its change log repeats an entry');
    ids.add(change.id);
    light.push({ id: change.id, parentId: change.parentId, analystId: change.analystId });
    if (!analystIds.has(change.analystId)) refuse('its change log names an analyst who is not in the file');
  }
  for (const change of light) if (change.parentId !== null && !ids.has(change.parentId)) refuse('its change log refers to a missing entry');
  for (const [id, headChangeId] of heads) if (!ids.has(headChangeId)) refuse(`the tag ${id} has no history in the change log`);
  for (const { actor, headChangeId } of actors) if (!ids.has(headChangeId)) refuse(`the actor “${actor.name}” has no history in the change log`);
  return light;
}

/** The log of documents' details, checked like the tags' log: valid snapshots, no repeated or missing entry. */
function checkDocumentChangeLog(db: Db, analystIds: ReadonlySet<string>, texts: ReadonlyMap<string, string>, inspector: RecordInspector): NonNullable<IncomingProject['documentChanges']> {
  const ids = new Set<string>();
  const light: NonNullable<IncomingProject['documentChanges']> = [];
  let index = 0;
  for (const raw of db.prepare(`${DOCUMENT_CHANGES_SQL} ORDER BY seq`).iterate()) {
    const change = changeOfRow(raw, index++, texts, inspector);
    if (change.entityType !== 'document' || change.before === null) refuse('its log of document details holds another kind of entry');
    if (ids.has(change.id)) refuse('its log of document details repeats an entry');
    ids.add(change.id);
    light.push({ id: change.id, parentId: change.parentId, analystId: change.analystId });
    if (!analystIds.has(change.analystId)) refuse('its log of document details names an analyst who is not in the file');
  }
  for (const change of light) if (change.parentId !== null && !ids.has(change.parentId)) refuse('its log of document details refers to a missing entry');
  return light;
}

/**
 * Reads a teammate's project file for merging or side-by-side review. The file itself is never opened for writing
 * (nor attached to the live project): a private copy is checked (integrity, application id, version, exact schema)
 * and every row validated before anything is returned.
 */
export function readIncomingProject(path: string, purpose: IncomingPurpose = 'merge'): IncomingProject {
  assertOpenableProject(path);
  if (statSync(path).size > MAX_INCOMING_BYTES) throw refusal(`it ${describeOverLimit('project', statSync(path).size)}`, purpose);
  const dir = newPrivateFolder('incoming');
  const copy = join(dir, 'incoming.marginalia');
  let db: Db | undefined;
  const close = () => {
    if (db?.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    copyFileSync(path, copy);
    db = openCheckedCopy(copy);
    if ((db.pragma('user_version', { simple: true }) as number) < LATEST_SCHEMA_VERSION) {
      db.close();
      upgradeCopy(copy);
      db = openCopyReadOnly(copy);
    }
    const contents = readAll(db);
    const opened = db;
    const readChanges = function* (): Iterable<ChangeRecord> {
      for (const row of opened.prepare(CHANGES_SQL).iterate()) yield Object.assign(row as ChangeRecord, { historyId: null });
    };
    const readDocumentChanges = function* (): Iterable<DocumentChangeRecord> {
      for (const row of opened.prepare(`${DOCUMENT_CHANGES_SQL} ORDER BY seq`).iterate()) yield Object.assign(row as DocumentChangeRecord, { historyId: null });
    };
    return { ...contents, readChanges, readDocumentChanges, close };
  } catch (error) {
    close();
    if (error instanceof RefusedFile) throw refusal(error.message, purpose);
    if (error instanceof UserError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_')) throw refusal('it is damaged or not a Marginalia project', purpose);
    throw error;
  }
}

/**
 * A refusal of a file received as bytes and read from a private copy at `copyPath`, reworded to name the file as
 * the user chose it (`fileName`): the private copy's path means nothing to them.
 */
export function refusalOfReceived(error: UserError, copyPath: string, fileName: string): UserError {
  return new UserError(error.code, `“${fileName}”: ${error.message.replaceAll(`"${copyPath}"`, 'This file')}`);
}

/** The private copy, opened read-only, refused unless intact and of exactly the schema Marginalia makes for its version. */
function openCheckedCopy(copy: string): Db {
  let db: Db;
  try {
    db = openCopyReadOnly(copy);
  } catch {
    refuse('it is not a readable project file');
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') refuse('it is damaged (SQLite integrity check failed)');
    const problem = schemaProblem(db);
    if (problem) refuse(`it ${problem}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A checked file from an older version is migrated — in the private copy only — so that it reads like a current one. */
function upgradeCopy(copy: string): void {
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('journal_mode = DELETE');
    migrate(db);
  } catch (error) {
    if (error instanceof UserError || error instanceof RefusedFile) throw error;
    refuse('it is damaged or not a Marginalia project');
  } finally {
    db.close();
  }
}

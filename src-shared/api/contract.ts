// THE contract: every operation of the core as a zod request and response schema, keyed `domain.verb`.
// Electron IPC, the HTTP transport of `marginalia serve` and the CLI all dispatch through this one object.
// The `annotation.*` methods are about what the workbench calls tags: one tag is one annotation (model/annotation.ts).
import * as z from 'zod';
import { ActorKindSchema, ActorNameSchema, ActorSchema } from '../model/actor';
import { AnnotationKindSchema, AnnotationSchema, AttributesPatchSchema, TagSpanSchema, WarningCategorySchema } from '../model/annotation';
import { DocumentMetaSchema, DocumentSchema } from '../model/document';
import { ActorIdSchema, AnalystIdSchema, AnnotationIdSchema, DocumentIdSchema, ProjectIdSchema, TimestampSchema } from '../model/ids';
import { SuggestionSpansSchema } from '../suggest/spans';
import { AcceptResultSchema, SuggestionCountsSchema, SuggestionKindSchema, SuggestionSchema } from '../suggest/types';
import { describeBytes, FILE_LIMITS, IMPORT_BATCH_LIMITS, MAX_MERGE_PREVIEWS, type FileKind } from './limits';

/** The largest article file the core accepts, in bytes. */
export const MAX_IMPORT_BYTES = FILE_LIMITS.article;

/** Bytes (a Node Buffer is one too), whatever buffer holds them. */
const BytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be the file’s bytes');

/**
 * A file's bytes, at most the limit for its kind. Every transport carries them as bytes: structured clone over IPC
 * and to the core's thread (transferred where it can), an upload of their own in `serve` (see byte-references.ts).
 */
function fileContentSchema(kind: FileKind) {
  return BytesSchema.refine((bytes) => bytes.byteLength <= FILE_LIMITS[kind], `the file is larger than ${describeBytes(FILE_LIMITS[kind])}`);
}

const RangeSchema = z.strictObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

const KindCountsSchema = z.object({
  claim: z.number().int(),
  actor: z.number().int(),
  figure: z.number().int(),
  reliability_warning: z.number().int(),
});

export const AnalystSchema = z.object({ id: AnalystIdSchema, name: z.string() });

const AnalystNameSchema = z.string().trim().min(1, 'a name is required').max(100, 'a name is at most 100 characters');

/** An analyst as the Analysts panel and `marginalia analysts` show them. */
export const AnalystEntrySchema = AnalystSchema.extend({
  /** Live (not deleted) tags made by this analyst. */
  tagCount: z.number().int(),
  /** Where the identity came from: 'local', 'merged from “Project”', 'imported from “file”'. */
  origin: z.string(),
  /** True for the analyst this session writes as. */
  current: z.boolean(),
});
export type AnalystEntry = z.infer<typeof AnalystEntrySchema>;

/** How many times an actor is named (actor tags and claimants), per document and in all. */
export const ActorMentionsSchema = z.object({
  total: z.number().int(),
  byDocument: z.array(z.object({ documentId: DocumentIdSchema, title: z.string(), count: z.number().int() })),
});
export type ActorMentions = z.infer<typeof ActorMentionsSchema>;

/** Which tags the tag table shows (and its CSV export holds): every field narrows, absent fields keep all. */
export const TagTableFiltersSchema = z.strictObject({
  kinds: z.array(AnnotationKindSchema).max(4).optional(),
  analystIds: z.array(AnalystIdSchema).max(1_000).optional(),
  actorId: ActorIdSchema.optional(),
  statuses: z.array(z.enum(['unverified', 'supported', 'disputed', 'false', 'low', 'medium', 'high'])).max(7).optional(),
  reviews: z.array(z.enum(['accepted', 'rejected', 'undecided'])).max(3).optional(),
  documentId: DocumentIdSchema.optional(),
  /** A figure's unit (USD, people, …). */
  unit: z.string().max(40).optional(),
  text: z.string().max(200).optional(),
});
export type TagTableFilters = z.input<typeof TagTableFiltersSchema>;

/** Which tags an export holds; every field narrows, absent fields keep all. Deleted tags are never exported. */
const ExportFiltersSchema = {
  analystIds: z.array(AnalystIdSchema).max(1_000).optional(),
  documentIds: z.array(DocumentIdSchema).max(100_000).optional(),
  statuses: z.array(z.enum(['accepted', 'rejected', 'undecided'])).max(3).optional(),
};

export const ProjectInfoSchema = z.object({
  id: ProjectIdSchema,
  name: z.string(),
  createdAt: TimestampSchema,
  createdWithVersion: z.string(),
  schemaVersion: z.number().int(),
  /** The analyst this session writes as; null until they have written anything or when read-only. */
  analyst: AnalystSchema.nullable(),
  analysts: z.array(AnalystSchema),
  documentCount: z.number().int(),
  annotationCount: z.number().int(),
});

export const DocumentSummarySchema = DocumentMetaSchema.extend({ tagCounts: KindCountsSchema });

/** A document as a row of the document list shows it: title, date, byline and tag counts by kind. */
export const DocumentRowSchema = DocumentMetaSchema.pick({ id: true, title: true, author: true, outlet: true, publishedAt: true }).extend({ tagCounts: KindCountsSchema });

export const HistoryEntrySchema = z.object({
  id: z.number().int(),
  label: z.string(),
  at: TimestampSchema,
  analystId: AnalystIdSchema,
});

const ImportSourceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('file'),
    fileName: z.string().min(1).max(255),
    content: fileContentSchema('article'),
    /** Opens an encrypted PDF; never stored. */
    password: z.string().max(1_000).optional(),
  }),
  z.strictObject({
    type: z.literal('text'),
    text: z.string().max(MAX_IMPORT_BYTES),
    title: z.string().max(500).optional(),
  }),
]);

const ImportResultSchema = z.object({
  document: DocumentMetaSchema,
  status: z.enum(['imported', 'duplicate']),
  /** Sentences about what the import changed in the text (invalid bytes replaced); absent when nothing. */
  warnings: z.array(z.string()).optional(),
});

const NoteSchema = z.string().max(20_000, 'a note is at most 20,000 characters');

const MergePreviewSchema = z.object({
  projectName: z.string(),
  summary: z.object({
    newDocuments: z.number().int(),
    sameDocuments: z.number().int(),
    newTags: z.array(z.object({ analyst: z.string(), kind: AnnotationKindSchema, count: z.number().int() })),
    updatedTags: z.number().int(),
    newActors: z.number().int(),
    updatedActors: z.number().int(),
    updatedDocuments: z.number().int(),
    conflicts: z.number().int(),
    newChanges: z.number().int(),
    actorProposals: z.array(z.object({ local: z.string(), incoming: z.string(), localId: z.string(), incomingId: z.string() })),
    /** Sentences on what the file claimed and was not taken as it was (an analyst reusing a local id, future dates). */
    notices: z.array(z.string()),
  }),
  /** A short description of each conflicting tag or actor. */
  conflicts: z.array(z.string()),
});
export type MergePreview = z.infer<typeof MergePreviewSchema>;

/**
 * Two annotation sets on one document. With `teammateFileId` (from `review.openFile`), B is an analyst of that
 * teammate's file, read without merging it; otherwise both are analysts of this project.
 */
const ReviewPairSchema = z.strictObject({
  documentId: DocumentIdSchema,
  analystA: AnalystIdSchema,
  analystB: AnalystIdSchema,
  teammateFileId: z.uuid().optional(),
});

export const DifferenceSchema = z.object({
  key: z.string(),
  type: z.enum(['agreed', 'only_a', 'only_b', 'different_kind', 'different_attributes', 'overlap']),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  a: z.array(z.string()),
  b: z.array(z.string()),
});

const FiguresSchema = z.object({
  cohenKappa: z.number().nullable(),
  krippendorffAlpha: z.number().nullable(),
  unitizedAlpha: z.number().nullable(),
  f1Exact: z.number().nullable(),
  f1Overlap: z.number().nullable(),
  precisionExact: z.number().nullable(),
  recallExact: z.number().nullable(),
  units: z.object({ tokens: z.number().int(), spansA: z.number().int(), spansB: z.number().int() }),
  fleissKappa: z.number().nullable().optional(),
  interpretation: z.string(),
});

export const AgreementResultSchema = z.object({
  overall: FiguresSchema,
  byKind: z.record(z.string(), FiguresSchema),
  /** Per document (only for the whole project): its id, title and overall figures. */
  documents: z.array(z.object({ id: z.string(), title: z.string(), overall: FiguresSchema })),
});
export type AgreementResult = z.infer<typeof AgreementResultSchema>;

export const ExportFormatSchema = z.enum(['json', 'w3c', 'csv', 'brat', 'qdpx', 'html']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportedFileSchema = z.object({
  /** Relative path, '/'-separated: a file name, or a path inside a folder for multi-file formats (brat). */
  path: z.string(),
  mediaType: z.string(),
  contentBase64: z.string(),
});

const ExportRequestSchema = z.strictObject({
  format: ExportFormatSchema,
  jsonLines: z.boolean().optional(),
  ...ExportFiltersSchema,
  /** Only the live tags the tag table shows with these filters (its "Export CSV"). */
  tags: TagTableFiltersSchema.optional(),
});

const AnnotationCreateSchema = z.strictObject({
  documentId: DocumentIdSchema,
  kind: AnnotationKindSchema,
  /** null: a reliability warning about the whole document. */
  target: RangeSchema.nullable(),
  attributes: AttributesPatchSchema.optional(),
  note: NoteSchema.optional(),
});

export const SettingsViewSchema = z.object({ analystName: z.string().nullable() });

export const WorkbenchStateSchema = z.object({
  /** Which transport hosts the UI: the desktop app (menus, dialogs) or the browser mode of `marginalia serve`. */
  host: z.enum(['desktop', 'browser']),
  /** The open project's file name (never a full path), or null when none is open. */
  projectName: z.string().nullable(),
  /** Recently opened projects by file name, newest first; opened by index. */
  recent: z.array(z.string()),
  /** The indexes in `recent` of files no longer where they were (shown greyed, to remove from the list). */
  recentMissing: z.array(z.number().int().nonnegative()),
  /** The document that was open last time in this project, to restore it. */
  lastDocumentId: DocumentIdSchema.nullable(),
});

/** One place a search matched: its document, UTF-16 offsets, the matched text and the passage around it. */
export const SearchHitSchema = z.object({
  documentId: DocumentIdSchema,
  title: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  /** The passage around the hit, line breaks as spaces; it starts at offset `snippetStart` of the text. */
  snippet: z.string(),
  snippetStart: z.number().int(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

const SuggestionKeysSchema = z.array(z.string().min(1).max(64)).min(1).max(10_000, 'at most 10,000 suggestions per call');

/** One row of the project-wide tag table: what a row shows, kept small (quotes cut at 300 characters). */
export const TagRowSchema = z.object({
  id: AnnotationIdSchema,
  documentId: DocumentIdSchema,
  documentTitle: z.string(),
  kind: AnnotationKindSchema,
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  quote: z.string().nullable(),
  analystId: AnalystIdSchema,
  analystName: z.string(),
  /** The actor an actor tag names, or a claim's claimant. */
  actorId: ActorIdSchema.nullable(),
  actorName: z.string().nullable(),
  /** A claim's status or a warning's severity. */
  status: z.string().nullable(),
  category: z.string().nullable(),
  /** A figure's value (amount × scale) and unit. */
  value: z.number().nullable(),
  unit: z.string().nullable(),
  /** The review decision (pending, accepted, rejected), null when none. */
  review: z.string().nullable(),
  updatedAt: TimestampSchema,
});
export type TagRow = z.infer<typeof TagRowSchema>;

/** One group of the tag table's grouped views: its actor, claim status or unit, how many tags, and figures' values. */
export const TagGroupSchema = z.object({
  /** The actor id, status or unit the group stands for; null for tags without one. */
  value: z.string().nullable(),
  label: z.string(),
  count: z.number().int(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  totalValue: z.number().nullable(),
});
export type TagGroup = z.infer<typeof TagGroupSchema>;

/** A tag a cross-document finding rests on: its document, offsets and quote, and what the rule read there. */
export const FindingEvidenceSchema = z.object({
  annotationId: AnnotationIdSchema,
  documentId: DocumentIdSchema,
  title: z.string(),
  publishedAt: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  /** The value, role or status the rule compared. */
  detail: z.string(),
});
export type FindingEvidence = z.infer<typeof FindingEvidenceSchema>;

/** A problem the project shows across documents; findings never change tags by themselves. */
export const FindingSchema = z.object({
  /** The rule and the tags it rests on: the same while the evidence is the same. */
  key: z.string(),
  rule: z.enum(['figures', 'roles', 'outdated_role', 'claims']),
  summary: z.string(),
  /** The category a reliability warning made from this finding starts with. */
  suggestedCategory: WarningCategorySchema,
  evidence: z.array(FindingEvidenceSchema),
  dismissed: z.boolean(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** A role an actor held from one date (ISO, YYYY-MM-DD) to another (null: still holds it). */
export const ActorRoleSchema = z.object({
  id: z.string(),
  actorId: ActorIdSchema,
  role: z.string(),
  from: z.iso.date(),
  to: z.iso.date().nullable(),
});
export type ActorRole = z.infer<typeof ActorRoleSchema>;

/** The id a client gives a request it may cancel and follow the progress of (unique among its running requests). */
export const RequestIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a request id is 8 to 64 letters, digits or "-"');

/**
 * One method's request and response schemas, each built on first use: building all of them costs a short command
 * (`marginalia list`) more than the command itself, and each call needs only its own. Built once, then kept.
 */
function method<Req extends z.ZodType, Res extends z.ZodType>(request: () => Req, response: () => Res): { readonly request: Req; readonly response: Res } {
  let builtRequest: Req | undefined;
  let builtResponse: Res | undefined;
  return {
    get request() {
      builtRequest ??= request();
      return builtRequest;
    },
    get response() {
      builtResponse ??= response();
      return builtResponse;
    },
  };
}

export const contract = {
  'project.info': method(() => z.strictObject({}), () => ProjectInfoSchema),

  'document.import': method(() => z.strictObject({ source: ImportSourceSchema }), () => ImportResultSchema),
  /**
   * Several articles in one transaction: all of them, or — when one is refused — none (with `skipRefused`, all but
   * the refused). Cancelled (`request.cancel`) while the files are read, it imports nothing.
   */
  'document.importMany': method(
    () => z
      .strictObject({
        sources: z.array(ImportSourceSchema).min(1).max(IMPORT_BATCH_LIMITS.files, `at most ${IMPORT_BATCH_LIMITS.files} articles per import`),
        /** A refused source is left out and reported in `refused` while the others are imported (the app's import). */
        skipRefused: z.boolean().optional(),
      })
      .refine(
        ({ sources }) => sources.reduce((sum, s) => sum + (s.type === 'file' ? s.content.byteLength : s.text.length), 0) <= IMPORT_BATCH_LIMITS.bytes,
        `the articles of one import are together at most ${describeBytes(IMPORT_BATCH_LIMITS.bytes)}`,
      ),
    () => z.object({
      results: z.array(ImportResultSchema),
      /** With `skipRefused`: the sources left out (their index in `sources`) and why, one sentence each. */
      refused: z.array(z.object({ index: z.number().int().nonnegative(), message: z.string() })).optional(),
    }),
  ),
  /**
   * The project's documents, newest first (undated last): all of them, or one page of those matching a filter.
   * `total` counts every match, whatever the page. With `fields: 'row'`, each carries only what a row of the list shows.
   */
  'document.list': method(
    () => z.strictObject({
      /** Only documents whose title, author or outlet contains this text (case ignored). */
      filter: z.string().max(200).optional(),
      ids: z.array(DocumentIdSchema).max(1_000).optional(),
      offset: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(1_000).optional(),
      fields: z.enum(['all', 'row']).optional(),
    }),
    () => z.object({ documents: z.array(z.union([DocumentSummarySchema, DocumentRowSchema])), total: z.number().int().nonnegative() }),
  ),
  'document.get': method(() => z.strictObject({ id: DocumentIdSchema }), () => DocumentSchema),
  /** Edits a document's details (a field left out stays; null clears it); one undoable step. The text never changes. */
  'document.update': method(
    () => z.strictObject({
      id: DocumentIdSchema,
      title: z.string().trim().min(1, 'a title cannot be empty').max(2_000).optional(),
      publishedAt: z.iso.date('a date is written YYYY-MM-DD, for example 2026-01-20').nullable().optional(),
      author: z.string().trim().max(2_000).nullable().optional(),
      outlet: z.string().trim().max(2_000).nullable().optional(),
    }),
    () => DocumentMetaSchema,
  ),
  /** Removes a document and, with it, its tags from every view, export and count; one undoable step (nothing is deleted). */
  'document.remove': method(() => z.strictObject({ id: DocumentIdSchema }), () => z.object({ document: DocumentMetaSchema, tagCount: z.number().int().nonnegative() })),

  'annotation.create': method(() => AnnotationCreateSchema, () => AnnotationSchema),
  /** Many tags in one transaction and one undoable step (bulk tagging, scripted imports). */
  'annotation.createMany': method(
    () => z.strictObject({ annotations: z.array(AnnotationCreateSchema).min(1).max(10_000, 'at most 10,000 tags per call') }),
    () => z.object({ created: z.number().int() }),
  ),
  'annotation.update': method(
    () => z.strictObject({
      id: AnnotationIdSchema,
      target: RangeSchema.optional(),
      attributes: AttributesPatchSchema.optional(),
      note: NoteSchema.optional(),
    }),
    () => AnnotationSchema,
  ),
  'annotation.delete': method(() => z.strictObject({ id: AnnotationIdSchema }), () => AnnotationSchema),
  'annotation.listForDocument': method(
    () => z.strictObject({ documentId: DocumentIdSchema, includeDeleted: z.boolean().optional() }),
    () => z.object({ annotations: z.array(AnnotationSchema) }),
  ),
  /** The live tags with a passage of a document, only what drawing them needs (158 bytes of JSON a tag against the full list's 514). */
  'annotation.spans': method(
    () => z.strictObject({ documentId: DocumentIdSchema }),
    () => z.object({ spans: z.array(TagSpanSchema) }),
  ),

  /** With `withMentions`, each actor carries how often it is named, per document and in all. */
  'actor.list': method(
    () => z.strictObject({ query: z.string().max(200).optional(), includeDeleted: z.boolean().optional(), withMentions: z.boolean().optional() }),
    () => z.object({ actors: z.array(ActorSchema.extend({ mentions: ActorMentionsSchema.optional() })) }),
  ),
  /** Every live tag that names the actor (actor tags, and claims with it as claimant), with counts per document. */
  'actor.mentions': method(
    () => z.strictObject({ actorId: ActorIdSchema }),
    () => ActorMentionsSchema.extend({ annotations: z.array(AnnotationSchema) }),
  ),
  'actor.create': method(
    () => z.strictObject({ name: ActorNameSchema, kind: ActorKindSchema, aliases: z.array(ActorNameSchema).max(100).optional() }),
    () => ActorSchema,
  ),
  'actor.update': method(
    () => z.strictObject({
      id: ActorIdSchema,
      name: ActorNameSchema.optional(),
      kind: ActorKindSchema.optional(),
      aliases: z.array(ActorNameSchema).max(100).optional(),
    }),
    () => ActorSchema,
  ),

  /**
   * Treats two registry actors as one: the second's names become aliases of the first, its tags point to the first.
   * With `dryRun`, only says what would move (the combined actor and the tag count); nothing is written.
   */
  'actor.combine': method(
    () => z.strictObject({ keepId: ActorIdSchema, mergeId: ActorIdSchema, dryRun: z.boolean().optional() }),
    () => z.object({ actor: ActorSchema, retagged: z.number().int() }),
  ),

  /** Every analyst of the project (those combined into another are left out), with tag count and origin. */
  'analyst.list': method(() => z.strictObject({}), () => z.object({ analysts: z.array(AnalystEntrySchema) })),
  /** Renames an analyst in place: same id, every tag keeps it. Not undoable (a name, not a tag). */
  'analyst.rename': method(() => z.strictObject({ id: AnalystIdSchema, name: AnalystNameSchema }), () => AnalystEntrySchema),
  /**
   * Makes two identities one: every tag of `from` becomes `into`'s, one undoable step recorded in the change log (so a
   * merge carries it). With `dryRun`, only counts the tags that would move.
   */
  'analyst.combine': method(
    () => z.strictObject({ from: AnalystIdSchema, into: AnalystIdSchema, dryRun: z.boolean().optional() }),
    () => z.object({ analyst: AnalystEntrySchema, moved: z.number().int() }),
  ),

  'history.undo': method(() => z.strictObject({}), () => z.object({ undone: HistoryEntrySchema.nullable() })),
  'history.redo': method(() => z.strictObject({}), () => z.object({ redone: HistoryEntrySchema.nullable() })),

  /** App settings kept outside any project (the analyst's name). */
  'settings.get': method(() => z.strictObject({}), () => SettingsViewSchema),
  'settings.update': method(() => z.strictObject({ analystName: z.string().trim().min(1, 'a name is required').max(100) }), () => SettingsViewSchema),

  /** Project lifecycle through native dialogs in the desktop app; `unsupported` in the browser mode. */
  'workbench.state': method(() => z.strictObject({}), () => WorkbenchStateSchema),
  'workbench.newProject': method(() => z.strictObject({}), () => WorkbenchStateSchema),
  'workbench.openProject': method(() => z.strictObject({}), () => WorkbenchStateSchema),
  'workbench.openRecent': method(() => z.strictObject({ index: z.number().int().min(0).max(19) }), () => WorkbenchStateSchema),
  /** Takes a project off the recent list (the file itself is not touched). */
  'workbench.removeRecent': method(() => z.strictObject({ index: z.number().int().min(0).max(19) }), () => WorkbenchStateSchema),
  'workbench.closeProject': method(() => z.strictObject({}), () => WorkbenchStateSchema),
  'workbench.rememberDocument': method(() => z.strictObject({ documentId: DocumentIdSchema }), () => z.object({})),
  /**
   * The desktop app's export: written as `export.write` does, then saved as one file (its only file, or a zip of
   * them) where the save dialog says, which offers `name` with the extension of what was written ("Talks-csv" →
   * "Talks-csv.csv"); `cancelled` when none was chosen. `unsupported` in `serve`, where the page downloads
   * `export.write`'s answer instead.
   */
  'workbench.saveExport': method(
    () => ExportRequestSchema.extend({ name: z.string().min(1).max(200) }),
    () => z.object({ fileName: z.string(), bytes: z.number().int().nonnegative() }),
  ),

  'export.project': method(() => ExportRequestSchema, () => z.object({ files: z.array(ExportedFileSchema) })),
  /**
   * The same export written in chunks, with bounded memory whatever the project's size, into a new private folder of
   * the core's process (removed when it ends); the caller moves or sends the files, then removes the folder.
   * `serve` keeps the folder and gives the page `download`: the id of GET /api/export/<id>?client=<its id>, which
   * sends the export once as one file (its only file, or a zip of them), read from the folder as it is sent.
   */
  'export.write': method(
    () => ExportRequestSchema,
    () =>
      z.object({
        folder: z.string(),
        files: z.array(z.object({ path: z.string(), mediaType: z.string(), bytes: z.number().int() })),
        download: z.string().optional(),
      }),
  ),

  /** Two analysts' tags on one document, side by side: every agreement and difference. */
  'review.compare': method(
    () => ReviewPairSchema,
    () => z.object({ differences: z.array(DifferenceSchema), annotations: z.array(AnnotationSchema) }),
  ),
  /** Decides one difference: keep A's version, B's, both, or neither. Tags are marked, never changed or deleted. */
  'review.decide': method(
    () => ReviewPairSchema.extend({
      key: z.string().max(2_000),
      decision: z.enum(['accept_a', 'accept_b', 'accept_both', 'reject_both']),
      comment: z.string().max(5_000).optional(),
    }),
    () => z.object({ annotations: z.array(AnnotationSchema) }),
  ),
  /** Accepts every tag both analysts agree on, in one step; `accepted` counts agreements (pairs of tags). */
  'review.acceptAgreed': method(() => ReviewPairSchema, () => z.object({ accepted: z.number().int() })),
  /**
   * Agreement figures for two analysts, on one document or the whole project, overall and per kind. With
   * `teammateFileId`, B is an analyst of that file and the project's figures cover the articles both files hold.
   */
  'agreement.compute': method(
    () => z.strictObject({
      analystA: AnalystIdSchema,
      analystB: AnalystIdSchema,
      documentId: DocumentIdSchema.optional(),
      teammateFileId: z.uuid().optional(),
    }),
    () => AgreementResultSchema,
  ),
  /**
   * Opens a teammate's project file (sent as bytes, never a path) for review without merging it: checked like a
   * file to merge, read once, kept in memory for `review.compare` and `agreement.compute`; nothing is written.
   * Its analysts get ids of their own for this session, so that they never mix with this project's.
   */
  'review.openFile': method(
    () => z.strictObject({
      fileName: z.string().min(1).max(255),
      content: fileContentSchema('project'),
    }),
    () => z.object({
      teammateFileId: z.uuid(),
      fileName: z.string(),
      projectName: z.string(),
      analysts: z.array(AnalystSchema),
      /** This project's articles that the file holds too (the same text), with the file's tag count on each. */
      documents: z.array(z.object({ documentId: DocumentIdSchema, title: z.string(), tags: z.number().int() })),
      /** Articles of the file that this project does not have (their tags cannot be compared here). */
      otherDocuments: z.number().int(),
    }),
  ),
  /** Forgets a teammate's file opened for review. */
  'review.closeFile': method(() => z.strictObject({ teammateFileId: z.uuid() }), () => z.object({})),

  /** The whole project as one self-contained file (no WAL sidecars), to send to a teammate. */
  'project.pack': method(() => z.strictObject({}), () => z.object({ fileName: z.string(), content: BytesSchema })),
  /**
   * Stores each snapshot of the change log once (a tag's latest state only in its row, a previous state only as its
   * parent's) and gives the space back (VACUUM); every entry reads as before. Sizes in bytes, the file with its WAL.
   */
  'project.compact': method(
    () => z.strictObject({}),
    () => z.object({ bytesBefore: z.number().int(), bytesAfter: z.number().int(), snapshotsDropped: z.number().int() }),
  ),

  /** Checks a teammate's project file (sent as bytes, never a path) and previews the merge; writes nothing. */
  'merge.preview': method(
    () => z.strictObject({
      fileName: z.string().min(1).max(255),
      content: fileContentSchema('project'),
    }),
    () => MergePreviewSchema.extend({ previewId: z.uuid(), fileName: z.string() }),
  ),
  /** Merges a previewed file in one transaction. */
  'merge.apply': method(() => z.strictObject({ previewId: z.uuid() }), () => MergePreviewSchema),
  /** Merges several previewed files in one transaction, each against the project as the ones before it left it: all or none. */
  'merge.applyMany': method(
    () => z.strictObject({ previewIds: z.array(z.uuid()).min(1).max(MAX_MERGE_PREVIEWS) }),
    () => z.object({ merged: z.array(MergePreviewSchema) }),
  ),
  /** Forgets a preview the user declined. */
  'merge.cancel': method(() => z.strictObject({ previewId: z.uuid() }), () => z.object({})),

  /** Proposed tags (never tags until accepted): known actors' names, new actors, figures, attributed claims. */
  'suggestion.list': method(
    () => z.strictObject({ documentId: DocumentIdSchema.optional(), kind: SuggestionKindSchema.optional() }),
    () => z.object({ suggestions: z.array(SuggestionSchema), counts: SuggestionCountsSchema }),
  ),
  /**
   * One document's suggestions as its article draws and walks them: key, kind, span, actor name and reason, in
   * compact arrays (about a seventh of suggestion.list's size). The rest of each suggestion is in suggestion.list.
   * With `newActors: false`, answered at once: while the "new actor?" names of a large article are still to be read
   * (seconds, the first time), without them and `complete` false; once they are read, complete.
   */
  'suggestion.spans': method(
    () => z.strictObject({ documentId: DocumentIdSchema, newActors: z.boolean().optional() }),
    () => SuggestionSpansSchema.extend({ complete: z.boolean() }),
  ),
  /** Turns suggestions into tags by this analyst, in one transaction and one undoable step. */
  'suggestion.accept': method(() => z.strictObject({ keys: SuggestionKeysSchema }), () => AcceptResultSchema),
  /** Remembers suggestions as rejected in the project file, so they are not offered again. */
  'suggestion.reject': method(() => z.strictObject({ keys: SuggestionKeysSchema }), () => z.object({ rejected: z.number().int() })),
  /** Accepts every suggestion matching the filters as one step; with `dryRun`, only counts them. */
  'suggestion.acceptAll': method(
    () => z.strictObject({
      kind: SuggestionKindSchema.optional(),
      actorId: ActorIdSchema.optional(),
      documentId: DocumentIdSchema.optional(),
      dryRun: z.boolean().optional(),
    }),
    () => AcceptResultSchema.extend({ count: z.number().int() }),
  ),

  /** Tags from another tool's file: W3C Web Annotation / Hypothesis JSON, or a REFI-QDA .qdpx project. */
  'annotation.importFile': method(
    () => z.strictObject({
      format: z.enum(['w3c', 'qdpx']),
      fileName: z.string().min(1).max(255),
      content: fileContentSchema('annotations'),
      /** The document every annotation is about, instead of finding it by hash, source, title or quotes. */
      documentId: DocumentIdSchema.optional(),
    }),
    () => z.object({
      /** New tags. */
      imported: z.number().int(),
      /** Tags already in the project (same id) replaced by a newer version from the file. */
      updated: z.number().int(),
      /** Tags already in the project, as new as the file's or newer: left as they are. */
      unchanged: z.number().int(),
      documentsCreated: z.number().int(),
      /** Annotations that could not be placed: no document matches their source, or their passage is not in it. */
      orphaned: z.object({ noDocument: z.number().int(), passageNotFound: z.number().int() }),
      /** Tags whose times lay in the future, set to the time of the import. */
      futureTimesClamped: z.number().int(),
      /** Analysts added for the files' creators. */
      analystsAdded: z.array(AnalystSchema),
      /** What could not be imported, each with where it was and why. */
      notImported: z.array(z.object({ where: z.string(), message: z.string() })),
    }),
  ),
  /**
   * Full-text search over every document (or one): words, "phrases", prefix* and AND / OR / NOT with parentheses,
   * diacritics and case ignored. Hits come best document first, in text order within it, at most `limit`.
   */
  'search.query': method(
    () => z.strictObject({
      query: z.string().max(1_000, 'a search is at most 1,000 characters'),
      documentId: DocumentIdSchema.optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    }),
    () => z.object({
      hits: z.array(SearchHitSchema),
      /** How many documents match, whether or not all their hits fit in `limit`. */
      documentCount: z.number().int(),
      /** True when more hits exist than `limit` let through. */
      truncated: z.boolean(),
    }),
  ),
  /**
   * Tags every hit of a search (at most 10,000) as `kind` with `attributes`, in one transaction and one undoable step;
   * hits the current analyst already tagged with that kind on the same span are skipped. `dryRun` only counts.
   */
  'search.tagAll': method(
    () => z.strictObject({
      query: z.string().max(1_000, 'a search is at most 1,000 characters'),
      documentId: DocumentIdSchema.optional(),
      kind: AnnotationKindSchema,
      attributes: AttributesPatchSchema.optional(),
      note: NoteSchema.optional(),
      dryRun: z.boolean().optional(),
    }),
    () => z.object({
      /** Hits tagged (or, with `dryRun`, to tag), and the documents they are in. */
      tagged: z.number().int(),
      documentCount: z.number().int(),
      /** Hits left alone because they carry such a tag already. */
      skipped: z.number().int(),
    }),
  ),
  /** Every live tag of the project as table rows: filtered (all filters narrow), sorted by one column, one page at a time. */
  'annotation.query': method(
    () => TagTableFiltersSchema.extend({
      sort: z.strictObject({ column: z.enum(['kind', 'quote', 'document', 'analyst', 'actor', 'status', 'category', 'value', 'review', 'date']), descending: z.boolean().optional() }).optional(),
      offset: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(5_000).optional(),
    }),
    () => z.object({ rows: z.array(TagRowSchema), total: z.number().int() }),
  ),
  /** The tag table's grouped views: by actor (actor tags and claimants), by claim status (claims), or figures by unit with their values. */
  'annotation.groups': method(() => TagTableFiltersSchema.extend({ by: z.enum(['actor', 'status', 'unit']) }), () => z.object({ groups: z.array(TagGroupSchema) })),
  /** Cross-document checks: figures that disagree, roles that disagree, claims repeated; dismissed ones only when asked. */
  'checks.list': method(() => z.strictObject({ includeDismissed: z.boolean().optional() }), () => z.object({ findings: z.array(FindingSchema) })),
  /** Sets a finding aside, remembered in this project file (not merged, not undoable). */
  'checks.dismiss': method(() => z.strictObject({ key: z.string().min(1).max(200) }), () => z.object({})),
  /** Records a role an actor held, with its dates, for the outdated-role check (kept in this file; not undoable, not merged). */
  'actor.addRole': method(
    () => z.strictObject({ actorId: ActorIdSchema, role: z.string().trim().min(1).max(200), from: z.iso.date(), to: z.iso.date().optional() }).refine((r) => r.to === undefined || r.to >= r.from, 'the role cannot end before it begins'),
    () => ActorRoleSchema,
  ),
  /**
   * Cancels a long request this client made with `requestId` (the IPC message's or `X-Marginalia-Request`); it ends
   * with a `cancelled` error and the project as it was. False when no such request is running.
   */
  'request.cancel': method(() => z.strictObject({ requestId: RequestIdSchema }), () => z.object({ cancelled: z.boolean() })),
  /** The registered roles, of one actor or all, by actor and start date. */
  'actor.roles': method(() => z.strictObject({ actorId: ActorIdSchema.optional() }), () => z.object({ roles: z.array(ActorRoleSchema) })),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller sends (ids as plain strings). */
export type RequestOf<M extends Method> = z.input<Contract[M]['request']>;
/** What the core receives after validation (branded ids). */
export type ValidRequestOf<M extends Method> = z.output<Contract[M]['request']>;
export type ResponseOf<M extends Method> = z.infer<Contract[M]['response']>;

/** What the core implements: one handler per contract method. */
export type ContractHandlers = { [M in Method]: (request: ValidRequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>> };

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;
export type DocumentRow = z.infer<typeof DocumentRowSchema>;

/** True for an entry of `document.list` asked with every field (the default), not only a row's. */
export function hasEveryField(document: DocumentSummary | DocumentRow): document is DocumentSummary {
  return 'sha256' in document;
}
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type Analyst = z.infer<typeof AnalystSchema>;
export type WorkbenchState = z.infer<typeof WorkbenchStateSchema>;
export type SettingsView = z.infer<typeof SettingsViewSchema>;

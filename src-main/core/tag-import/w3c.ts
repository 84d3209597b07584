// Reading W3C Web Annotations (ours, other tools', Hypothesis exports) into candidate tags (main process, pure, untrusted input).
import * as z from 'zod';
import {
  ATTRIBUTE_SCHEMAS,
  AnnotationKindSchema,
  type AnnotationKind,
  type AttributesPatch,
} from '../../../src-shared/model/annotation';
import { err, ok, type Result } from '../../../src-shared/model/result';
import { annotationItemsOf, readAnnotationInput } from './w3c-input';

export { anchorCandidate } from './anchor';

/** Limits on untrusted files: beyond them an annotation (or the whole file) is refused with a sentence. */
export const W3C_IMPORT_LIMITS = {
  /** Characters of JSON text (UTF-16 units). */
  inputChars: 50 * 1024 * 1024,
  annotations: 50_000,
  quoteChars: 100_000,
  contextChars: 10_000,
  /** As for a note typed in Marginalia. */
  noteChars: 20_000,
  targetsPerAnnotation: 100,
  bodiesPerAnnotation: 1_000,
} as const;

/**
 * One tag to create, read from an imported annotation. Nothing is trusted yet: the caller anchors it with
 * `anchorCandidate`, checks `attributes` against the project (actor ids come from another project), and
 * reports every candidate it cannot place. Without `quote` and `position` it targets the whole document
 * (only a reliability warning can).
 */
export interface AnnotationCandidate {
  /** Index of the annotation in the input (0-based), to point the user at it. */
  index: number;
  /** The annotation's own id (urn:uuid:… for ours, an id or URL for other tools). */
  id?: string;
  /** The annotated text: `urn:sha256:<hex>` for Marginalia exports, usually a URL for Hypothesis. */
  sourceId?: string;
  sourceTitle?: string;
  quote?: string;
  prefix?: string;
  suffix?: string;
  /** TextPositionSelector offsets, in Unicode code points as the model says (anchoring also tries UTF-16). */
  position?: { start: number; end: number };
  kind: AnnotationKind;
  /** The attributes of `kind` that were present and valid (a subset; defaults fill the rest). */
  attributes?: AttributesPatch;
  /** The registry name of the tag's actor (actor tags) or claimant (claims), to match in this project. */
  actorName?: string;
  note?: string;
  creator?: { id?: string; name?: string };
  created?: string;
  modified?: string;
  /** What was read but dropped (an invalid attribute, an unreadable date), as sentences. */
  problems: string[];
}

export interface SkippedAnnotation {
  index: number;
  id?: string;
  reason: string;
}

export interface ParsedW3cAnnotations {
  candidates: AnnotationCandidate[];
  /** Annotations that yield no tag, each with the reason (a reply, a highlight without a kind, a bad selector …). */
  skipped: SkippedAnnotation[];
}

const text = (max: number) => z.string().max(max, `is longer than ${max.toLocaleString('en')} characters`);
const Label = text(2_000);
const OneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(W3C_IMPORT_LIMITS.bodiesPerAnnotation)]);

const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: text(W3C_IMPORT_LIMITS.quoteChars).min(1, 'has an empty exact quote'),
  prefix: text(W3C_IMPORT_LIMITS.contextChars).optional(),
  suffix: text(W3C_IMPORT_LIMITS.contextChars).optional(),
});
const Offset = z.number().int('is not a whole number').nonnegative().max(1e9);
const TextPositionSelectorSchema = z
  .object({ type: z.literal('TextPositionSelector'), start: Offset, end: Offset })
  .refine((s) => s.end >= s.start, 'ends before it starts');

const TextualBodySchema = z.object({
  type: z.unknown().optional(),
  value: z.string(),
  purpose: OneOrMany(Label).optional(),
});

const AgentSchema = z.union([
  Label,
  z.object({ id: Label.optional(), name: Label.optional(), nickname: Label.optional() }),
]);

const AnnotationSchema = z.object({
  id: Label.optional(),
  motivation: OneOrMany(Label).optional(),
  body: z.unknown().optional(),
  bodyValue: text(W3C_IMPORT_LIMITS.noteChars).optional(),
  target: z.unknown().optional(),
  creator: z.union([AgentSchema, z.array(AgentSchema).max(100)]).optional(),
  created: Label.optional(),
  modified: Label.optional(),
  'marginalia:attributes': z.record(z.string(), z.unknown()).optional(),
  'urn:marginalia:attributes': z.record(z.string(), z.unknown()).optional(),
  // Hypothesis's own fields (its JSON export and API).
  tags: z.array(Label).max(1_000).optional(),
  text: text(W3C_IMPORT_LIMITS.noteChars).optional(),
  uri: Label.optional(),
  user: Label.optional(),
  user_info: z.object({ display_name: Label.nullable().optional() }).nullable().optional(),
  updated: Label.optional(),
  document: z.object({ title: OneOrMany(Label).optional() }).nullable().optional(),
});
type RawAnnotation = z.infer<typeof AnnotationSchema>;

function asArray<T>(value: T | readonly T[] | undefined | null): readonly T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function firstIssue(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix} is not valid.`;
  const path = issue.path.length > 0 ? `${prefix}.${issue.path.join('.')}` : prefix;
  return `${path} ${issue.message}.`;
}

/** Turns "Reliability warning", "reliability-warning", "marginalia:claim" or "Claim" into a kind. */
export function kindFromLabel(label: string): AnnotationKind | null {
  const key = label
    .trim()
    .toLowerCase()
    .replace(/^(urn:)?marginalia:/, '')
    .replace(/[\s-]+/g, '_');
  const parsed = AnnotationKindSchema.safeParse(key);
  return parsed.success ? parsed.data : null;
}

interface Bodies {
  kinds: AnnotationKind[];
  notes: string[];
  identified: string[];
}

/** Reads kinds (tagging bodies), notes (describing/commenting bodies) and identified names from the bodies. */
function readBodies(annotation: RawAnnotation): Bodies {
  const motivations = asArray(annotation.motivation);
  const found: Bodies = { kinds: [], notes: [], identified: [] };
  const bodies = asArray(annotation.body as unknown).slice(0, W3C_IMPORT_LIMITS.bodiesPerAnnotation);
  for (const raw of bodies) {
    const body = TextualBodySchema.safeParse(raw);
    if (!body.success) continue; // a linked resource or a Choice: nothing we can turn into a tag
    const purposes = asArray(body.data.purpose);
    const kind = kindFromLabel(body.data.value);
    const tagging = purposes.includes('tagging') || (purposes.length === 0 && motivations.includes('tagging'));
    if (kind !== null && (tagging || purposes.length === 0)) found.kinds.push(kind);
    else if (purposes.includes('describing') || purposes.includes('commenting')) found.notes.push(body.data.value);
    else if (purposes.includes('identifying')) found.identified.push(body.data.value);
    else if (purposes.length === 0 && !tagging) found.notes.push(body.data.value);
  }
  if (annotation.bodyValue !== undefined) found.notes.push(annotation.bodyValue);
  for (const tag of annotation.tags ?? []) {
    const kind = kindFromLabel(tag);
    if (kind !== null) found.kinds.push(kind);
  }
  if (annotation.text !== undefined && annotation.text.trim() !== '') found.notes.push(annotation.text);
  found.kinds = [...new Set(found.kinds)];
  return found;
}

interface TargetRead {
  sourceId?: string;
  sourceTitle?: string;
  quote?: z.infer<typeof TextQuoteSelectorSchema>;
  position?: { start: number; end: number };
  /** True when the target named selectors but none that locate text (XPath, CSS, SVG …). */
  unusableSelectors: boolean;
}

function sourceOf(value: unknown): { sourceId?: string; sourceTitle?: string } {
  if (typeof value === 'string') return { sourceId: value };
  const parsed = z
    .object({ id: Label.optional(), title: Label.optional(), 'dc:title': Label.optional(), label: Label.optional() })
    .safeParse(value);
  if (!parsed.success) return {};
  const { id, title, label } = parsed.data;
  const sourceTitle = title ?? parsed.data['dc:title'] ?? label;
  return { ...(id === undefined ? {} : { sourceId: id }), ...(sourceTitle === undefined ? {} : { sourceTitle }) };
}

/**
 * Every selector of a target, following `refinedBy` chains (e.g. an EPUB FragmentSelector refined by a
 * TextQuoteSelector). A refining selector is marked: its positions count inside the fragment, not the text.
 */
function selectorsOf(selector: unknown): { selector: Record<string, unknown>; refining: boolean }[] {
  const out: { selector: Record<string, unknown>; refining: boolean }[] = [];
  const queue = asArray(selector).map((s) => ({ value: s as unknown, refining: false }));
  while (queue.length > 0 && out.length < 100) {
    const { value, refining } = queue.shift()!;
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    out.push({ selector: record, refining });
    for (const refinement of asArray(record.refinedBy as unknown)) queue.push({ value: refinement, refining: true });
  }
  return out;
}

/** One target: its source and the text selectors we understand; throws a sentence for a malformed selector. */
function readTarget(target: unknown, where: string): TargetRead {
  if (typeof target === 'string') return { sourceId: target, unusableSelectors: false };
  if (typeof target !== 'object' || target === null) throw new Error(`${where} is neither a link nor an object.`);
  const record = target as Record<string, unknown>;
  if (record.source === undefined) return { ...sourceOf(record), unusableSelectors: false };
  const read: TargetRead = { ...sourceOf(record.source), unusableSelectors: false };
  const selectors = selectorsOf(record.selector);
  for (const { selector, refining } of selectors) {
    if (selector.type === 'TextQuoteSelector' && !read.quote) {
      const parsed = TextQuoteSelectorSchema.safeParse(selector);
      if (!parsed.success) throw new Error(firstIssue(parsed.error, `${where}'s TextQuoteSelector`));
      read.quote = parsed.data;
    } else if (selector.type === 'TextPositionSelector' && !read.position && !refining) {
      const parsed = TextPositionSelectorSchema.safeParse(selector);
      if (!parsed.success) throw new Error(firstIssue(parsed.error, `${where}'s TextPositionSelector`));
      read.position = { start: parsed.data.start, end: parsed.data.end };
    }
  }
  read.unusableSelectors = selectors.length > 0 && !read.quote && !read.position;
  return read;
}

function attributesFor(kind: AnnotationKind, raw: Record<string, unknown> | undefined, problems: string[]): AttributesPatch | undefined {
  if (!raw) return undefined;
  const schema = ATTRIBUTE_SCHEMAS[kind] as unknown as z.ZodObject<Record<string, z.ZodType>>;
  const picked = Object.fromEntries(Object.keys(schema.shape).filter((k) => k in raw).map((k) => [k, raw[k]]));
  if (Object.keys(picked).length === 0) return undefined;
  const parsed = schema.partial().safeParse(picked);
  if (parsed.success) return parsed.data as AttributesPatch;
  problems.push(`Its ${kind} attributes were dropped: ${firstIssue(parsed.error, 'attributes')}`);
  return undefined;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 date-time with a zone (Hypothesis writes microseconds and +00:00), as our UTC timestamp. */
function timestampOf(value: string | undefined, name: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (ISO_DATE_TIME.test(value) && !Number.isNaN(date.getTime())) return date.toISOString();
  problems.push(`Its ${name} date “${value.slice(0, 40)}” is not an ISO 8601 date-time with a time zone.`);
  return undefined;
}

function creatorOf(annotation: RawAnnotation): AnnotationCandidate['creator'] {
  const [agent] = asArray(annotation.creator);
  if (typeof agent === 'string') return { id: agent };
  if (agent) {
    const name = agent.name ?? agent.nickname;
    return { ...(agent.id === undefined ? {} : { id: agent.id }), ...(name === undefined ? {} : { name }) };
  }
  if (annotation.user === undefined) return undefined;
  const name = annotation.user_info?.display_name ?? annotation.user.replace(/^acct:/, '').replace(/@.*$/, '');
  return { id: annotation.user, name };
}

/** The candidates of one annotation (one per kind and target), or the reason it yields none. */
export function candidatesOfAnnotation(raw: unknown, index: number): { candidates: AnnotationCandidate[] } | SkippedAnnotation {
  const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  const skip = (reason: string): SkippedAnnotation => ({ index, ...(rawId === undefined ? {} : { id: rawId.slice(0, 2_000) }), reason });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return skip('It is not an annotation object.');
  const parsed = AnnotationSchema.safeParse(raw);
  if (!parsed.success) return skip(firstIssue(parsed.error, 'The annotation'));
  const annotation = parsed.data;
  const bodies = readBodies(annotation);
  if (bodies.kinds.length === 0) {
    return skip('No tagging body or tag names a Marginalia kind (claim, actor, figure, reliability_warning).');
  }
  const targetValues = asArray(annotation.target as unknown);
  if (targetValues.length === 0) return skip('It has no target.');
  if (targetValues.length > W3C_IMPORT_LIMITS.targetsPerAnnotation) return skip('It has more than 100 targets.');
  let targets: TargetRead[];
  try {
    targets = targetValues.map((t, i) => readTarget(t, targetValues.length > 1 ? `Target ${i + 1}` : 'The target'));
  } catch (error) {
    return skip((error as Error).message);
  }
  if (targets.every((t) => t.unusableSelectors)) return skip('Its selectors do not locate text (no TextQuoteSelector or TextPositionSelector).');

  const problems: string[] = [];
  const created = timestampOf(annotation.created, 'created', problems);
  const modified = timestampOf(annotation.modified ?? annotation.updated, 'modified', problems);
  const creator = creatorOf(annotation);
  const attributesRaw = annotation['marginalia:attributes'] ?? annotation['urn:marginalia:attributes'];
  const note = bodies.notes.join('\n\n');
  if (note.length > W3C_IMPORT_LIMITS.noteChars) return skip('Its note is longer than 20,000 characters.');
  const documentTitle = asArray(annotation.document?.title)[0];
  const candidates: AnnotationCandidate[] = [];
  const reasons: string[] = [];
  for (const kind of bodies.kinds) {
    const kindProblems = [...problems];
    const attributes = attributesFor(kind, attributesRaw, kindProblems);
    const namedActor = kind === 'claim' ? attributesRaw?.claimant : kind === 'actor' ? (attributesRaw?.actor ?? bodies.identified[0]) : undefined;
    for (const target of targets) {
      if (target.unusableSelectors) continue;
      const documentLevel = !target.quote && !target.position;
      if (documentLevel && kind !== 'reliability_warning') {
        reasons.push(`It targets a whole document, which only a reliability warning can; this one is a ${kind}.`);
        continue;
      }
      const sourceId = target.sourceId ?? annotation.uri;
      const sourceTitle = target.sourceTitle ?? documentTitle;
      candidates.push({
        index,
        ...(annotation.id === undefined ? {} : { id: annotation.id }),
        ...(sourceId === undefined ? {} : { sourceId }),
        ...(sourceTitle === undefined ? {} : { sourceTitle }),
        ...(target.quote ? { quote: target.quote.exact } : {}),
        ...(target.quote?.prefix === undefined ? {} : { prefix: target.quote.prefix }),
        ...(target.quote?.suffix === undefined ? {} : { suffix: target.quote.suffix }),
        ...(target.position ? { position: target.position } : {}),
        kind,
        ...(attributes === undefined ? {} : { attributes }),
        ...(typeof namedActor === 'string' && namedActor.trim() !== '' ? { actorName: namedActor.slice(0, 200) } : {}),
        ...(note === '' ? {} : { note }),
        ...(creator === undefined ? {} : { creator }),
        ...(created === undefined ? {} : { created }),
        ...(modified === undefined ? {} : { modified }),
        problems: kindProblems,
      });
    }
  }
  return candidates.length > 0 ? { candidates } : skip(reasons[0] ?? 'It yields no tag.');
}

/**
 * Reads W3C Web Annotations from untrusted input: JSON text, JSON Lines text, UTF-8 bytes, or an already
 * parsed value — an AnnotationCollection (with embedded pages), an AnnotationPage, an array, one Annotation,
 * or a Hypothesis export (`{ annotations: [...] }`, or the API's `{ rows: [...] }`). A file that is not
 * annotations at all fails with `import_unsupported_format` (or `import_too_large`, `import_empty`,
 * `import_encoding`); an annotation that yields no tag is listed in `skipped` with its reason.
 */
export function parseW3cAnnotations(input: unknown): Result<ParsedW3cAnnotations> {
  const root = readAnnotationInput(input, W3C_IMPORT_LIMITS.inputChars);
  if (!root.ok) return root;
  const items = annotationItemsOf(root.value, W3C_IMPORT_LIMITS.annotations);
  if (!items.ok) return items;
  const parsed: ParsedW3cAnnotations = { candidates: [], skipped: [] };
  items.value.forEach((item, index) => {
    const read = candidatesOfAnnotation(item, index);
    if ('candidates' in read) parsed.candidates.push(...read.candidates);
    else parsed.skipped.push(read);
  });
  if (items.value.length === 0) return err('import_empty', 'The file holds no annotations.');
  return ok(parsed);
}

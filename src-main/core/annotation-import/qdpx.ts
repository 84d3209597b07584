// Reading REFI-QDA project exchange files (.qdpx, or a bare .qde) into sources and coded selections (main process, pure, untrusted input).
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  ClaimStatusSchema,
  FigureAttributesSchema,
  KIND_LABELS,
  WARNING_CATEGORY_LABELS,
  WarningAttributesSchema,
  WarningCategorySchema,
  type AnnotationKind,
  type AttributesPatch,
  type ClaimStatus,
  type WarningCategory,
} from '../../../src-shared/model/annotation';
import { err, ok, UserError, type Result } from '../../../src-shared/model/result';
import { QDPX_ATTRIBUTES_PREFIX, QDPX_UNLINKED_ACTOR_CODE } from '../export/qdpx';

export interface QdpxImportLimits {
  readonly inputBytes: number;
  readonly entries: number;
  readonly uncompressedBytes: number;
  readonly codes: number;
  readonly sources: number;
  readonly selections: number;
  readonly descriptionChars: number;
}

/** Limits on untrusted files; a zip beyond them is refused whole (zip bombs), items beyond them are reported. */
export const QDPX_IMPORT_LIMITS: QdpxImportLimits = {
  /** Bytes of the file as given (compressed). */
  inputBytes: 200 * 1024 * 1024,
  /** Entries in the zip's central directory, extracted or not. */
  entries: 10_000,
  /** Declared uncompressed bytes of the entries we extract (.qde and .txt); fflate never inflates past them. */
  uncompressedBytes: 200 * 1024 * 1024,
  codes: 10_000,
  sources: 10_000,
  selections: 200_000,
  descriptionChars: 20_000,
};

export interface QdpxSource {
  /** Lower case, without braces, as every GUID this module returns. Tools re-mint GUIDs: match on `sha256`. */
  guid: string;
  name: string;
  /** The text with a BOM removed and CRLF / CR turned into LF: Marginalia's canonical form. */
  text: string;
  /** SHA-256 (hex) of `text` as UTF-8: equal to a Marginalia document's `sha256` when it is the same article. */
  sha256: string;
  /** Where the text was: the zip entry, or `inline` for <PlainTextContent>. */
  from: string;
}
export interface QdpxUser {
  guid: string;
  name?: string;
}
export interface QdpxCode {
  guid: string;
  name: string;
  /** Names from the top of the codebook, joined by '/': 'Claim/disputed'. */
  path: string;
  parentGuid?: string;
  color?: string;
  description?: string;
}
/** What one selection means in Marginalia: one tag per kind its codes name. */
export interface QdpxTag {
  kind: AnnotationKind;
  /** Attributes read from sub-codes (status, category) and from a Marginalia description (the rest). */
  attributes: AttributesPatch;
  /** The actor an actor tag names (its sub-code), or a claim's claimant, to match in the registry by name. */
  actorName?: string;
}
export interface QdpxSelection {
  guid: string;
  sourceGuid: string;
  /** Code points of the source's canonical `text`, end exclusive (CRs dropped from CRLF are not counted). */
  startCodePoint: number;
  endCodePoint: number;
  quote: string;
  /** Paths of every code the selection is coded with ('Claim/disputed'). */
  codeNames: string[];
  user?: QdpxUser;
  created?: string;
  modified?: string;
  /** The <Description> as written. */
  description?: string;
  /** The description without Marginalia's attributes line: the analyst's note. */
  note?: string;
  /** A coding of the whole source, or a Marginalia whole-document warning. */
  documentLevel: boolean;
  tags: QdpxTag[];
  /** Code paths that map to no kind or attribute: these codings are not imported. */
  unmappedCodes: string[];
}
export interface QdpxProblem {
  /** What the problem is about, for a person: 'Selection 1a2b… in “Title”', 'Source “Title”'. */
  where: string;
  message: string;
}
export interface ParsedQdpx {
  projectName?: string;
  origin?: string;
  sources: QdpxSource[];
  users: QdpxUser[];
  codes: QdpxCode[];
  selections: QdpxSelection[];
  /** Everything read but not imported (other source types, zero-length or out-of-range selections, unknown codes). */
  notImported: QdpxProblem[];
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** Character data directly inside the element, references decoded, CDATA kept as written. */
  text: string;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(lt|gt|amp|apos|quot));/g;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes the five predefined entities and character references in one pass (so `&amp;#13;` stays `&#13;`). */
function decodeReferences(raw: string): string {
  return raw.replace(REFERENCE, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return PREDEFINED[name]!;
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
    return isXmlChar(cp) ? String.fromCodePoint(cp) : '';
  });
}

// processEntities: false — the parser expands nothing (no DOCTYPE entities, so no entity bombs, and it has no
// way to fetch external ones); we decode the predefined entities and character references ourselves, once.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type OrderedItem = Record<string, unknown>;

function toNodes(items: readonly OrderedItem[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
    if (name === undefined) continue;
    const rawAttributes = (item[':@'] ?? {}) as Record<string, unknown>;
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries(rawAttributes)) {
      // Attribute-value normalisation (XML 1.0 §3.3.3): literal white space becomes a space; references survive.
      if (typeof value === 'string') attributes[key] = decodeReferences(value.replace(/[\t\n\r]/g, ' '));
    }
    const children = (item[name] ?? []) as OrderedItem[];
    let text = '';
    for (const child of children) {
      if (typeof child['#text'] === 'string') text += decodeReferences(child['#text']);
      else if (Array.isArray(child['#cdata'])) text += (child['#cdata'] as OrderedItem[]).map((c) => String(c['#text'] ?? '')).join('');
    }
    nodes.push({ name, attributes, children: toNodes(children), text });
  }
  return nodes;
}

const childrenOf = (node: XmlNode | undefined, name: string): XmlNode[] => node?.children.filter((c) => c.name === name) ?? [];
const childOf = (node: XmlNode | undefined, name: string): XmlNode | undefined => node?.children.find((c) => c.name === name);

/** Parses project.qde text into its root element; refuses DTDs (REFI-QDA never needs one) and malformed XML. */
function parseQde(xml: string): XmlNode {
  const text = xml.replace(/\r\n?/g, '\n'); // end-of-line handling, XML 1.0 §2.11
  const rootStart = text.search(/<[A-Za-z_]/);
  if (/<!DOCTYPE/i.test(rootStart < 0 ? text : text.slice(0, rootStart))) {
    throw new UserError('untrusted_content', 'The project file declares a DOCTYPE, which REFI-QDA files never need; it was refused so that no entity can expand.');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new UserError('import_unsupported_format', `The project file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  }
  let items: OrderedItem[];
  try {
    items = parser.parse(text) as OrderedItem[];
  } catch (error) {
    throw new UserError('import_unsupported_format', `The project file cannot be read: ${(error as Error).message}`);
  }
  const root = toNodes(items)[0];
  if (root?.name !== 'Project') {
    throw new UserError('import_unsupported_format', `This is not a REFI-QDA project: its root element is <${root?.name ?? 'none'}>, not <Project>.`);
  }
  return root;
}

/** Zip entries we can use (.qde and .txt), by their '/'-separated path; refuses archives beyond the limits. */
function readZip(bytes: Uint8Array, limits: QdpxImportLimits): Map<string, Uint8Array> {
  let entries = 0;
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        entries += 1;
        if (entries > limits.entries) throw new UserError('import_too_large', `The archive holds more than ${limits.entries.toLocaleString('en')} files.`);
        if (!/\.(qde|txt)$/i.test(file.name)) return false;
        declared += file.originalSize;
        if (declared > limits.uncompressedBytes) {
          throw new UserError('import_too_large', `The archive unpacks to more than ${Math.round(limits.uncompressedBytes / 2 ** 20)} MB of text.`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('import_unsupported_format', `The file is not a zip archive that can be read (${(error as Error).message}).`);
  }
  return new Map(Object.entries(files).map(([name, data]) => [name.replaceAll('\\', '/'), data]));
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a BOM
  } catch {
    return null;
  }
}

/** GUIDs compare case-insensitively and may be written in braces. */
function normalGuid(value: string | undefined): string | undefined {
  const guid = value?.trim().replace(/^\{|\}$/g, '').toLowerCase();
  return guid === undefined || guid === '' ? undefined : guid;
}

function timestampOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`; // no zone: read as UTC
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return undefined;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The canonical text (LF line ends) and a map from code points of the text as stored to code points of it. */
function canonicalText(raw: string): { text: string; toCanonical: (cp: number) => number } {
  if (!raw.includes('\r')) return { text: raw, toCanonical: (cp) => cp };
  const dropped: number[] = []; // code point indices of CRs removed from CRLF pairs
  let cp = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x0d && raw.charCodeAt(i + 1) === 0x0a) dropped.push(cp);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < raw.length) {
      const next = raw.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    cp++;
  }
  const toCanonical = (position: number): number => {
    let low = 0;
    let high = dropped.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (dropped[mid]! < position) low = mid + 1;
      else high = mid;
    }
    return position - low;
  };
  return { text: raw.replace(/\r\n?/g, '\n'), toCanonical };
}

const nameKey = (name: string): string => name.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
const KIND_BY_NAME = new Map<string, AnnotationKind>(
  (Object.keys(KIND_LABELS) as AnnotationKind[]).flatMap((k) => {
    const names = [nameKey(KIND_LABELS[k]), nameKey(k)];
    return [...names, ...names.map((n) => `${n}s`)].map((n) => [n, k] as const);
  }),
);
const STATUS_BY_NAME = new Map<string, ClaimStatus>(ClaimStatusSchema.options.map((s) => [nameKey(s), s]));
const CATEGORY_BY_NAME = new Map<string, WarningCategory>(
  WarningCategorySchema.options.flatMap((c) => [[nameKey(c), c] as const, [nameKey(WARNING_CATEGORY_LABELS[c]), c] as const]),
);

/** Kinds and attributes from the code paths of one selection; what means nothing to Marginalia is `unmapped`. */
export function tagsFromCodes(paths: readonly string[][]): { tags: Map<AnnotationKind, QdpxTag>; unmapped: string[]; conflicts: string[] } {
  const tags = new Map<AnnotationKind, QdpxTag>();
  const unmapped: string[] = [];
  const conflicts: string[] = [];
  for (const path of paths) {
    const kind = KIND_BY_NAME.get(nameKey(path[0] ?? ''));
    if (kind === undefined || path.length > 2) {
      unmapped.push(path.join('/'));
      continue;
    }
    const tag = tags.get(kind) ?? { kind, attributes: {} };
    tags.set(kind, tag);
    const sub = path[1];
    if (sub === undefined) continue;
    const attributes = tag.attributes as Record<string, unknown>;
    const set = (key: string, value: string): void => {
      if (attributes[key] !== undefined && attributes[key] !== value) conflicts.push(`${path.join('/')} (kept ${String(attributes[key])})`);
      else attributes[key] = value;
    };
    const status = kind === 'claim' ? STATUS_BY_NAME.get(nameKey(sub)) : undefined;
    const category = kind === 'reliability_warning' ? CATEGORY_BY_NAME.get(nameKey(sub)) : undefined;
    if (status !== undefined) set('status', status);
    else if (category !== undefined) set('category', category);
    else if (kind === 'actor' && nameKey(sub) === nameKey(QDPX_UNLINKED_ACTOR_CODE)) continue;
    else if (kind === 'actor' && sub.trim() !== '') tag.actorName ??= sub.trim().slice(0, 200);
    else unmapped.push(path.join('/'));
  }
  return { tags, unmapped, conflicts };
}

/** Splits a Marginalia description into the note and its attributes line (absent in other tools' files). */
function readDescription(description: string): { note: string; extra: Record<string, unknown> } {
  const lines = description.split('\n');
  const at = lines.findLastIndex((l) => l.startsWith(QDPX_ATTRIBUTES_PREFIX));
  if (at < 0) return { note: description, extra: {} };
  let extra: unknown;
  try {
    extra = JSON.parse(lines[at]!.slice(QDPX_ATTRIBUTES_PREFIX.length));
  } catch {
    return { note: description, extra: {} };
  }
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) return { note: description, extra: {} };
  const note = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n').trim();
  return { note, extra: extra as Record<string, unknown> };
}

/** Adds what a Marginalia description carries (severity, correction, figure values, claimant) to the tags. */
function applyExtra(tags: Iterable<QdpxTag>, extra: Record<string, unknown>): void {
  const pick = (schema: typeof FigureAttributesSchema | typeof WarningAttributesSchema, keys: string[]): Record<string, unknown> => {
    const present = Object.fromEntries(keys.filter((k) => k in extra).map((k) => [k, extra[k]]));
    const parsed = schema.partial().safeParse(present);
    return parsed.success ? parsed.data : {};
  };
  for (const tag of tags) {
    if (tag.kind === 'figure') Object.assign(tag.attributes, pick(FigureAttributesSchema, ['amount', 'scale', 'unit']));
    if (tag.kind === 'reliability_warning') Object.assign(tag.attributes, pick(WarningAttributesSchema, ['severity', 'correction']));
    const named = tag.kind === 'claim' ? extra.claimant : tag.kind === 'actor' ? extra.actor : undefined;
    if (typeof named !== 'string' || named.trim() === '') continue;
    // Our export suffixes a repeated actor name (" (2)") to keep code names unique; the description has it whole.
    const whole = named.trim().slice(0, 200);
    const suffixed = tag.actorName?.startsWith(whole) === true && /^ \(\d+\)$/.test(tag.actorName.slice(whole.length));
    if (tag.actorName === undefined || suffixed) tag.actorName = whole;
  }
}

interface ReadContext {
  limits: QdpxImportLimits;
  files: ReadonlyMap<string, Uint8Array>;
  /** Zip paths by their lower-case form, for tools that write `Sources/` or change a name's case. */
  filesByLowerCase: ReadonlyMap<string, string>;
  /** Folder of the .qde inside the zip ('' at the root), where `internal://` paths resolve under sources/. */
  base: string;
  codes: ReadonlyMap<string, { path: string[] }>;
  users: ReadonlyMap<string, QdpxUser>;
  out: ParsedQdpx;
}

function findFile(context: ReadContext, candidates: string[]): { path: string; data: Uint8Array } | undefined {
  for (const candidate of candidates) {
    const path = context.files.has(candidate) ? candidate : context.filesByLowerCase.get(candidate.toLowerCase());
    if (path !== undefined) return { path, data: context.files.get(path)! };
  }
  return undefined;
}

/** The text of a TextSource: inline <PlainTextContent>, or the zip entry its plainTextPath names. */
function sourceTextOf(node: XmlNode, guid: string, context: ReadContext): { raw: string; from: string } | string {
  const inline = childOf(node, 'PlainTextContent');
  if (inline) return { raw: inline.text, from: 'inline' };
  const path = node.attributes.plainTextPath?.trim() ?? '';
  const name = path.replace(/^[a-z]+:\/\//i, '');
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // not percent-encoded
  }
  const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  const candidates = [
    ...(/^internal:\/\//i.test(path) ? [`${context.base}sources/${name}`, `${context.base}sources/${decoded}`] : []),
    `${context.base}sources/${baseName(decoded)}`,
    `${context.base}sources/${guid}.txt`,
  ];
  const found = findFile(context, candidates);
  if (!found) return path === '' ? 'It has neither <PlainTextContent> nor a plainTextPath.' : `Its text “${path.slice(0, 200)}” is not in the archive.`;
  const raw = decodeUtf8(found.data);
  return raw === null ? `Its text ${found.path} is not valid UTF-8.` : { raw, from: found.path };
}

/** A source being read: its parsed form, the stored text's length, and code point conversions built once. */
interface SourceView {
  source: QdpxSource;
  rawLength: number;
  toCanonical: (cp: number) => number;
  /** UTF-16 offset in `source.text` of each code point offset (length + 1 entries). */
  utf16At: Uint32Array;
}

function sourceViewOf(source: QdpxSource, raw: string, toCanonical: (cp: number) => number): SourceView {
  const utf16At = new Uint32Array(source.text.length + 1);
  let cp = 0;
  for (const char of source.text) {
    utf16At[cp + 1] = utf16At[cp]! + char.length;
    cp++;
  }
  return { source, rawLength: raw === source.text ? cp : Array.from(raw).length, toCanonical, utf16At: utf16At.subarray(0, cp + 1) };
}

function readSelection(node: XmlNode, view: SourceView, context: ReadContext, whole: boolean): void {
  const { source, rawLength, toCanonical } = view;
  const { out } = context;
  const guid = normalGuid(node.attributes.guid) ?? '';
  const where = `${whole ? 'Coding' : 'Selection'} ${guid || '(no GUID)'} in “${source.name}”`;
  const position = (name: string): number | null => {
    const value = node.attributes[name]?.trim() ?? '';
    return /^\d{1,10}$/.test(value) ? Number(value) : null;
  };
  const rawStart = whole ? 0 : position('startPosition');
  const rawEnd = whole ? rawLength : position('endPosition');
  if (rawStart === null || rawEnd === null) return void out.notImported.push({ where, message: 'Its start or end position is not a whole number.' });
  if (rawEnd > rawLength || rawStart > rawEnd) {
    return void out.notImported.push({ where, message: `Its range ${rawStart}–${rawEnd} lies outside the text (0–${rawLength} code points).` });
  }
  if (rawStart === rawEnd) return void out.notImported.push({ where, message: `It is empty (starts and ends at ${rawStart}).` });
  const paths: string[][] = [];
  const codings = whole ? [node] : childrenOf(node, 'Coding');
  for (const coding of codings) {
    const target = normalGuid(childOf(coding, 'CodeRef')?.attributes.targetGUID);
    const code = target === undefined ? undefined : context.codes.get(target);
    if (code) paths.push(code.path);
    else out.notImported.push({ where, message: `A coding refers to code ${target ?? '(none)'}, which is not in the codebook.` });
  }
  const description = whole ? undefined : childOf(node, 'Description')?.text;
  const { note, extra } = readDescription(description ?? '');
  const { tags, unmapped, conflicts } = tagsFromCodes(paths);
  applyExtra(tags.values(), extra);
  for (const path of unmapped) out.notImported.push({ where, message: `Its code “${path}” has no meaning in Marginalia; that coding is not imported.` });
  for (const conflict of conflicts) out.notImported.push({ where, message: `It has two values for one attribute: ${conflict}.` });
  if (out.selections.length >= context.limits.selections) {
    return void out.notImported.push({ where, message: `Beyond the limit of ${context.limits.selections.toLocaleString('en')} selections.` });
  }
  const start = toCanonical(rawStart);
  const end = toCanonical(rawEnd);
  const userGuid = normalGuid(node.attributes.creatingUser);
  const created = timestampOf(node.attributes.creationDateTime);
  const modified = timestampOf(node.attributes.modifiedDateTime);
  out.selections.push({
    guid,
    sourceGuid: source.guid,
    startCodePoint: start,
    endCodePoint: end,
    quote: source.text.slice(view.utf16At[start], view.utf16At[end]),
    codeNames: [...new Set(paths.map((p) => p.join('/')))],
    ...(userGuid === undefined ? {} : { user: context.users.get(userGuid) ?? { guid: userGuid } }),
    ...(created === undefined ? {} : { created }),
    ...(modified === undefined ? {} : { modified }),
    ...(description === undefined ? {} : { description: description.slice(0, context.limits.descriptionChars) }),
    ...(note === '' ? {} : { note: note.slice(0, context.limits.descriptionChars) }),
    documentLevel: whole || extra.documentLevel === true,
    tags: [...tags.values()],
    unmappedCodes: unmapped,
  });
}

function readSources(project: XmlNode, context: ReadContext): void {
  const { out } = context;
  for (const node of childOf(project, 'Sources')?.children ?? []) {
    const name = node.attributes.name ?? '(untitled)';
    if (node.name !== 'TextSource') {
      out.notImported.push({ where: `Source “${name}”`, message: `It is a ${node.name.replace(/Source$/, '')} source; only text sources are imported.` });
      continue;
    }
    if (out.sources.length >= context.limits.sources) {
      out.notImported.push({ where: `Source “${name}”`, message: `Beyond the limit of ${context.limits.sources.toLocaleString('en')} sources.` });
      continue;
    }
    const guid = normalGuid(node.attributes.guid) ?? `source-${out.sources.length + 1}`;
    const read = sourceTextOf(node, guid, context);
    if (typeof read === 'string') {
      const count = childrenOf(node, 'PlainTextSelection').length;
      out.notImported.push({ where: `Source “${name}”`, message: `${read} It and its ${count} selection(s) are not imported.` });
      continue;
    }
    const { text, toCanonical } = canonicalText(read.raw);
    const source: QdpxSource = { guid, name, text, sha256: createHash('sha256').update(text, 'utf8').digest('hex'), from: read.from };
    out.sources.push(source);
    const view = sourceViewOf(source, read.raw, toCanonical);
    for (const selection of childrenOf(node, 'PlainTextSelection')) readSelection(selection, view, context, false);
    for (const coding of childrenOf(node, 'Coding')) readSelection(coding, view, context, true);
  }
}

function readCodes(project: XmlNode, limits: QdpxImportLimits, out: ParsedQdpx): Map<string, { path: string[] }> {
  const byGuid = new Map<string, { path: string[] }>();
  const visit = (node: XmlNode, parent: { guid: string; path: string[] } | undefined): void => {
    const guid = normalGuid(node.attributes.guid);
    const name = (node.attributes.name ?? '').trim();
    if (guid === undefined || out.codes.length >= limits.codes) {
      out.notImported.push({ where: `Code “${name}”`, message: guid === undefined ? 'It has no GUID.' : `Beyond the limit of ${limits.codes} codes.` });
      return;
    }
    const path = [...(parent?.path ?? []), name];
    const description = childOf(node, 'Description')?.text;
    out.codes.push({
      guid,
      name,
      path: path.join('/'),
      ...(parent ? { parentGuid: parent.guid } : {}),
      ...(node.attributes.color ? { color: node.attributes.color } : {}),
      ...(description ? { description: description.slice(0, limits.descriptionChars) } : {}),
    });
    byGuid.set(guid, { path });
    for (const child of childrenOf(node, 'Code')) visit(child, { guid, path });
  };
  for (const code of childrenOf(childOf(childOf(project, 'CodeBook'), 'Codes'), 'Code')) visit(code, undefined);
  return byGuid;
}

/** The project.qde of an archive: project.qde at the root, else the only .qde at the root, else the only .qde. */
function findQde(files: ReadonlyMap<string, Uint8Array>): { path: string; data: Uint8Array } {
  const qdes = [...files.keys()].filter((k) => /\.qde$/i.test(k) && !k.split('/').some((part) => part === '__MACOSX'));
  const atRoot = qdes.filter((k) => !k.includes('/'));
  const path = atRoot.find((k) => k.toLowerCase() === 'project.qde') ?? (atRoot.length === 1 ? atRoot[0] : undefined) ?? (qdes.length === 1 ? qdes[0] : undefined);
  if (path === undefined) {
    throw new UserError(
      'import_unsupported_format',
      qdes.length === 0 ? 'The archive holds no .qde project file: it is not a REFI-QDA project.' : `The archive holds ${qdes.length} .qde files and none is project.qde.`,
    );
  }
  return { path, data: files.get(path)! };
}

/**
 * Reads a REFI-QDA project (a .qdpx zip, or a bare .qde) from untrusted bytes: text sources with their
 * canonical text and hash, users, the codebook flattened into paths, and every text selection with the
 * Marginalia tags its codes stand for. Positions are Unicode code points of the canonical text. Whatever
 * cannot become a tag (non-text sources, empty or out-of-range selections, codes that name no kind, codings
 * of missing codes) is listed in `notImported`, never dropped silently. A file that is no project fails with
 * `import_unsupported_format`, an oversized archive with `import_too_large`, a DTD with `untrusted_content`.
 */
export function parseQdpx(bytes: Uint8Array, limits: QdpxImportLimits = QDPX_IMPORT_LIMITS): Result<ParsedQdpx> {
  try {
    if (bytes.length > limits.inputBytes) throw new UserError('import_too_large', `The file is larger than ${Math.round(limits.inputBytes / 2 ** 20)} MB.`);
    if (bytes.length === 0) return err('import_empty', 'The file is empty.');
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const files = isZip ? readZip(bytes, limits) : new Map<string, Uint8Array>();
    const qde = isZip ? findQde(files) : { path: 'project.qde', data: bytes };
    const xml = decodeUtf8(qde.data);
    if (xml === null) return err('import_encoding', `${qde.path} is not valid UTF-8, which REFI-QDA requires.`);
    const project = parseQde(xml);
    const out: ParsedQdpx = {
      ...(project.attributes.name === undefined ? {} : { projectName: project.attributes.name }),
      ...(project.attributes.origin === undefined ? {} : { origin: project.attributes.origin }),
      sources: [],
      users: [],
      codes: [],
      selections: [],
      notImported: [],
    };
    for (const user of childrenOf(childOf(project, 'Users'), 'User')) {
      const guid = normalGuid(user.attributes.guid);
      if (guid !== undefined) out.users.push({ guid, ...(user.attributes.name === undefined ? {} : { name: user.attributes.name }) });
    }
    const codes = readCodes(project, limits, out);
    const base = qde.path.includes('/') ? qde.path.slice(0, qde.path.lastIndexOf('/') + 1) : '';
    const filesByLowerCase = new Map([...files.keys()].map((k) => [k.toLowerCase(), k]));
    readSources(project, { limits, files, filesByLowerCase, base, codes, users: new Map(out.users.map((u) => [u.guid, u])), out });
    return ok(out);
  } catch (error) {
    if (error instanceof UserError) return err(error.code, error.message);
    throw error;
  }
}

/** Which parsed source is which document: by SHA-256 of the canonical text (GUIDs differ between tools). */
export function matchQdpxSources(
  sources: readonly Pick<QdpxSource, 'guid' | 'sha256'>[],
  documents: readonly { id: string; sha256: string }[],
): Map<string, string> {
  const byHash = new Map(documents.map((d) => [d.sha256, d.id]));
  return new Map(sources.flatMap((s) => (byHash.has(s.sha256) ? [[s.guid, byHash.get(s.sha256)!] as const] : [])));
}

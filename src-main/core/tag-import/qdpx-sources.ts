// The text sources of a REFI-QDA project and their selections, one selection per span and user (main process, pure).
import { createHash } from 'node:crypto';
import { isSurrogatePairAt } from '../../../src-shared/text/quote';
import type { AnnotationKind } from '../../../src-shared/model/annotation';
import type { ParsedQdpx, QdpxImportLimits, QdpxSelection, QdpxSource, QdpxTag, QdpxUser } from './qdpx-model';
import { applyExtra, kindOfCodeName, readDescription, tagsFromCodes } from './qdpx-codes';
import { childOf, childrenOf, decodeUtf8, normalGuid, timestampOf, type XmlNode } from './qdpx-xml';

/** The canonical text (LF line ends) and a map from code points of the text as stored to code points of it. */
function canonicalText(raw: string): { text: string; toCanonical: (cp: number) => number } {
  if (!raw.includes('\r')) return { text: raw, toCanonical: (cp) => cp };
  const dropped: number[] = []; // code point indices of CRs removed from CRLF pairs
  let cp = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x0d && raw.charCodeAt(i + 1) === 0x0a) dropped.push(cp);
    if (isSurrogatePairAt(raw, i)) i++;
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

export interface ReadContext {
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

/** One <PlainTextSelection> (or source-level <Coding>) as written: tools write one per code, so several make one tag. */
interface WrittenSelection {
  guid: string;
  where: string;
  start: number;
  end: number;
  /** Paths of the codes it is coded with ('Claim/disputed'). */
  paths: string[][];
  userGuid?: string;
  created?: string;
  modified?: string;
  description?: string;
  whole: boolean;
}

function readSelection(node: XmlNode, view: SourceView, context: ReadContext, whole: boolean): WrittenSelection | undefined {
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
  for (const coding of whole ? [node] : childrenOf(node, 'Coding')) {
    const target = normalGuid(childOf(coding, 'CodeRef')?.attributes.targetGUID);
    const code = target === undefined ? undefined : context.codes.get(target);
    if (code) paths.push(code.path);
    else out.notImported.push({ where, message: `A coding refers to code ${target ?? '(none)'}, which is not in the codebook.` });
  }
  // Some tools name the user only on the <Coding>.
  const userGuid = normalGuid(node.attributes.creatingUser) ?? normalGuid(childrenOf(node, 'Coding')[0]?.attributes.creatingUser);
  const created = timestampOf(node.attributes.creationDateTime);
  const modified = timestampOf(node.attributes.modifiedDateTime);
  const description = whole ? undefined : childOf(node, 'Description')?.text;
  return {
    guid,
    where,
    start: toCanonical(rawStart),
    end: toCanonical(rawEnd),
    paths,
    ...(userGuid === undefined ? {} : { userGuid }),
    ...(created === undefined ? {} : { created }),
    ...(modified === undefined ? {} : { modified }),
    ...(description === undefined ? {} : { description }),
    whole,
  };
}

const earliest = (values: (string | undefined)[]): string | undefined => values.filter((v) => v !== undefined).sort()[0];
const latest = (values: (string | undefined)[]): string | undefined => values.filter((v) => v !== undefined).sort().at(-1);

/**
 * The selections of one span by one user as one: their codes combine into the tags' kinds and attributes
 * (QualCoder writes a tag's kind and its status as two selections), each tag keeping the GUID of the first
 * selection coded with its kind; notes and descriptions are kept once each.
 */
function combineSelections(group: readonly WrittenSelection[], view: SourceView, context: ReadContext): void {
  const { out, limits } = context;
  const first = group[0]!;
  const read = group.map((s) => ({ ...s, ...readDescription(s.description ?? '') }));
  const { tags, unmapped, conflicts } = tagsFromCodes(group.flatMap((s) => s.paths));
  const extra = Object.assign({}, ...read.map((s) => s.extra)) as Record<string, unknown>;
  applyExtra(tags.values(), extra);
  for (const path of unmapped) out.notImported.push({ where: first.where, message: `Its code “${path}” has no meaning in Marginalia; that coding is not imported.` });
  for (const conflict of conflicts) out.notImported.push({ where: first.where, message: `It has two values for one attribute: ${conflict}.` });
  if (out.selections.length >= limits.selections) {
    return void out.notImported.push({ where: first.where, message: `Beyond the limit of ${limits.selections.toLocaleString('en')} selections.` });
  }
  const guidOf = (kind: AnnotationKind): string => group.find((s) => s.paths.some((p) => kindOfCodeName(p[0] ?? '') === kind))?.guid ?? first.guid;
  const note = [...new Set(read.map((s) => s.note).filter((n) => n !== ''))].join('\n\n');
  const description = read.find((s) => s.description !== undefined && s.description !== '')?.description;
  const user: QdpxUser | undefined = first.userGuid === undefined ? undefined : (context.users.get(first.userGuid) ?? { guid: first.userGuid });
  const created = earliest(group.map((s) => s.created));
  const modified = latest(group.map((s) => s.modified));
  const selection: QdpxSelection = {
    guid: first.guid,
    sourceGuid: view.source.guid,
    startCodePoint: first.start,
    endCodePoint: first.end,
    quote: view.source.text.slice(view.utf16At[first.start], view.utf16At[first.end]),
    codeNames: [...new Set(group.flatMap((s) => s.paths.map((p) => p.join('/'))))],
    ...(user === undefined ? {} : { user }),
    ...(created === undefined ? {} : { created }),
    ...(modified === undefined ? {} : { modified }),
    ...(description === undefined ? {} : { description: description.slice(0, limits.descriptionChars) }),
    ...(note === '' ? {} : { note: note.slice(0, limits.descriptionChars) }),
    documentLevel: first.whole || extra.documentLevel === true,
    tags: [...tags.values()].map((tag): QdpxTag => ({ ...tag, guid: guidOf(tag.kind) })),
    unmappedCodes: unmapped,
  };
  out.selections.push(selection);
}

/** Reads one source's selections and combines those of the same span and user, in the order they first appear. */
function readSelectionsOf(node: XmlNode, view: SourceView, context: ReadContext): void {
  const groups = new Map<string, WrittenSelection[]>();
  const written = [
    ...childrenOf(node, 'PlainTextSelection').map((s) => readSelection(s, view, context, false)),
    ...childrenOf(node, 'Coding').map((c) => readSelection(c, view, context, true)),
  ];
  for (const selection of written) {
    if (selection === undefined) continue;
    const key = `${selection.whole}:${selection.start}:${selection.end}:${selection.userGuid ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(selection);
    else groups.set(key, [selection]);
  }
  for (const group of groups.values()) combineSelections(group, view, context);
}

/** Every text source with its selections, into `context.out`; other sources are reported. */
export function readSources(project: XmlNode, context: ReadContext): void {
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
    readSelectionsOf(node, view, context);
  }
}

// The brat standoff export (main process, pure): per document a .txt and a .ann, plus the collection's annotation.conf.
import {
  ClaimStatusSchema,
  figureValue,
  WarningCategorySchema,
  WarningSeveritySchema,
  type Annotation,
  type AnnotationKind,
} from '../../../src-shared/model/annotation';
import type { Document } from '../../../src-shared/model/document';
import type { ExportTarget } from './chunks';
import type { ExportSource } from './source';
import { annotationsInExportOrder, indexSnapshot, namesOf, type SnapshotIndex } from './snapshot-index';
import type { ExportedFile, ExportSnapshot } from './types';

/** The folder every brat file is written in: brat reads a collection as one directory with its annotation.conf. */
export const BRAT_DIR = 'brat';

/** brat entity types (no spaces allowed); visual.conf gives them readable labels. */
export const BRAT_ENTITY_TYPES: Readonly<Record<AnnotationKind, string>> = {
  claim: 'Claim',
  actor: 'Actor',
  figure: 'Figure',
  reliability_warning: 'Reliability_warning',
};

/** brat attributes: only the enumerable ones; free values (names, amounts, corrections) go into the tag's note. */
const BRAT_ATTRIBUTES = [
  { name: 'Status', entity: 'claim', values: ClaimStatusSchema.options },
  { name: 'Severity', entity: 'reliability_warning', values: WarningSeveritySchema.options },
  { name: 'Category', entity: 'reliability_warning', values: WarningCategorySchema.options },
] as const;

// Letters that NFKD does not reduce to ASCII, for readable slugs of Latin and Cyrillic (Ukrainian, Russian) titles.
const TRANSLITERATION: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'ß ss æ ae œ oe ø o đ d ð d ł l þ th ı i',
    'а a б b в v г h ґ g д d е e є ye ж zh з z и y і i ї yi й i к k л l м m н n о o п p р r с s т t у u ф f',
    'х kh ц ts ч ch ш sh щ shch ь _ ю yu я ya ё yo ы y э e ъ _',
  ]
    .join(' ')
    .split(' ')
    .flatMap((token, i, all) => (i % 2 === 0 ? [[token, all[i + 1] === '_' ? '' : all[i + 1]!]] : [])),
);

/**
 * A file base name for a document: an ASCII slug of its title plus the first 8 hex digits of its id. Only
 * [a-z0-9-] survive, so no name can climb out of the folder, hide itself, or collide with a Windows device name.
 */
export function safeBaseName(document: { id: string; title: string }, idLength = 8): string {
  const slug = Array.from(document.title.toLowerCase().normalize('NFC'))
    .map((c) => TRANSLITERATION[c] ?? c)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  const id = document.id.replaceAll('-', '').toLowerCase().slice(0, idLength);
  return `${slug || 'document'}-${id}`;
}

/**
 * The fragments of a span in code points: brat keeps one annotation per line, so a span that crosses a line
 * break becomes a discontinuous annotation (`0 5;6 10`) of its non-blank lines.
 */
export function bratFragments(text: string, range: { start: number; end: number }, toCodePoints: (utf16: number) => number) {
  const fragments: { start: number; end: number; text: string }[] = [];
  let at = range.start;
  for (const line of text.slice(range.start, range.end).split('\n')) {
    if (line.trim() !== '') fragments.push({ start: toCodePoints(at), end: toCodePoints(at + line.length), text: line });
    at += line.length + 1;
  }
  return fragments;
}

/** A note on one line: brat reads .ann line by line and splits fields at tabs. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').replaceAll('\t', ' ').trim();
}

/** The AnnotatorNotes text of a tag: its note, then the values brat attributes cannot hold. Empty: no note line. */
function noteOf(annotation: Annotation, index: SnapshotIndex): string {
  const parts: string[] = [];
  if (annotation.note.trim() !== '') parts.push(oneLine(annotation.note));
  switch (annotation.kind) {
    case 'claim': {
      const claimant = index.actorName(annotation.attributes.claimantId);
      if (claimant !== null) parts.push(`Claimant: ${claimant}`);
      break;
    }
    case 'actor': {
      const actor = index.actorName(annotation.attributes.actorId);
      if (actor !== null) parts.push(`Actor: ${actor}`);
      break;
    }
    case 'figure': {
      const { amount, scale, unit } = annotation.attributes;
      const value = figureValue(annotation.attributes);
      if (amount !== null) parts.push(`Figure: ${amount} × ${scale} = ${value}${unit === null ? '' : ` ${unit}`}`);
      break;
    }
    case 'reliability_warning':
      if (annotation.attributes.correction.trim() !== '') parts.push(`Correction: ${oneLine(annotation.attributes.correction)}`);
      break;
  }
  return parts.join(' | ');
}

function attributeLines(annotation: Annotation): { name: string; value: string }[] {
  if (annotation.kind === 'claim') return [{ name: 'Status', value: annotation.attributes.status }];
  if (annotation.kind === 'reliability_warning') {
    return [
      { name: 'Severity', value: annotation.attributes.severity },
      { name: 'Category', value: annotation.attributes.category },
    ];
  }
  return [];
}

/**
 * The .ann file of one document: `T` lines (offsets in code points, which is what brat — a Python program —
 * counts), `A` lines for claim status and warning severity/category, `#` AnnotatorNotes lines for the rest.
 * Deleted tags and document-level warnings (brat has no annotation without a span) are left out.
 */
export function bratAnnotations(document: Document, annotations: readonly Annotation[], index: SnapshotIndex): string {
  const lines: string[] = [];
  const toCodePoints = index.codePointsOf(document);
  let t = 0;
  let a = 0;
  let n = 0;
  for (const annotation of annotations) {
    if (annotation.target === null || annotation.deletedAt !== null) continue;
    const fragments = bratFragments(document.text, annotation.target, toCodePoints);
    if (fragments.length === 0) continue; // a valid tag always holds non-blank text; kept as a guard
    const id = `T${++t}`;
    const offsets = fragments.map((f) => `${f.start} ${f.end}`).join(';');
    lines.push(`${id}\t${BRAT_ENTITY_TYPES[annotation.kind]} ${offsets}\t${fragments.map((f) => f.text).join(' ')}`);
    for (const { name, value } of attributeLines(annotation)) lines.push(`A${++a}\t${name} ${id} ${value}`);
    const note = noteOf(annotation, index);
    if (note !== '') lines.push(`#${++n}\tAnnotatorNotes ${id}\t${note}`);
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** annotation.conf: the four entity types, the enumerable attributes, and overlaps of any kind allowed. */
export function bratAnnotationConf(): string {
  const entities = Object.values(BRAT_ENTITY_TYPES);
  const attributes = BRAT_ATTRIBUTES.map((x) => `${x.name}\tArg:${BRAT_ENTITY_TYPES[x.entity]}, Value:${x.values.join('|')}`);
  return [
    '# Marginalia tags as brat entities. Offsets in the .ann files count Unicode code points.',
    '[entities]',
    ...entities,
    '',
    '[relations]',
    '# Tags may nest and cross (a figure inside a claim, two analysts on one span).',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    ...attributes,
    '',
  ].join('\n');
}

/** visual.conf: readable labels and the colours of Marginalia's highlights. */
export function bratVisualConf(): string {
  return [
    '[labels]',
    'Claim | Claim',
    'Actor | Actor',
    'Figure | Figure',
    'Reliability_warning | Reliability warning | Warning',
    '',
    '[drawing]',
    'Claim\tbgColor:#ffd966',
    'Actor\tbgColor:#9fc5e8',
    'Figure\tbgColor:#b6d7a8',
    'Reliability_warning\tbgColor:#ea9999',
    '',
  ].join('\n');
}

/**
 * The `brat` export: in `brat/`, for each document `<slug>-<id>.txt` (its canonical text, UTF-8, \n line ends)
 * and `<slug>-<id>.ann`, plus annotation.conf and visual.conf. Live tags only.
 */
export function exportBrat(snapshot: ExportSnapshot): ExportedFile[] {
  const index = indexSnapshot(snapshot);
  const byDocument = new Map<string, Annotation[]>();
  for (const annotation of annotationsInExportOrder(snapshot, { includeDeleted: false })) {
    const list = byDocument.get(annotation.documentId) ?? [];
    list.push(annotation);
    byDocument.set(annotation.documentId, list);
  }
  const files: ExportedFile[] = [];
  const nameOf = bratNamer();
  for (const document of snapshot.documents) {
    const name = nameOf(document);
    const ann = bratAnnotations(document, byDocument.get(document.id) ?? [], index);
    files.push({ path: `${BRAT_DIR}/${name}.txt`, mediaType: BRAT_TEXT_MEDIA_TYPE, content: document.text });
    files.push({ path: `${BRAT_DIR}/${name}.ann`, mediaType: BRAT_TEXT_MEDIA_TYPE, content: ann });
  }
  files.push({ path: `${BRAT_DIR}/annotation.conf`, mediaType: BRAT_TEXT_MEDIA_TYPE, content: bratAnnotationConf() });
  files.push({ path: `${BRAT_DIR}/visual.conf`, mediaType: BRAT_TEXT_MEDIA_TYPE, content: bratVisualConf() });
  return files;
}

const BRAT_TEXT_MEDIA_TYPE = 'text/plain;charset=utf-8';

/** Each document's base name, unique in the folder: a clash gets the longer id. */
function bratNamer(): (document: { id: string; title: string }) => string {
  const taken = new Set<string>();
  return (document) => {
    let name = safeBaseName(document);
    if (taken.has(name)) name = safeBaseName(document, 32);
    taken.add(name);
    return name;
  };
}

/** `exportBrat` written file by file, one document in memory at a time. */
export function streamBrat(source: ExportSource, target: ExportTarget): void {
  const names = namesOf(source);
  const nameOf = bratNamer();
  for (const entry of source.eachDocument()) {
    const document = entry.load();
    const index = indexSnapshot({ documents: [document], actors: source.actors, analysts: source.analysts }, names);
    const name = nameOf(document);
    target.file(`${BRAT_DIR}/${name}.txt`, BRAT_TEXT_MEDIA_TYPE, (sink) => sink.write(document.text));
    target.file(`${BRAT_DIR}/${name}.ann`, BRAT_TEXT_MEDIA_TYPE, (sink) => sink.write(bratAnnotations(document, entry.tags, index)));
  }
  target.file(`${BRAT_DIR}/annotation.conf`, BRAT_TEXT_MEDIA_TYPE, (sink) => sink.write(bratAnnotationConf()));
  target.file(`${BRAT_DIR}/visual.conf`, BRAT_TEXT_MEDIA_TYPE, (sink) => sink.write(bratVisualConf()));
}

// The CSV export (main process, pure): one row per live tag, for spreadsheets; RFC 4180 with formula defence.
import { figureValue, KIND_LABELS, type Annotation } from '../../../src-shared/model/annotation';
import { pageAtOffset } from '../../../src-shared/text/pages';
import type { ExportTarget } from './chunks';
import type { ExportSource } from './source';
import { annotationsInExportOrder, indexSnapshot, namesOf, reviewStatusOf, type SnapshotIndex } from './snapshot-index';
import type { ExportedFile, ExportSnapshot } from './types';

/**
 * The columns, in order: what a spreadsheet reader looks at first (kind, quote, document, analyst, review status),
 * then each attribute, the note and times, and at the end the ids and offsets for scripts. Offsets are given twice:
 * `*_utf16` count UTF-16 code units (Marginalia's own unit, JavaScript string indices), `*_codepoint` count Unicode
 * code points (Python, W3C, brat, REFI-QDA). A document-level reliability warning has empty quote and offset cells.
 * `status` is the review decision: accepted, rejected or undecided. `page` is the page of the original file (PDF)
 * the passage starts on, empty for articles without pages.
 */
export const CSV_COLUMNS = [
  'kind',
  'quote',
  'document',
  'analyst',
  'status',
  'claim_status',
  'claimant',
  'actor',
  'figure_amount',
  'figure_scale',
  'figure_value',
  'figure_unit',
  'warning_severity',
  'warning_category',
  'warning_correction',
  'note',
  'reviewed_by',
  'created_at',
  'updated_at',
  'page',
  'annotation_id',
  'document_id',
  'start_utf16',
  'end_utf16',
  'start_codepoint',
  'end_codepoint',
  'prefix',
  'suffix',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A cell: text we did not write ourselves (quotes, notes, names) or a number we formatted. */
type Cell = string | number | null;

const CSV_PATH = 'annotations.csv';
export const CSV_MEDIA_TYPE = 'text/csv;charset=utf-8;header=present';

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP "CSV Injection"):
 * = + - @, and TAB / CR, which some programs strip before looking for those.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * One cell as RFC 4180 text. Text cells that a spreadsheet would run as a formula get a leading single quote
 * (OWASP's recommended defence), so `=HYPERLINK(…)` in an article shows as text instead of becoming a live link;
 * numbers are ours and never prefixed, so `-14` stays a number. A cell holding a comma, a double quote, CR or
 * LF is enclosed in double quotes, with inner quotes doubled.
 */
export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  let text = typeof cell === 'number' ? String(cell) : cell;
  if (typeof cell === 'string' && FORMULA_TRIGGER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as RFC 4180 CSV: CRLF after every record, including the last. */
export function csvText(rows: readonly (readonly Cell[])[]): string {
  return rows.map(csvLine).join('');
}

/** One record as RFC 4180 text, CRLF included. */
function csvLine(row: readonly Cell[]): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}

function rowOf(annotation: Annotation, index: SnapshotIndex): Record<CsvColumn, Cell> {
  const document = index.documentOf(annotation);
  const target = annotation.target;
  const codePoints = index.codePointsOf(document);
  const row: Record<CsvColumn, Cell> = {
    kind: KIND_LABELS[annotation.kind],
    quote: target?.exact ?? null,
    document: document.title,
    page: target ? pageAtOffset(document.blocks, target.start) : null,
    analyst: index.analystName(annotation.analystId),
    status: reviewStatusOf(annotation),
    annotation_id: annotation.id,
    document_id: annotation.documentId,
    start_utf16: target?.start ?? null,
    end_utf16: target?.end ?? null,
    start_codepoint: target ? codePoints(target.start) : null,
    end_codepoint: target ? codePoints(target.end) : null,
    prefix: target?.prefix ?? null,
    suffix: target?.suffix ?? null,
    claim_status: null,
    claimant: null,
    actor: null,
    figure_amount: null,
    figure_scale: null,
    figure_value: null,
    figure_unit: null,
    warning_severity: null,
    warning_category: null,
    warning_correction: null,
    note: annotation.note,
    reviewed_by: annotation.review ? index.analystName(annotation.review.reviewerId) : null,
    created_at: annotation.createdAt,
    updated_at: annotation.updatedAt,
  };
  switch (annotation.kind) {
    case 'claim':
      row.claim_status = annotation.attributes.status;
      row.claimant = index.actorName(annotation.attributes.claimantId);
      break;
    case 'actor':
      row.actor = index.actorName(annotation.attributes.actorId);
      break;
    case 'figure':
      row.figure_amount = annotation.attributes.amount;
      row.figure_scale = annotation.attributes.scale;
      row.figure_value = figureValue(annotation.attributes);
      row.figure_unit = annotation.attributes.unit;
      break;
    case 'reliability_warning':
      row.warning_severity = annotation.attributes.severity;
      row.warning_category = annotation.attributes.category;
      row.warning_correction = annotation.attributes.correction;
      break;
  }
  return row;
}

/**
 * The `csv` export: `annotations.csv`, UTF-8 with a byte order mark (the string starts with U+FEFF, so Excel
 * detects UTF-8), a header row, then one row per live tag (deleted tags are never exported).
 */
export function exportCsv(snapshot: ExportSnapshot): ExportedFile[] {
  const index = indexSnapshot(snapshot);
  const rows = annotationsInExportOrder(snapshot, { includeDeleted: false }).map((a) => {
    const row = rowOf(a, index);
    return CSV_COLUMNS.map((column) => row[column]);
  });
  return [{ path: CSV_PATH, mediaType: CSV_MEDIA_TYPE, content: `\uFEFF${csvText([CSV_COLUMNS, ...rows])}` }];
}

/** `exportCsv` written row by row, one document in memory at a time. */
export function streamCsv(source: ExportSource, target: ExportTarget): void {
  const names = namesOf(source);
  target.file(CSV_PATH, CSV_MEDIA_TYPE, (sink) => {
    sink.write(`\uFEFF${csvLine(CSV_COLUMNS)}`);
    for (const entry of source.eachDocument()) {
      if (entry.tags.length === 0) continue;
      const index = indexSnapshot({ documents: [entry.load()], actors: source.actors, analysts: source.analysts }, names);
      for (const tag of entry.tags) {
        const row = rowOf(tag, index);
        sink.write(csvLine(CSV_COLUMNS.map((column) => row[column])));
      }
    }
  });
}

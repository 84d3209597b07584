// Untrusted annotation files → the list of raw annotations they hold (main process, pure): JSON or JSON Lines; collection, page, array, Hypothesis export.
import { err, ok, type Result } from '../../../src-shared/model/result';

function typesOf(value: Record<string, unknown>): string[] {
  const type = value.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseText(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    const lines = text.split(/\r?\n/);
    if (lines.filter((l) => l.trim() !== '').length < 2) {
      return err('import_unsupported_format', `The file is not JSON: ${(error as Error).message}`);
    }
    // JSON Lines: one annotation per line.
    const values: unknown[] = [];
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      try {
        values.push(JSON.parse(line) as unknown);
      } catch (lineError) {
        return err('import_unsupported_format', `Line ${i + 1} is neither JSON nor JSON Lines: ${(lineError as Error).message}`);
      }
    }
    return ok(values);
  }
}

/** Decodes and parses the input: UTF-8 bytes or text (JSON, or JSON Lines), or a value parsed already. */
export function readAnnotationInput(input: unknown, maxChars: number): Result<unknown> {
  let text: string;
  if (input instanceof Uint8Array) {
    if (input.byteLength > maxChars) return err('import_too_large', `The file is larger than ${Math.round(maxChars / 1024 / 1024)} MB.`);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return err('import_encoding', 'The file is not valid UTF-8 text.');
    }
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return ok(input);
  }
  if (text.length > maxChars) return err('import_too_large', `The file is larger than ${Math.round(maxChars / 1024 / 1024)} MB.`);
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return err('import_empty', 'The file is empty.');
  return parseText(text);
}

const MAX_PAGES = 10_000;

/** Items of a page and of the pages embedded after it through `next`. */
function pageItems(first: unknown, max: number): Result<unknown[]> {
  const items: unknown[] = [];
  let page: unknown = first;
  for (let n = 1; page !== undefined && page !== null; n++) {
    if (n > MAX_PAGES) return err('import_too_large', `The collection has more than ${MAX_PAGES.toLocaleString('en')} pages.`);
    if (typeof page === 'string') {
      return err('import_unsupported_format', `Page ${n} of the collection is only linked (${page.slice(0, 200)}); export the collection with its pages embedded.`);
    }
    if (!isRecord(page) || !Array.isArray(page.items)) return err('import_unsupported_format', `Page ${n} of the collection has no list of items.`);
    if (items.length + page.items.length > max) return tooMany(max);
    items.push(...(page.items as unknown[]));
    page = page.next;
  }
  return ok(items);
}

function tooMany(max: number): Result<never> {
  return err('import_too_large', `The file holds more than ${max.toLocaleString('en')} annotations.`);
}

/**
 * The raw annotations in a parsed file. Accepts an AnnotationCollection whose pages are embedded, an
 * AnnotationPage, an array (or JSON Lines), a single Annotation, a Hypothesis export (`annotations`) or
 * a Hypothesis API search result (`rows`).
 */
export function annotationItemsOf(root: unknown, max: number): Result<unknown[]> {
  if (Array.isArray(root)) return root.length > max ? tooMany(max) : ok(root);
  if (!isRecord(root)) return err('import_unsupported_format', 'The file holds no annotations: expected a JSON object or array.');
  const types = typesOf(root);
  if (types.includes('AnnotationCollection')) {
    if (root.first === undefined) return Array.isArray(root.items) ? annotationItemsOf(root.items, max) : ok([]);
    return pageItems(root.first, max);
  }
  if (types.includes('AnnotationPage')) return pageItems(root, max);
  if (types.includes('Annotation')) return ok([root]);
  if (Array.isArray(root.annotations)) return annotationItemsOf(root.annotations, max);
  if (Array.isArray(root.rows)) return annotationItemsOf(root.rows, max);
  if ('target' in root) return ok([root]);
  return err(
    'import_unsupported_format',
    'This JSON is not W3C Web Annotations or a Hypothesis export: expected an AnnotationCollection, an AnnotationPage, an Annotation, a list of annotations, or { "annotations": [...] }.',
  );
}

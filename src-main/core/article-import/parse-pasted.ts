// Pasted text read as an article (core, any process): kept apart from the file parsers so that it needs none of them.
import { parsePlainText } from './parse-text';
import { normaliseNewlines, textLooksBinary } from './plain-text';
import { ImportRefusal, MAX_IMPORT_BYTES, tooLarge } from './refusal';
import { titleFromText } from './text-util';
import type { ParsedArticle } from './types';

/** Parses pasted text like a .txt file (format 'paste'); `title`, when given, replaces the first-line title. */
export function parsePastedText(text: string, title?: string): ParsedArticle {
  const canonical = normaliseNewlines(text);
  // Strings hold at most 3 UTF-8 bytes per UTF-16 code unit; measure exactly only near the limit.
  if (canonical.length * 3 > MAX_IMPORT_BYTES) {
    const bytes = new TextEncoder().encode(canonical).length;
    if (bytes > MAX_IMPORT_BYTES) throw tooLarge('The pasted text', bytes);
  }
  if (canonical.trim() === '') throw new ImportRefusal('import_empty', 'The pasted text is empty.');
  if (textLooksBinary(canonical)) {
    throw new ImportRefusal('import_binary', 'The pasted text looks like binary data, not text.');
  }
  const explicit = title !== undefined ? titleFromText(title) : '';
  return {
    ...parsePlainText(canonical, { title: explicit || null, fallbackTitle: 'Pasted text' }),
    format: 'paste',
    sourceEncoding: 'utf-8',
  };
}

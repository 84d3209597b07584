// Splitting long Markdown into independently parsable chunks, and refusing nesting that would stall the parser.

/**
 * mdast-util-from-markdown splices its whole event list once per list, so a long document with many lists
 * takes quadratic time (128 KB of short lists: 20 s). Parsing chunks of about this size keeps it linear.
 */
const CHUNK_CHARS = 8 * 1024;
/** Emphasis resolution is quadratic in the `*`/`_` delimiters of a paragraph; past this many they are made literal. */
const MAX_DELIMITERS_PER_CHUNK = 2000;
/** Deeper nesting is refused: micromark slows down steeply (lists 400 levels deep: 2 s; 3,000: minutes). */
export const MAX_MARKDOWN_QUOTE_DEPTH = 100;
export const MAX_MARKDOWN_LIST_INDENT = 256;

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const RAW_HTML_OPEN = /^ {0,3}<(script|pre|style|textarea)\b/i;
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const QUOTE_PREFIX = /^(?: {0,3}>)+/;
const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

export class MarkdownTooComplex extends Error {}

function columns(indent: string): number {
  let n = 0;
  for (const ch of indent) n += ch === '\t' ? 4 - (n % 4) : 1;
  return n;
}

/**
 * Splits Markdown where a new top-level block must start (after a blank line, or at an ATX heading, when the next
 * line starts in column 0), never inside fenced code, HTML comments or raw HTML blocks. Link reference definitions
 * are copied to every chunk so references still resolve. Throws MarkdownTooComplex for pathological nesting.
 */
export function splitMarkdown(body: string): string[] {
  const chunks: string[] = [];
  const definitions: string[] = [];
  let chunkStart = 0;
  let fence: string | null = null;
  let rawEnd: string | null = null; // closing marker of an HTML comment or raw HTML block
  let previousBlank = true;

  for (let pos = 0; pos < body.length; ) {
    let end = body.indexOf('\n', pos);
    if (end === -1) end = body.length;
    const line = body.slice(pos, end);

    if (fence !== null) {
      const close = FENCE_OPEN.exec(line);
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length && line.trim() === close[1]) fence = null;
    } else if (rawEnd !== null) {
      if (line.toLowerCase().includes(rawEnd)) rawEnd = null;
    } else {
      const quotes = QUOTE_PREFIX.exec(line)?.[0];
      if (quotes && quotes.split('>').length - 1 > MAX_MARKDOWN_QUOTE_DEPTH) throw new MarkdownTooComplex('quotes');
      const item = LIST_ITEM.exec(line);
      if (item && columns(item[1] ?? '') > MAX_MARKDOWN_LIST_INDENT) throw new MarkdownTooComplex('lists');

      const startsBlock = (previousBlank || ATX_HEADING.test(line)) && /^\S/.test(line);
      if (startsBlock && pos - chunkStart >= CHUNK_CHARS) {
        chunks.push(body.slice(chunkStart, pos));
        chunkStart = pos;
      }
      const open = FENCE_OPEN.exec(line);
      const raw = RAW_HTML_OPEN.exec(line);
      if (open?.[1]) fence = open[1];
      else if (/^ {0,3}<!--/.test(line) && !line.includes('-->')) rawEnd = '-->';
      else if (raw?.[1] && !line.toLowerCase().includes(`</${raw[1].toLowerCase()}>`)) rawEnd = `</${raw[1].toLowerCase()}>`;
      else if (DEFINITION.test(line)) definitions.push(line);
    }
    previousBlank = line.trim() === '';
    pos = end + 1;
  }
  chunks.push(body.slice(chunkStart));

  const shared = chunks.length > 1 && definitions.length > 0 ? definitions.join('\n') : '';
  return chunks.map((chunk) => {
    let c = shared && shared.length <= CHUNK_CHARS ? `${chunk}\n\n${shared}\n` : chunk;
    let delimiters = 0;
    for (let i = 0; i < c.length; i++) {
      const code = c.charCodeAt(i);
      if (code === 0x2a || code === 0x5f) delimiters++;
    }
    if (delimiters > MAX_DELIMITERS_PER_CHUNK) c = c.replace(/[*_]/g, '\\$&');
    return c;
  });
}

// The XML of a project.qde (main process, untrusted input): markup checked and bounded first, then parsed by fast-xml-parser into a small tree.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UserError } from '../../../src-shared/model/result';

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** Character data directly inside the element, references decoded, CDATA kept as written. */
  text: string;
}

/** Bounds on one attribute value and on one run of character data (or CDATA section), in UTF-16 units. */
export interface XmlLimits {
  readonly attributeChars: number;
  readonly textChars: number;
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
// way to fetch external ones); we decode the predefined entities and character references ourselves, once: the
// parser's own decoder reads character references only together with HTML's named entities, which XML has not.
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

export const childrenOf = (node: XmlNode | undefined, name: string): XmlNode[] => node?.children.filter((c) => c.name === name) ?? [];
export const childOf = (node: XmlNode | undefined, name: string): XmlNode | undefined => node?.children.find((c) => c.name === name);

const DECLARATION_REFUSED = 'The project file declares a DOCTYPE or an entity, which REFI-QDA files never need; it was refused so that no entity can expand.';

/**
 * One pass over the markup before any parser sees it: comments, CDATA and processing instructions are
 * skipped as XML skips them, so a `<!DOCTYPE` or `<!ENTITY` is found wherever it is; an attribute value or a
 * run of text beyond the limits is refused before it is copied. Malformed markup is left for the validator.
 */
export function checkMarkup(text: string, limits: XmlLimits): void {
  const tooLong = (what: string, max: number) =>
    new UserError('import_too_large', `The project file has ${what} longer than ${max.toLocaleString('en')} characters.`);
  const quoteOrEnd = /[>"']/g;
  let at = 0;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    if ((lt < 0 ? text.length : lt) - at > limits.textChars) throw tooLong('a text', limits.textChars);
    if (lt < 0) return;
    const skipTo = (close: string, from: number): number => {
      const end = text.indexOf(close, from);
      return end < 0 ? text.length : end + close.length;
    };
    if (text.startsWith('<!--', lt)) at = skipTo('-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) {
      at = skipTo(']]>', lt + 9);
      if (at - lt - 12 > limits.textChars) throw tooLong('a CDATA section', limits.textChars);
    } else if (text.startsWith('<?', lt)) at = skipTo('?>', lt + 2);
    else if (text.startsWith('<!', lt)) throw new UserError('untrusted_content', DECLARATION_REFUSED);
    else {
      quoteOrEnd.lastIndex = lt + 1;
      for (;;) {
        const found = quoteOrEnd.exec(text);
        if (found === null) return;
        if (found[0] === '>') {
          at = found.index + 1;
          break;
        }
        const close = text.indexOf(found[0], found.index + 1);
        if (close < 0) return;
        if (close - found.index - 1 > limits.attributeChars) throw tooLong('an attribute value', limits.attributeChars);
        quoteOrEnd.lastIndex = close + 1;
      }
    }
  }
}

/** Parses project.qde text into its root element; refuses DTDs (REFI-QDA never needs one), oversized values and malformed XML. */
export function parseQde(xml: string, limits: XmlLimits): XmlNode {
  const text = xml.replace(/\r\n?/g, '\n'); // end-of-line handling, XML 1.0 §2.11
  checkMarkup(text, limits);
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

/** UTF-8 text (a BOM dropped), or null when the bytes are not UTF-8, which REFI-QDA requires. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** GUIDs compare case-insensitively and may be written in braces. */
export function normalGuid(value: string | undefined): string | undefined {
  const guid = value?.trim().replace(/^\{|\}$/g, '').toLowerCase();
  return guid === undefined || guid === '' ? undefined : guid;
}

/** A QDA-XML dateTime as our UTC timestamp; one without a zone is read as UTC. */
export function timestampOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return undefined;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// Writing the XML of project.qde: elements rendered by fast-xml-parser's XMLBuilder (two-space indent, empty elements
// self-closed), with XML 1.0's escapes for text and for attributes, at any depth so that the file can be streamed.
import { XMLBuilder } from 'fast-xml-parser';

/** An element of project.qde: attributes in the order written (undefined ones left out), then children or text. */
export interface XmlElement {
  name: string;
  attributes?: Record<string, string | number | undefined>;
  children?: XmlElement[];
  text?: string;
}

// Characters XML 1.0 forbids (C0 controls other than TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF): dropped, not escaped.
const INVALID_XML_CHARS = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for XML element content: invalid characters removed, `&` `<` `>` escaped. */
export function xmlText(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Text for a double-quoted attribute; TAB, LF and CR become references so attribute normalisation keeps them. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replaceAll('"', '&quot;').replaceAll('\t', '&#9;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;');
}

const ATTRIBUTE = '@_';
const TEXT = '#text';

// The builder's own entity list is one for text and attributes alike, while attributes must also keep TAB, LF and CR
// as references: the escapes are ours (processEntities off), the builder then only quotes (`"` and `'` in attributes).
const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE,
  textNodeName: TEXT,
  processEntities: false,
  tagValueProcessor: (_name, value) => xmlText(String(value)),
  attributeValueProcessor: (_name, value) => xmlAttribute(String(value)),
});

type BuilderNode = Record<string, unknown>;

/** The element's content as the builder takes it: attributes, then text or children grouped by name, in order. */
function contentOf(element: XmlElement): BuilderNode | string {
  const node: BuilderNode = {};
  for (const [key, value] of Object.entries(element.attributes ?? {})) if (value !== undefined) node[ATTRIBUTE + key] = String(value);
  if (element.text !== undefined) {
    if (Object.keys(node).length === 0) return element.text;
    node[TEXT] = element.text;
    return node;
  }
  for (const child of element.children ?? []) {
    const content = contentOf(child);
    const siblings = node[child.name];
    if (siblings === undefined) node[child.name] = [content];
    else if (Array.isArray(siblings) && Object.keys(node).at(-1) === child.name) siblings.push(content);
    else throw new Error(`<${child.name}> elements must stand together under <${element.name}>`);
  }
  return node;
}

/** Wrappers the builder indents an element inside, cut off again: `depth` of them, one line each side. */
const WRAPPER = 'wrapper';

/** The element as XML lines indented for `depth` (two spaces a level), ending in a newline. */
export function renderXml(element: XmlElement, depth = 0): string {
  let tree: BuilderNode = { [element.name]: contentOf(element) };
  for (let level = 0; level < depth; level++) tree = { [WRAPPER]: tree };
  const xml = builder.build(tree) as string;
  if (depth === 0) return xml;
  const lines = xml.split('\n');
  // The first `depth` lines open the wrappers and the last `depth` close them (the final line is empty).
  return `${lines.slice(depth, lines.length - 1 - depth).join('\n')}\n`;
}

/** The element's start tag, `<name attr="…">`, indented for `depth`: for a file whose children are written one by one. */
export function startTag(element: Omit<XmlElement, 'children' | 'text'>, depth = 0): string {
  const rendered = renderXml({ ...element, children: [{ name: WRAPPER }] }, depth);
  return `${rendered.slice(0, rendered.indexOf('\n'))}\n`;
}

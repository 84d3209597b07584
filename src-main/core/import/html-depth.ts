// A cheap pre-scan of untrusted HTML that estimates nesting depth and element count, so pathological pages are refused before jsdom.

/** Elements that never have children. */
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
/** Elements whose content is raw text up to their end tag (no tags inside). */
const RAW_TEXT_END = new Map(
  ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'].map((t) => [t, new RegExp(`</${t}`, 'gi')]),
);
/** Start tags that implicitly close an open sibling: [siblings closed, boundary that stops the search]. */
const IMPLIED_END: Record<string, [ReadonlySet<string>, ReadonlySet<string>]> = {
  li: [new Set(['li']), new Set(['ul', 'ol', 'menu'])],
  dt: [new Set(['dt', 'dd']), new Set(['dl'])],
  dd: [new Set(['dt', 'dd']), new Set(['dl'])],
  tr: [new Set(['tr', 'td', 'th']), new Set(['table', 'thead', 'tbody', 'tfoot'])],
  td: [new Set(['td', 'th']), new Set(['tr', 'table'])],
  th: [new Set(['td', 'th']), new Set(['tr', 'table'])],
  thead: [new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th']), new Set(['table'])],
  tbody: [new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th']), new Set(['table'])],
  tfoot: [new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th']), new Set(['table'])],
  option: [new Set(['option']), new Set(['select', 'datalist', 'optgroup'])],
  optgroup: [new Set(['optgroup', 'option']), new Set(['select'])],
};
/** Start tags that close an open <p> (the common block-level ones). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'ul',
]);
const BLOCKS_P_SEARCH = new Set(['div', 'li', 'td', 'th', 'blockquote', 'section', 'article', 'body', 'html', 'table', 'button']);

const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/g;

export interface HtmlShape {
  /** Deepest element nesting (html and body included). */
  depth: number;
  /** Start tags seen. */
  elements: number;
}

/**
 * Estimates the deepest element nesting and the number of elements of `html`, following the parser's main
 * implied-end rules (void elements, raw-text elements, unclosed <p>/<li>/<td>/…). Stops as soon as either
 * exceeds its limit, so the counts are then lower bounds.
 */
export function scanHtmlShape(
  html: string,
  limits: { depth?: number; elements?: number } = {},
): HtmlShape {
  const maxDepth = limits.depth ?? Number.POSITIVE_INFINITY;
  const maxElements = limits.elements ?? Number.POSITIVE_INFINITY;
  const stack: string[] = [];
  let max = 0;
  let elements = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment
    if (m[1]) {
      const open = stack.lastIndexOf(name);
      if (open >= 0) stack.length = open;
      continue;
    }
    if (++elements > maxElements) break;
    if (VOID.has(name) || m[0].endsWith('/>')) continue;
    const rawEnd = RAW_TEXT_END.get(name);
    if (rawEnd) {
      rawEnd.lastIndex = TAG.lastIndex;
      TAG.lastIndex = rawEnd.exec(html)?.index ?? html.length;
      continue;
    }
    const implied = IMPLIED_END[name];
    if (implied) {
      const [siblings, boundary] = implied;
      let closeFrom = -1; // the outermost open sibling before the boundary
      for (let i = stack.length - 1; i >= 0; i--) {
        const open = stack[i] as string;
        if (boundary.has(open)) break;
        if (siblings.has(open)) closeFrom = i;
      }
      if (closeFrom >= 0) stack.length = closeFrom;
    }
    if (CLOSES_P.has(name)) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const open = stack[i] as string;
        if (open === 'p') {
          stack.length = i;
          break;
        }
        if (BLOCKS_P_SEARCH.has(open)) break;
      }
    }
    stack.push(name);
    if (stack.length > max) {
      max = stack.length;
      if (max > maxDepth) break;
    }
  }
  return { depth: max, elements };
}

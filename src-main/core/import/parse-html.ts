// HTML articles (.html, .htm), untrusted: parsed inertly with jsdom, article found by Readability, text walked from the DOM.
import { createRequire } from 'node:module';
import type { DOMWindow } from 'jsdom';
import type { Readability } from '@mozilla/readability';
import type { BlockType } from '../../../src-shared/model/document';
import { toIsoDate } from './dates';
import { ImportRefusal } from './refusal';
import { assembleBlocks, collapseWhitespace, titleFromText } from './text-util';
import type { ArticleBody, BlockPiece } from './types';

type JsdomModule = typeof import('jsdom');
type ReadabilityModule = typeof import('@mozilla/readability');

let libraries: { jsdom: JsdomModule; readability: ReadabilityModule } | null = null;

/** jsdom takes about half a second to load; load it on the first HTML import, not whenever this module is imported. */
function loadLibraries(): { jsdom: JsdomModule; readability: ReadabilityModule } {
  if (!libraries) {
    const require = createRequire(import.meta.url);
    libraries = {
      jsdom: require('jsdom') as JsdomModule,
      readability: require('@mozilla/readability') as ReadabilityModule,
    };
  }
  return libraries;
}

/** Elements whose content is never article text; removed before extraction and skipped by the walker. */
const STRIPPED_TAGS = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'input', 'button', 'select', 'textarea', 'option', 'datalist', 'svg', 'canvas', 'nav', 'footer', 'aside',
  'link', 'audio', 'video', 'source', 'track', 'map', 'dialog', 'img', 'picture', 'math', 'head', 'title', 'meta',
  'base', 'param', 'rt', 'rp',
];
const STRIPPED = new Set(STRIPPED_TAGS);
/** Removed from the document before Readability (`meta` only outside <head>, so Readability can still read it). */
const REMOVED_TAGS = new Set(STRIPPED_TAGS.filter((t) => !['meta', 'head', 'title', 'img', 'picture'].includes(t)));

const HEADING_LEVEL: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/** Elements that start and end a block of text. Everything else (a, span, em, …) is inline. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul', 'listing', 'plaintext', 'xmp',
]);

/** Readability slows down steeply on huge pages; beyond this many elements the page body is walked instead. */
const MAX_READABILITY_ELEMENTS = 20_000;
/** Readability's text shorter than this is "very short": the page body is used when it holds clearly more. */
const SHORT_ARTICLE_CHARS = 500;

interface WalkContext {
  /** Type for text directly in the current block. */
  type: BlockType;
  level?: number;
  /** Innermost list item / quote / table cell, which decides the type of everything inside it. */
  container: BlockType | null;
}

/**
 * Visits the nodes under `root` in document order without recursion (hostile pages may nest very deeply).
 * `enter` returns true to descend into a node; `exit` is called after the children of every node entered.
 */
function traverse(root: Node, enter: (node: Node) => boolean, exit: (node: Node) => void): void {
  let node: Node | null = root.firstChild;
  while (node) {
    const entered = enter(node);
    if (entered && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    if (entered) exit(node);
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root) exit(node);
    }
    node = node && node !== root ? node.nextSibling : null;
  }
}

const PREFORMATTED = new Set(['pre', 'listing', 'xmp', 'plaintext']);

/** Turns a DOM subtree into block pieces. Only text nodes contribute: attributes never reach the text. */
class DomWalker {
  readonly pieces: BlockPiece[] = [];
  private buffer = '';
  private ctx: WalkContext = { type: 'paragraph', container: null };
  private readonly outer: WalkContext[] = [];

  private flush(ctx: WalkContext = this.ctx): void {
    const text = collapseWhitespace(this.buffer);
    this.buffer = '';
    if (text === '') return;
    const piece: BlockPiece = { type: ctx.type, text };
    if (ctx.type === 'heading' && ctx.level !== undefined) piece.level = ctx.level;
    this.pieces.push(piece);
  }

  walkRoot(root: Element): void {
    traverse(
      root,
      (node) => this.enter(node),
      (node) => this.exit(node),
    );
    this.flush();
  }

  private enter(node: Node): boolean {
    if (node.nodeType === 3 /* TEXT_NODE */) {
      this.buffer += node.nodeValue ?? '';
      return false;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) return false; // comments, processing instructions
    const el = node as Element;
    const tag = el.localName;
    if (STRIPPED.has(tag) || el.hasAttribute('hidden')) return false;
    if (tag === 'br' || tag === 'hr') {
      this.flush();
      return false;
    }
    if (PREFORMATTED.has(tag)) {
      this.flush();
      const lineCtx: WalkContext = { type: this.ctx.container ?? 'paragraph', container: this.ctx.container };
      for (const line of (el.textContent ?? '').split(/\r\n|\r|\n/)) {
        this.buffer = line;
        this.flush(lineCtx);
      }
      return false;
    }
    if (BLOCK_TAGS.has(tag)) {
      this.flush();
      this.outer.push(this.ctx);
      this.ctx = childContext(tag, this.ctx);
    }
    return true; // inline elements: their text joins the current block
  }

  private exit(node: Node): void {
    if (!BLOCK_TAGS.has((node as Element).localName)) return;
    this.flush();
    this.ctx = this.outer.pop() ?? { type: 'paragraph', container: null };
  }
}

function childContext(tag: string, ctx: WalkContext): WalkContext {
  if (tag === 'li') return { type: 'list_item', container: 'list_item' };
  if (tag === 'blockquote') return { type: 'blockquote', container: 'blockquote' };
  if (tag === 'td' || tag === 'th') return { type: 'table_cell', container: 'table_cell' };
  if (ctx.container) return { type: ctx.container, container: ctx.container };
  const level = HEADING_LEVEL[tag];
  if (level !== undefined) return { type: 'heading', level, container: null };
  return { type: 'paragraph', container: null };
}

function piecesOf(root: Element): BlockPiece[] {
  const walker = new DomWalker();
  walker.walkRoot(root);
  return walker.pieces;
}

function textLength(pieces: readonly BlockPiece[]): number {
  let n = 0;
  for (const p of pieces) n += p.text.length;
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Metadata

interface HtmlMetadata {
  title: string | null;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  firstH1: string | null;
}

const META_TITLE = ['og:title', 'twitter:title', 'dc.title', 'dcterms.title'];
const META_AUTHOR = ['author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl', 'citation_author'];
const META_ARTICLE_AUTHOR = ['article:author', 'og:article:author'];
const META_OUTLET = ['og:site_name', 'application-name', 'citation_journal_title'];
const META_PUBLISHED = ['article:published_time', 'og:article:published_time', 'og:published_time'];
const META_OTHER_DATES = [
  'datepublished', 'date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'pubdate', 'publishdate',
  'publish-date', 'parsely-pub-date', 'sailthru.date', 'article.published', 'publication_date', 'citation_publication_date',
  'citation_date', 'article:modified_time',
];

function clean(value: string | null | undefined, maxLength = 300): string | null {
  if (!value) return null;
  const v = collapseWhitespace(value);
  return v && v.length <= maxLength ? v : null;
}

function isUrl(value: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/\/|www\.)/i.test(value);
}

/** `By Jane Doe` → `Jane Doe`. */
function cleanByline(value: string | null | undefined): string | null {
  const v = clean(value, 200);
  if (!v || isUrl(v)) return null;
  return clean(v.replace(/^by[:\s]+/i, '')) ?? null;
}

function readMetaTags(doc: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const meta of Array.from(doc.querySelectorAll('meta'))) {
    const content = meta.getAttribute('content');
    if (!content?.trim()) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = meta.getAttribute(attr)?.trim().toLowerCase();
      if (key && !tags.has(key)) tags.set(key, content.trim());
    }
  }
  return tags;
}

function firstMeta(tags: Map<string, string>, keys: readonly string[], accept: (v: string) => boolean = () => true): string | null {
  for (const key of keys) {
    const value = tags.get(key);
    if (value && accept(value)) return value;
  }
  return null;
}

interface JsonLdArticle {
  headline: string | null;
  author: string | null;
  publisher: string | null;
  datePublished: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonName(value: Json | undefined): string | null {
  if (typeof value === 'string') return isUrl(value) ? null : clean(value);
  if (Array.isArray(value)) {
    const names = value.map((v) => jsonName(v)).filter((v): v is string => v !== null);
    return names.length ? clean(names.join(', ')) : null;
  }
  if (isObject(value)) return jsonName(value['name']);
  return null;
}

/** Objects found in JSON-LD (arrays and @graph flattened), at most a few levels deep. */
function jsonLdObjects(value: Json, out: Array<{ [key: string]: Json }>, depth = 0): void {
  if (depth > 4 || out.length > 50) return;
  if (Array.isArray(value)) for (const v of value) jsonLdObjects(v, out, depth + 1);
  else if (isObject(value)) {
    out.push(value);
    const graph = value['@graph'];
    if (graph !== undefined) jsonLdObjects(graph, out, depth + 1);
  }
}

/** Reads `<script type="application/ld+json">` as data (JSON.parse only; nothing is executed). */
function readJsonLd(doc: Document): JsonLdArticle {
  const found: JsonLdArticle = { headline: null, author: null, publisher: null, datePublished: null };
  const objects: Array<{ [key: string]: Json }> = [];
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      jsonLdObjects(JSON.parse(script.textContent ?? '') as Json, objects);
    } catch {
      // malformed JSON-LD is ignored
    }
  }
  const isArticle = (o: { [key: string]: Json }): boolean => {
    const type = o['@type'];
    const types = Array.isArray(type) ? type : [type];
    return types.some((t) => typeof t === 'string' && /article|posting|report|newsitem/i.test(t));
  };
  const ordered = [...objects.filter(isArticle), ...objects.filter((o) => !isArticle(o))];
  for (const o of ordered) {
    const headline = o['headline'];
    if (!found.headline && typeof headline === 'string') found.headline = clean(headline);
    found.author ??= jsonName(o['author']);
    found.publisher ??= jsonName(o['publisher']);
    const date = o['datePublished'];
    if (!found.datePublished && typeof date === 'string') found.datePublished = date;
  }
  return found;
}

function readTimeElement(doc: Document): string | null {
  const candidates = [
    ...Array.from(doc.querySelectorAll('[itemprop="datePublished"]')),
    ...Array.from(doc.querySelectorAll('time[pubdate], article time[datetime], time[datetime]')),
  ];
  for (const el of candidates) {
    const value = el.getAttribute('datetime') ?? el.getAttribute('content');
    const iso = toIsoDate(value);
    if (iso) return iso;
  }
  return null;
}

function readRelAuthor(doc: Document): string | null {
  for (const el of Array.from(doc.querySelectorAll('[rel~="author"]'))) {
    const name = cleanByline(el.textContent);
    if (name && name.length <= 100) return name;
  }
  return null;
}

/** Metadata from the untouched document (JSON-LD scripts and meta tags are removed before extraction). */
function readMetadata(doc: Document): HtmlMetadata {
  const tags = readMetaTags(doc);
  const ld = readJsonLd(doc);
  const notUrl = (v: string): boolean => !isUrl(v.trim());
  const title =
    clean(firstMeta(tags, META_TITLE)) ?? ld.headline ?? clean(doc.querySelector('title')?.textContent);
  const author =
    cleanByline(firstMeta(tags, META_AUTHOR, notUrl)) ??
    ld.author ??
    readRelAuthor(doc) ??
    cleanByline(firstMeta(tags, META_ARTICLE_AUTHOR, notUrl));
  const outlet = clean(firstMeta(tags, META_OUTLET)) ?? ld.publisher;
  const publishedAt =
    toIsoDate(firstMeta(tags, META_PUBLISHED)) ??
    toIsoDate(ld.datePublished) ??
    readTimeElement(doc) ??
    toIsoDate(firstMeta(tags, META_OTHER_DATES, (v) => toIsoDate(v) !== null));
  return { title, author, outlet, publishedAt, firstH1: clean(doc.querySelector('h1')?.textContent) };
}

// ---------------------------------------------------------------------------------------------------------------
// Cleaning and extraction

function isInvisible(el: Element): boolean {
  const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('visibility:hidden');
}

const REMOVED_ROLES = new Set(['navigation', 'contentinfo', 'complementary', 'search']);

function shouldRemove(el: Element): boolean {
  const tag = el.localName;
  if (REMOVED_TAGS.has(tag)) return true;
  if (tag === 'meta') return el.parentElement?.localName !== 'head'; // <head> meta stays for Readability
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role && REMOVED_ROLES.has(role)) return true;
  if (role === 'banner' && !el.querySelector('h1')) return true; // keep a banner that holds the headline
  return el.hasAttribute('style') && isInvisible(el);
}

/**
 * Removes everything that is never article text (one pass, no recursion). Forms that wrap real content
 * (ASP.NET pages wrap the whole page in one) are unwrapped; other forms are removed.
 */
function removeNonContent(doc: Document): void {
  const root = doc.documentElement;
  const doomed: Element[] = [];
  const forms: Element[] = [];
  let el: Element | null = root.firstElementChild;
  while (el) {
    let descend = true;
    if (shouldRemove(el)) {
      doomed.push(el);
      descend = false;
    } else if (el.localName === 'form') {
      forms.push(el);
    }
    let next: Element | null = descend ? el.firstElementChild : null;
    for (let up: Element | null = el; !next && up && up !== root; up = up.parentElement) next = up.nextElementSibling;
    el = next;
  }
  for (const d of doomed) d.remove();
  for (const form of forms.reverse()) {
    if (collapseWhitespace(form.textContent ?? '').length < 200) form.remove();
    else form.replaceWith(...Array.from(form.childNodes));
  }
}

/** The page's main content for the fallback: a single <article>, else <main>, else <body>. */
function fallbackRoot(doc: Document): Element | null {
  const articles = doc.querySelectorAll('article');
  if (articles.length === 1 && articles[0]) return articles[0];
  return doc.querySelector('main, [role="main"]') ?? doc.body;
}

function normalisedTitle(s: string): string {
  return collapseWhitespace(s).toLowerCase();
}

/** True when one of the first few headings already states the title. */
function startsWithTitle(pieces: readonly BlockPiece[], title: string): boolean {
  const t = normalisedTitle(title);
  return pieces.slice(0, 4).some((p) => {
    if (p.type !== 'heading') return false;
    const h = normalisedTitle(p.text);
    return h === t || (h.length >= 10 && t.includes(h)) || (t.length >= 10 && h.includes(t));
  });
}

/** Readability's article from a copy of the cleaned document (Readability mutates what it reads); null when it gives up. */
function readArticle(doc: Document): ReturnType<Readability<Element>['parse']> {
  const { readability } = loadLibraries();
  try {
    const reader = new readability.Readability<Element>(doc.cloneNode(true) as Document, {
      serializer: (node) => node as Element,
      maxElemsToParse: MAX_READABILITY_ELEMENTS,
    });
    return reader.parse();
  } catch {
    return null; // Readability gave up on this page (or the clone was too deep): the body is walked instead
  }
}

export interface ParseHtmlOptions {
  /** For tests: called with the jsdom window before it is closed. */
  observeWindow?: (window: DOMWindow) => void;
}

/**
 * Parses an untrusted HTML document. jsdom is given no `runScripts`, no `resources` and no URL, so no script
 * runs, no event handler fires and nothing is fetched. Only text nodes become canonical text.
 */
export function parseHtml(html: string, name: string, fallbackTitle: string, options: ParseHtmlOptions = {}): ArticleBody {
  const { jsdom } = loadLibraries();
  // An empty jsdom window (no scripts, no resources, about:blank) whose DOMParser parses the untrusted HTML: documents
  // from DOMParser have no browsing context, so scripts are inert and <iframe>s do not each create a nested window.
  const dom = new jsdom.JSDOM('', { contentType: 'text/html', virtualConsole: new jsdom.VirtualConsole() });
  try {
    const doc = new dom.window.DOMParser().parseFromString(html, 'text/html');
    const meta = readMetadata(doc);
    removeNonContent(doc);

    const root = fallbackRoot(doc);
    const fallbackPieces = root ? piecesOf(root) : [];

    const article = doc.getElementsByTagName('*').length <= MAX_READABILITY_ELEMENTS ? readArticle(doc) : null;
    const readablePieces = article?.content ? piecesOf(article.content) : [];
    const readableLength = textLength(readablePieces);
    const fallbackLength = textLength(fallbackPieces);
    const useReadable =
      readableLength > 0 && (readableLength >= SHORT_ARTICLE_CHARS || readableLength * 3 >= fallbackLength);
    const pieces = useReadable ? readablePieces : fallbackPieces;
    if (pieces.length === 0) {
      throw new ImportRefusal('import_empty', `"${name}" contains no readable article text.`);
    }

    const foundTitle = clean(article?.title) ?? meta.title ?? meta.firstH1;
    const title = titleFromText(foundTitle ?? '') || fallbackTitle;
    const withTitle: BlockPiece[] =
      foundTitle && !startsWithTitle(pieces, title) ? [{ type: 'heading', level: 1, text: title }, ...pieces] : pieces;
    const { text, blocks } = assembleBlocks(withTitle);

    return {
      text,
      blocks,
      title,
      author: cleanByline(article?.byline) ?? meta.author,
      outlet: meta.outlet ?? clean(article?.siteName),
      publishedAt: meta.publishedAt ?? toIsoDate(article?.publishedTime),
    };
  } finally {
    options.observeWindow?.(dom.window);
    dom.window.close();
  }
}

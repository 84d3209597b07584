// HTML articles (.html, .htm), untrusted: parsed inertly with jsdom, article found by Readability, text walked from the DOM.
import { createRequire } from 'node:module';
import type { DOMWindow } from 'jsdom';
import type { Readability } from '@mozilla/readability';
import type { BlockType } from '../../../src-shared/model/document';
import { toIsoDate } from './dates';
import { Deadline, HTML_BUDGET, measureHtml, timeBudgetMs, type HtmlBudget, type HtmlMeasure } from './html-budget';
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

/**
 * Readability slows down steeply on huge pages (about 2 s for 12,000 elements) and on deep ones (cubic in the depth:
 * 0.6 s at 200 levels, 25 s at 900); beyond these limits the page body is walked instead.
 */
const MAX_READABILITY_ELEMENTS = 15_000;
const MAX_READABILITY_DEPTH = 200;
/**
 * Readability's work grows with elements × depth: about 20–60 µs per unit here (3,000 paragraphs 30 levels deep:
 * 4 s), and with the attributes, each about as costly as a unit (it clones the page and re-reads it on each of its
 * attempts: 40,000 attributes, 3 s). It runs only when elements × depth + attributes, at 100 µs per unit, fits in
 * the time left; otherwise the body is walked.
 */
const READABILITY_UNITS_PER_MS = 10;
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

function readMetaTags(metas: readonly Element[]): Map<string, string> {
  const tags = new Map<string, string>();
  for (const meta of metas) {
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
function readJsonLd(scripts: readonly Element[]): JsonLdArticle {
  const found: JsonLdArticle = { headline: null, author: null, publisher: null, datePublished: null };
  const objects: Array<{ [key: string]: Json }> = [];
  for (const script of scripts) {
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

/** `itemprop="datePublished"` first, then `<time pubdate>`, then a `<time datetime>` inside an article, then any. */
function readTimeElement(survey: Survey): string | null {
  const times = survey.times;
  const candidates = [
    ...survey.datePublished,
    ...times.filter((t) => t.hasAttribute('pubdate')),
    ...times.filter((t) => t.closest('article')),
    ...times,
  ];
  for (const el of candidates) {
    const value = el.getAttribute('datetime') ?? el.getAttribute('content');
    const iso = toIsoDate(value);
    if (iso) return iso;
  }
  return null;
}

function readRelAuthor(links: readonly Element[]): string | null {
  for (const el of links) {
    const name = cleanByline(el.textContent);
    if (name && name.length <= 100) return name;
  }
  return null;
}

/** Metadata from the untouched document (JSON-LD scripts and meta tags are removed before extraction). */
function readMetadata(survey: Survey): HtmlMetadata {
  const tags = readMetaTags(survey.metas);
  const ld = readJsonLd(survey.jsonLd);
  const notUrl = (v: string): boolean => !isUrl(v.trim());
  const title =
    clean(firstMeta(tags, META_TITLE)) ?? ld.headline ?? clean(survey.title?.textContent);
  const author =
    cleanByline(firstMeta(tags, META_AUTHOR, notUrl)) ??
    ld.author ??
    readRelAuthor(survey.relAuthors) ??
    cleanByline(firstMeta(tags, META_ARTICLE_AUTHOR, notUrl));
  const outlet = clean(firstMeta(tags, META_OUTLET)) ?? ld.publisher;
  const publishedAt =
    toIsoDate(firstMeta(tags, META_PUBLISHED)) ??
    toIsoDate(ld.datePublished) ??
    readTimeElement(survey) ??
    toIsoDate(firstMeta(tags, META_OTHER_DATES, (v) => toIsoDate(v) !== null));
  return { title, author, outlet, publishedAt, firstH1: clean(survey.firstH1?.textContent) };
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

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** What one pass over the parsed page finds (jsdom's selector engine walks the whole tree per query). */
interface Survey {
  elementCount: number;
  metas: Element[];
  /** `<script type="application/ld+json">`, read as data only. */
  jsonLd: Element[];
  title: Element | null;
  firstH1: Element | null;
  times: Element[];
  datePublished: Element[];
  relAuthors: Element[];
  /** Outside removed subtrees: */
  articles: Element[];
  mains: Element[];
  forms: Element[];
  /** Roots of the subtrees that are never article text. */
  removed: Element[];
}

function surveyElement(el: Element, survey: Survey, insideRemoved: boolean): boolean {
  survey.elementCount++;
  const tag = el.localName;
  const html = el.namespaceURI === HTML_NS;
  if (html) {
    if (tag === 'meta') survey.metas.push(el);
    else if (tag === 'script' && (el.getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json') survey.jsonLd.push(el);
    else if (tag === 'title') survey.title ??= el;
    else if (tag === 'h1') survey.firstH1 ??= el;
    else if (tag === 'time' && el.hasAttribute('datetime')) survey.times.push(el);
  }
  if (el.hasAttributes()) {
    if (el.getAttribute('itemprop') === 'datePublished') survey.datePublished.push(el);
    if ((el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('author')) survey.relAuthors.push(el);
  }
  if (insideRemoved) return false;
  if (shouldRemove(el)) {
    survey.removed.push(el);
    return true;
  }
  if (tag === 'article') survey.articles.push(el);
  else if (tag === 'main' || el.getAttribute('role') === 'main') survey.mains.push(el);
  else if (tag === 'form') survey.forms.push(el);
  return false;
}

/** Visits every element once, in document order, without recursion (hostile pages may nest deeply). */
function surveyDocument(doc: Document): Survey {
  const survey: Survey = {
    elementCount: 0, metas: [], jsonLd: [], title: null, firstH1: null, times: [], datePublished: [], relAuthors: [],
    articles: [], mains: [], forms: [], removed: [],
  };
  const root = doc.documentElement;
  let removedRoot: Element | null = null;
  let el: Element | null = root;
  while (el) {
    if (surveyElement(el, survey, removedRoot !== null)) removedRoot = el;
    let next: Element | null = el.firstElementChild;
    for (let up: Element | null = el; !next && up; up = up.parentElement) {
      if (up === removedRoot) removedRoot = null;
      if (up === root) break;
      next = up.nextElementSibling;
    }
    el = next;
  }
  return survey;
}

/**
 * Removes everything that is never article text. Forms that wrap real content (ASP.NET pages wrap the whole
 * page in one) are unwrapped; other forms are removed.
 */
function removeNonContent(survey: Survey): void {
  for (const el of survey.removed) el.remove();
  for (const form of [...survey.forms].reverse()) {
    if (!form.isConnected) continue;
    if (collapseWhitespace(form.textContent ?? '').length < 200) form.remove();
    else form.replaceWith(...Array.from(form.childNodes));
  }
}

/** The page's main content for the fallback: the only <article>, else the only <main>, else <body>. */
function fallbackRoot(doc: Document, survey: Survey): Element | null {
  for (const candidates of [survey.articles, survey.mains]) {
    const connected = candidates.filter((el) => el.isConnected);
    if (connected.length === 1 && connected[0]) return connected[0];
  }
  return doc.body;
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

const count = (n: number): string => n.toLocaleString('en');

/** What a page over its budget is told, by the limit it passed. */
function overBudget(measured: Extract<HtmlMeasure, { within: false }>, budget: HtmlBudget, chars: number): string {
  const { shape } = measured;
  switch (measured.exceeded) {
    case 'depth':
      return `nests its HTML elements more than ${count(budget.depth)} levels deep`;
    case 'attributesPerElement':
      return `has an HTML element with more than ${count(budget.attributesPerElement)} attributes`;
    case 'work':
      return (
        `has more HTML structure than a page of its size can hold (${(chars / 1e6).toFixed(2)} million characters: ` +
        `at least ${count(shape.elements)} elements and ${count(shape.attributes)} attributes, nested up to ${count(shape.depth)} levels)`
      );
  }
}

function tooComplex(name: string, what: string): ImportRefusal {
  return new ImportRefusal(
    'import_too_large',
    `"${name}" ${what}, more than Marginalia reads; the project was not changed. Save the article as text and import that instead.`,
  );
}

export interface ParseHtmlOptions {
  /** For tests: called with the jsdom window before it is closed. */
  observeWindow?: (window: DOMWindow) => void;
  /** For tests: a smaller work budget than HTML_BUDGET. */
  budget?: HtmlBudget;
  /** For tests: the time budget in milliseconds instead of the one for the page's size. */
  timeBudgetMs?: number;
}

/**
 * Parses an untrusted HTML document. jsdom is given no `runScripts`, no `resources` and no URL, so no script
 * runs, no event handler fires and nothing is fetched. Only text nodes become canonical text. The page is first
 * parsed and measured against the work budget; the extraction then checks its time budget between phases.
 */
export function parseHtml(html: string, name: string, fallbackTitle: string, options: ParseHtmlOptions = {}): ArticleBody {
  const { jsdom } = loadLibraries();
  const limitMs = options.timeBudgetMs ?? timeBudgetMs(html.length);
  const deadline = new Deadline(limitMs, () => tooComplex(name, `needs more than ${(limitMs / 1000).toFixed(1)} s of work to read`));
  const budget = options.budget ?? HTML_BUDGET;
  const measured = measureHtml(html, budget);
  if (!measured.within) throw tooComplex(name, overBudget(measured, budget, html.length));
  const { depth, attributes } = measured.shape;
  deadline.check();
  // An empty jsdom window (no scripts, no resources, about:blank) whose DOMParser parses the untrusted HTML: documents
  // from DOMParser have no browsing context, so scripts are inert and <iframe>s do not each create a nested window.
  const dom = new jsdom.JSDOM('', { contentType: 'text/html', virtualConsole: new jsdom.VirtualConsole() });
  try {
    const doc = new dom.window.DOMParser().parseFromString(html, 'text/html');
    deadline.check();
    const survey = surveyDocument(doc);
    const meta = readMetadata(survey);
    removeNonContent(survey);

    const root = fallbackRoot(doc, survey);
    const fallbackPieces = root ? piecesOf(root) : [];
    deadline.check();

    const readable =
      depth <= MAX_READABILITY_DEPTH &&
      survey.elementCount <= MAX_READABILITY_ELEMENTS &&
      survey.elementCount * depth + attributes <= deadline.remainingMs() * READABILITY_UNITS_PER_MS;
    const article = readable ? readArticle(doc) : null;
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

/** HTML and XML parsing for importers whose files carry markup (DOCX after conversion, EPUB chapters and packages). */
export interface InertMarkup {
  /** An XML document (no DTD entities expanded, nothing fetched); throws on malformed XML. */
  xml(markup: string): Document;
  /**
   * The block pieces of an HTML or XHTML document's body, under the same work and time budgets, cleaning and walker as
   * saved pages but without Readability (the whole body is the article). `prepare` may rewrite the document first.
   */
  htmlPieces(markup: string, name: string, prepare?: (doc: Document) => void): BlockPiece[];
}

/** Runs `use` with parsers of one empty jsdom window (no scripts, no resources, no URL), closed afterwards. */
export function withInertMarkup<T>(use: (markup: InertMarkup) => T): T {
  const { jsdom } = loadLibraries();
  const dom = new jsdom.JSDOM('', { contentType: 'text/html', virtualConsole: new jsdom.VirtualConsole() });
  const parser = new dom.window.DOMParser();
  try {
    return use({
      xml: (markup) => {
        const doc = parser.parseFromString(markup, 'application/xml');
        if (doc.getElementsByTagName('parsererror').length > 0) throw new Error('malformed XML');
        return doc;
      },
      htmlPieces: (markup, name, prepare) => {
        const limitMs = timeBudgetMs(markup.length);
        const deadline = new Deadline(limitMs, () => tooComplex(name, `needs more than ${(limitMs / 1000).toFixed(1)} s of work to read`));
        const measured = measureHtml(markup, HTML_BUDGET);
        if (!measured.within) throw tooComplex(name, overBudget(measured, HTML_BUDGET, markup.length));
        const doc = parser.parseFromString(markup, 'text/html');
        deadline.check();
        prepare?.(doc);
        removeNonContent(surveyDocument(doc));
        const pieces = doc.body ? piecesOf(doc.body) : [];
        deadline.check();
        return pieces;
      },
    });
  } finally {
    dom.window.close();
  }
}

// HTML articles (.html, .htm), untrusted: parsed inertly with jsdom, article found by Readability, text walked from the DOM.
import { createRequire } from 'node:module';
import type { DOMWindow } from 'jsdom';
import type { Readability } from '@mozilla/readability';
import { toIsoDate } from './dates';
import { fallbackRoot, removeNonContent, surveyDocument } from './html-survey';
import { clean, cleanByline, readMetadata } from './html-metadata';
import { piecesOf, textLength } from './html-walk';
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

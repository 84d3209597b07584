// Cleaning a parsed HTML page: one pass that finds its metadata elements and main content and the subtrees that are never article text.
import { collapseWhitespace } from './text-util';
import { STRIPPED_TAGS } from './html-walk';

/** Removed from the document before Readability (`meta` only outside <head>, so Readability can still read it). */
const REMOVED_TAGS = new Set(STRIPPED_TAGS.filter((t) => !['meta', 'head', 'title', 'img', 'picture'].includes(t)));

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
export interface Survey {
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
export function surveyDocument(doc: Document): Survey {
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
export function removeNonContent(survey: Survey): void {
  for (const el of survey.removed) el.remove();
  for (const form of [...survey.forms].reverse()) {
    if (!form.isConnected) continue;
    if (collapseWhitespace(form.textContent ?? '').length < 200) form.remove();
    else form.replaceWith(...Array.from(form.childNodes));
  }
}

/** The page's main content for the fallback: the only <article>, else the only <main>, else <body>. */
export function fallbackRoot(doc: Document, survey: Survey): Element | null {
  for (const candidates of [survey.articles, survey.mains]) {
    const connected = candidates.filter((el) => el.isConnected);
    if (connected.length === 1 && connected[0]) return connected[0];
  }
  return doc.body;
}

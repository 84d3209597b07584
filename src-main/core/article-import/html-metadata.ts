// An HTML page's metadata (title, author, outlet, publication date) from its meta tags, JSON-LD, <time> elements and author links.
import { toIsoDate } from './dates';
import type { Survey } from './html-survey';
import { collapseWhitespace } from './text-util';

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

export function clean(value: string | null | undefined, maxLength = 300): string | null {
  if (!value) return null;
  const v = collapseWhitespace(value);
  return v && v.length <= maxLength ? v : null;
}

function isUrl(value: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/\/|www\.)/i.test(value);
}

/** `By Jane Doe` → `Jane Doe`. */
export function cleanByline(value: string | null | undefined): string | null {
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
export function readMetadata(survey: Survey): HtmlMetadata {
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

// Which project document an imported annotation is about: content hash, then URL or file name, then title, then its quotes (main process, pure).
import type { DocumentMeta } from '../../../src-shared/model/document';

/** What an annotation says about its document. */
export interface SourceClues {
  sourceId?: string;
  sourceTitle?: string;
  quote?: string;
}

export interface DocumentChoice {
  document: DocumentMeta;
  how: 'named' | 'hash' | 'source' | 'title' | 'quotes';
}

const normalTitle = (title: string): string => title.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A page title without the site's name that browsers and Hypothesis append: "Talks resume | Example News",
 * "Talks resume - Site", "Talks resume — Site", "Talks resume · Site". Only the last such part is removed.
 */
export function withoutSiteSuffix(title: string): string {
  // The space after a separator is looked at, not taken, so that separators next to each other are all found.
  const separators = [...title.matchAll(/\s+(?:\||-|–|—|·|::)(?=\s)/gu)];
  const last = separators.at(-1);
  if (last === undefined || title.length - (last.index + last[0].length) > 80) return title.trim();
  const stripped = title.slice(0, last.index).trim();
  return stripped === '' ? title.trim() : stripped;
}

function lastPathSegment(url: string): string | undefined {
  try {
    const path = new URL(url).pathname;
    const segment = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return segment === '' ? undefined : segment;
  } catch {
    return undefined;
  }
}

/** Candidate documents in the order of trust; undefined when none can be told from hash, source or title. */
export function documentByClues(clues: SourceClues, documents: readonly DocumentMeta[]): DocumentChoice | undefined {
  const { sourceId, sourceTitle } = clues;
  const hash = sourceId?.startsWith('urn:sha256:') ? sourceId.slice('urn:sha256:'.length).toLowerCase() : undefined;
  const byHash = hash === undefined ? undefined : documents.find((d) => d.sha256 === hash);
  if (byHash) return { document: byHash, how: 'hash' };
  if (sourceId !== undefined) {
    const file = lastPathSegment(sourceId);
    const bySource = documents.filter((d) => d.originalName === sourceId || (file !== undefined && d.originalName === file));
    if (bySource.length === 1) return { document: bySource[0]!, how: 'source' };
  }
  if (sourceTitle !== undefined && sourceTitle.trim() !== '') {
    const exact = documents.filter((d) => normalTitle(d.title) === normalTitle(sourceTitle));
    if (exact.length === 1) return { document: exact[0]!, how: 'title' };
    const wanted = normalTitle(withoutSiteSuffix(sourceTitle));
    const stripped = documents.filter((d) => normalTitle(withoutSiteSuffix(d.title)) === wanted || normalTitle(d.title) === wanted);
    if (stripped.length === 1) return { document: stripped[0]!, how: 'title' };
  }
  return undefined;
}

/**
 * The one document that holds all or most of these quotes (more than half, and more than any other), for
 * annotations whose source names no document here; undefined when no document stands out.
 */
export function documentByQuotes(quotes: readonly string[], documents: readonly DocumentMeta[], textOf: (d: DocumentMeta) => string): DocumentMeta | undefined {
  const distinct = [...new Set(quotes.filter((q) => q.trim() !== ''))];
  if (distinct.length === 0) return undefined;
  const scored = documents
    .map((document) => {
      const text = textOf(document);
      return { document, found: distinct.filter((q) => text.includes(q)).length };
    })
    .sort((a, b) => b.found - a.found);
  const [best, second] = scored;
  if (!best || best.found * 2 <= distinct.length || (second !== undefined && second.found === best.found)) return undefined;
  return best.document;
}

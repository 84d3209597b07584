// The search of the workbench (renderer): query, results, the current hit drawn in the article, its keys, and tag-all.
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { RequestOf, ResponseOf, SearchHit } from '../../src-shared/api/contract';
import type { AnnotationKind } from '../../src-shared/model/annotation';
import { ApiError, type Client } from '../api/client';
import type { ArticleView } from '../editor/article-view';
import { searchCommandOf } from '../keymap';

export type SearchScope = 'article' | 'project';
/** The attributes tag-all gives every new tag. */
export type TagAllAttributes = RequestOf<'search.tagAll'>['attributes'];

/** The most hits listed (and drawn); tag-all reaches every hit, up to what the core tags at once. */
export const LISTED_HITS = 1_000;
/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 200;

/** The answer to one search, with what was asked. */
export interface SearchResult extends ResponseOf<'search.query'> {
  query: string;
  scope: SearchScope;
  /** The document an article search looked in. */
  documentId: string | null;
}

export interface UseSearchOptions {
  client: Client;
  /** The open document, or null; a new object (the document reloaded) gets a new article view, drawn afresh. */
  document: { readonly id: string } | null;
  viewRef: MutableRefObject<ArticleView | null>;
  openDocument: (id: string) => Promise<void>;
  /** False while something else owns the keys (the review mode, a dialog): Ctrl/Cmd+F and F3 are left alone. */
  enabled: boolean;
  /** After tag-all wrote tags: reload the open document's tags and the counts. */
  onTagged: () => Promise<unknown>;
  onError: (error: unknown) => void;
}

export interface Search {
  open: boolean;
  scope: SearchScope;
  query: string;
  result: SearchResult | null;
  /** The query's problem in one sentence (bad syntax), or null. */
  error: string | null;
  /** The index of the current hit in `result.hits`, or null. */
  current: number | null;
  inputRef: MutableRefObject<HTMLInputElement | null>;
  setQuery(query: string): void;
  setScope(scope: SearchScope): void;
  openSearch(scope: SearchScope): void;
  /** Closes the search, takes its hits out of the article and puts focus back there (on the current hit, selected). */
  close(): void;
  /** Goes to the next (1) or previous (-1) hit, searching first when the query has changed since the last answer. */
  step(direction: 1 | -1): Promise<void>;
  goTo(index: number): Promise<void>;
  /** What tagging every hit would do (nothing is written). */
  previewTagAll(kind: AnnotationKind, attributes: TagAllAttributes): Promise<ResponseOf<'search.tagAll'>>;
  /** Tags every hit in one undoable step. */
  tagAll(kind: AnnotationKind, attributes: TagAllAttributes): Promise<ResponseOf<'search.tagAll'>>;
}

function messageOf(error: unknown): string | null {
  return error instanceof ApiError && error.code === 'invalid_request' ? error.message : null;
}

export function useSearch(options: UseSearchOptions): Search {
  const { client, document, viewRef, openDocument, enabled } = options;
  const documentId = document?.id ?? null;
  const callbacks = useRef(options);
  callbacks.current = options;
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<SearchScope>('article');
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);
  /** The hit to select once its document is open and drawn. */
  const pending = useRef<number | null>(null);
  const [arrivals, setArrivals] = useState(0);
  const asked = useRef(0);
  /** What the last search asked (scope, document, query): typing that pauses on it does not ask again. */
  const lastAsked = useRef<string | null>(null);

  const searchDocumentId = scope === 'article' ? documentId : null;

  /** Runs the search now; the answer is dropped when a newer search was asked meanwhile. */
  const run = useCallback(
    async (text: string, where: SearchScope, inDocument: string | null): Promise<SearchResult | null> => {
      const ask = ++asked.current;
      lastAsked.current = JSON.stringify([where, inDocument, text]);
      if (text.trim() === '' || (where === 'article' && inDocument === null)) {
        setResult(null);
        setError(null);
        setCurrent(null);
        return null;
      }
      const request: RequestOf<'search.query'> = { query: text, limit: LISTED_HITS, ...(where === 'article' && inDocument ? { documentId: inDocument } : {}) };
      try {
        const answer = await client.call('search.query', request);
        if (ask !== asked.current) return null;
        const next: SearchResult = { ...answer, query: text, scope: where, documentId: inDocument };
        setResult(next);
        setError(null);
        setCurrent(null);
        return next;
      } catch (failure) {
        if (ask !== asked.current) return null;
        const sentence = messageOf(failure);
        if (sentence === null) callbacks.current.onError(failure);
        setResult(null);
        setError(sentence);
        setCurrent(null);
        return null;
      }
    },
    [client],
  );

  // Searching as the analyst types, once typing pauses; an article search follows the open document.
  useEffect(() => {
    const key = JSON.stringify([scope, searchDocumentId, query]);
    if (!open || lastAsked.current === key) return;
    // Enter or F3 may search before the pause ends; then the pause asks nothing more.
    const timer = setTimeout(() => lastAsked.current !== key && void run(query, scope, searchDocumentId), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [open, query, scope, searchDocumentId, run]);

  const fresh = result !== null && result.query === query && result.scope === scope && result.documentId === searchDocumentId;

  // The open document's hits drawn in the article, the current one marked (none while the search is closed).
  const documentHits = useMemo(
    () => (result && open && document ? result.hits.map((hit, index) => ({ hit, index })).filter(({ hit }) => hit.documentId === document.id) : []),
    [result, open, document],
  );
  useEffect(() => {
    const local = documentHits.findIndex((h) => h.index === current);
    viewRef.current?.setSearchHits(
      documentHits.map(({ hit }) => hit),
      local === -1 ? null : local,
    );
  }, [documentHits, current, viewRef]);

  /** The document open or being opened: stepping quickly through hits opens each document once. */
  const openingId = useRef(documentId);
  useEffect(() => {
    openingId.current = documentId;
  }, [documentId]);

  // The hit gone to, once its document's view shows the hits.
  useEffect(() => {
    const index = pending.current;
    const hit = index === null ? undefined : result?.hits[index];
    if (index === null || !hit || hit.documentId !== documentId) return;
    const local = documentHits.findIndex((h) => h.index === index);
    if (local === -1) return;
    pending.current = null;
    viewRef.current?.showSearchHit(local);
  }, [arrivals, documentHits, documentId, result, viewRef]);

  const show = useCallback(
    async (answer: SearchResult, index: number) => {
      const hit: SearchHit | undefined = answer.hits[index];
      if (!hit) return;
      setCurrent(index);
      pending.current = index;
      if (hit.documentId !== openingId.current) {
        const before = openingId.current;
        openingId.current = hit.documentId;
        try {
          await openDocument(hit.documentId);
        } catch (error) {
          openingId.current = before;
          throw error;
        }
      }
      setArrivals((n) => n + 1);
    },
    [openDocument],
  );

  const step = useCallback(
    async (direction: 1 | -1) => {
      const answer = fresh ? result : await run(query, scope, searchDocumentId);
      if (!answer || answer.hits.length === 0) return;
      const count = answer.hits.length;
      const from = answer === result ? current : null;
      const index = from === null ? (direction === 1 ? 0 : count - 1) : (from + direction + count) % count;
      await show(answer, index);
    },
    [fresh, result, run, query, scope, searchDocumentId, current, show],
  );

  const goTo = useCallback(async (index: number) => (result ? show(result, index) : undefined), [result, show]);

  const openSearch = useCallback((where: SearchScope) => {
    setScope(where);
    setOpen(true);
    lastAsked.current = null; // the project may have changed since: ask again
    // After the box is drawn: focus it with its text selected, so typing replaces the last search.
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
  }, []);

  const close = useCallback(() => {
    const view = viewRef.current;
    const local = documentHits.findIndex((h) => h.index === current);
    if (view && local !== -1) view.showSearchHit(local, { focus: true });
    else view?.focus();
    setOpen(false);
  }, [viewRef, documentHits, current]);

  // Ctrl/Cmd+F, Ctrl/Cmd+Shift+F, F3 and Shift+F3, wherever focus is.
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const command = searchCommandOf(event);
      if (command === null) return;
      event.preventDefault();
      if (command === 'article' || command === 'project') openSearch(command);
      else if (open || result) {
        setOpen(true);
        void step(command === 'next' ? 1 : -1).catch(callbacks.current.onError);
      } else openSearch('article');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, open, result, openSearch, step]);

  const tagAllRequest = useCallback(
    (kind: AnnotationKind, attributes: TagAllAttributes): RequestOf<'search.tagAll'> => {
      if (!result) throw new Error('tag-all needs a search answered first');
      return { query: result.query, kind, ...(attributes ? { attributes } : {}), ...(result.documentId ? { documentId: result.documentId } : {}) };
    },
    [result],
  );
  const previewTagAll = useCallback((kind: AnnotationKind, attributes: TagAllAttributes) => client.call('search.tagAll', { ...tagAllRequest(kind, attributes), dryRun: true }), [client, tagAllRequest]);
  const tagAll = useCallback(
    async (kind: AnnotationKind, attributes: TagAllAttributes) => {
      const done = await client.call('search.tagAll', tagAllRequest(kind, attributes));
      await callbacks.current.onTagged();
      return done;
    },
    [client, tagAllRequest],
  );

  return { open, scope, query, result, error, current, inputRef, setQuery, setScope, openSearch, close, step, goTo, previewTagAll, tagAll };
}

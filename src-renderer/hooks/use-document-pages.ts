// The document list's rows, fetched from the core one page at a time as the list scrolls, filtered by the core.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentRow } from '../../src-shared/api/contract';
import type { Client } from '../api/client';

/** Rows per request: a few screenfuls. */
const PAGE_SIZE = 100;

interface Loaded {
  /** The filter and revision these pages are of. */
  readonly key: string;
  /** How many documents match the filter; null before the first page came. */
  readonly total: number | null;
  readonly pages: ReadonlyMap<number, readonly DocumentRow[]>;
}

/**
 * `rowAt(i)` is the i-th document matching `filter` (undefined while its page is on its way); `need(first, last)`
 * asks for the pages holding rows first…last. A new filter or `revision` fetches the pages in view again, and the
 * rows already shown stay until they come, so nothing flickers; an answer to an older filter is dropped.
 */
export function useDocumentPages(client: Client, revision: number, filter: string) {
  const key = `${revision}\u0000${filter.trim()}`;
  const [loaded, setLoaded] = useState<Loaded>({ key: '', total: null, pages: new Map() });
  const latestKey = useRef(key);
  latestKey.current = key;
  const requested = useRef(new Set<string>());
  const inView = useRef({ first: 0, last: 0 });

  const fetchPage = useCallback(
    (page: number, forKey: string) => {
      const id = `${forKey}\u0000${page}`;
      if (requested.current.has(id)) return;
      requested.current.add(id);
      client
        .call('document.list', { fields: 'row', offset: page * PAGE_SIZE, limit: PAGE_SIZE, ...(filter.trim() === '' ? {} : { filter: filter.trim() }) })
        .then(({ documents, total }) => {
          if (latestKey.current !== forKey) return;
          setLoaded((before) => {
            // The first page of a new filter or revision replaces what was shown; later ones join it.
            const pages = new Map(before.key === forKey ? before.pages : []);
            pages.set(page, documents);
            return { key: forKey, total, pages };
          });
        })
        .catch(() => requested.current.delete(id));
    },
    [client, filter],
  );

  const pagesOf = (first: number, last: number) => {
    const pages: number[] = [];
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(Math.max(first, last) / PAGE_SIZE); page++) pages.push(page);
    return pages;
  };

  useEffect(() => {
    requested.current = new Set();
    const { first, last } = inView.current;
    for (const page of new Set([0, ...pagesOf(first, last)])) fetchPage(page, key);
  }, [key, fetchPage]);

  const need = useCallback(
    (first: number, last: number) => {
      inView.current = { first, last };
      for (const page of pagesOf(first, last)) if (!(loaded.key === key && loaded.pages.has(page))) fetchPage(page, key);
    },
    [fetchPage, key, loaded],
  );

  const rowAt = (index: number): DocumentRow | undefined => loaded.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return { total: loaded.total, rowAt, need };
}

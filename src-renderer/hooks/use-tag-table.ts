// The tag table's state: its filters, sort and grouping, the rows fetched page by page as they scroll into view, and its CSV export.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RequestOf, TagGroup, TagRow, TagTableFilters } from '../../src-shared/api/contract';
import type { Client } from '../api/client';
import { base64ToBytes, saveFile } from '../api/save-file';
import { groupFilter, tableExportName } from '../components/table/tag-table-format';

export type TagSortColumn = NonNullable<RequestOf<'annotation.query'>['sort']>['column'];
export type TagGrouping = RequestOf<'annotation.groups'>['by'];
export interface TagSort {
  column: TagSortColumn;
  descending: boolean;
}

/** Rows fetched per request: a screenful many times over, small enough to answer at once. */
export const TAG_PAGE_SIZE = 200;
/** How long typing in the text filter pauses before the table asks again. */
const TEXT_DELAY_MS = 150;

/** The filters without the one a grouping sets, so that the group list stays whole while one group is chosen. */
function withoutGroupFilter(filters: TagTableFilters, grouping: TagGrouping): TagTableFilters {
  const { actorId, statuses, unit, ...rest } = filters;
  if (grouping === 'actor') return { ...rest, statuses, unit };
  if (grouping === 'status') return { ...rest, actorId, unit };
  return { ...rest, actorId, statuses };
}

/**
 * `revision` grows with every change to the project: the table asks again (keeping the rows it shows until the
 * answer comes). `rowAt(i)` is undefined until its page arrives; `ensureRows(first, last)` fetches what is missing.
 */
export function useTagTable(client: Client, revision: number, onError: (error: unknown) => void) {
  const [filters, setFilters] = useState<TagTableFilters>({});
  const [text, setText] = useState('');
  const [appliedText, setAppliedText] = useState('');
  const [sort, setSort] = useState<TagSort>({ column: 'date', descending: true });
  const [grouping, setGrouping] = useState<TagGrouping | null>(null);
  const [groups, setGroups] = useState<TagGroup[]>([]);
  const [taggedActors, setTaggedActors] = useState<TagGroup[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<ReadonlyMap<number, readonly TagRow[]>>(new Map());
  const requested = useRef(new Set<number>());
  const generation = useRef(0);

  useEffect(() => {
    const timer = setTimeout(() => setAppliedText(text.trim()), TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const query = useMemo<TagTableFilters>(() => ({ ...filters, ...(appliedText ? { text: appliedText } : {}) }), [filters, appliedText]);

  const fetchPage = useCallback(
    (page: number, ofGeneration: number) =>
      client.call('annotation.query', { ...query, sort, offset: page * TAG_PAGE_SIZE, limit: TAG_PAGE_SIZE }).then((answer) => {
        if (ofGeneration !== generation.current) return;
        setTotal(answer.total);
        setPages((shown) => new Map(shown).set(page, answer.rows));
      }),
    [client, query, sort],
  );

  // A new query (or a change to the project): the first page again, replacing every page once it is there.
  useEffect(() => {
    const mine = (generation.current += 1);
    requested.current = new Set([0]);
    client
      .call('annotation.query', { ...query, sort, offset: 0, limit: TAG_PAGE_SIZE })
      .then((answer) => {
        if (mine !== generation.current) return;
        setTotal(answer.total);
        setPages(new Map([[0, answer.rows]]));
      })
      .catch(onError);
  }, [client, query, sort, revision, onError]);

  useEffect(() => {
    if (grouping === null) return setGroups([]);
    let current = true;
    client
      .call('annotation.groups', { ...withoutGroupFilter(query, grouping), by: grouping })
      .then((answer) => current && setGroups(answer.groups))
      .catch(onError);
    return () => {
      current = false;
    };
  }, [client, query, grouping, revision, onError]);

  // The actor filter offers the actors the project's tags name, as the table itself reads them.
  useEffect(() => {
    let current = true;
    client
      .call('annotation.groups', { by: 'actor' })
      .then((answer) => current && setTaggedActors(answer.groups.sort((a, b) => a.label.localeCompare(b.label))))
      .catch(onError);
    return () => {
      current = false;
    };
  }, [client, revision, onError]);

  const ensureRows = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / TAG_PAGE_SIZE); page <= Math.floor(last / TAG_PAGE_SIZE); page += 1) {
        if (requested.current.has(page)) continue;
        requested.current.add(page);
        fetchPage(page, generation.current).catch(onError);
      }
    },
    [fetchPage, onError],
  );

  const rowAt = useCallback((index: number): TagRow | undefined => pages.get(Math.floor(index / TAG_PAGE_SIZE))?.[index % TAG_PAGE_SIZE], [pages]);

  const setFilter = useCallback((change: Partial<TagTableFilters>) => {
    setFilters((current) => {
      const next: Record<string, unknown> = { ...current, ...change };
      for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
      return next as TagTableFilters;
    });
  }, []);

  const clearFilters = useCallback(() => {
    setFilters({});
    setText('');
  }, []);

  /** A click on a column header: sorts by it, or turns the order round when it sorts already. */
  const sortBy = useCallback((column: TagSortColumn) => {
    setSort((current) => (current.column === column ? { column, descending: !current.descending } : { column, descending: column === 'date' || column === 'value' }));
  }, []);

  /** Grouping figures by unit shows figures only, largest value first; the other groupings keep the kinds chosen. */
  const groupBy = useCallback(
    (by: TagGrouping | null) => {
      setGrouping(by);
      if (by === 'unit') {
        setFilter({ kinds: ['figure'] });
        setSort({ column: 'value', descending: true });
      }
    },
    [setFilter],
  );

  /** Shows one group's tags (or every group's again, with null). */
  const chooseGroup = useCallback((group: TagGroup | null) => grouping && setFilter(groupFilter(grouping, group)), [grouping, setFilter]);

  /** Saves the rows the filters keep as CSV (the export's own columns); resolves to the file's name. */
  const exportCsv = useCallback(
    async (projectName: string, describe: (filters: TagTableFilters) => string): Promise<string> => {
      const { files } = await client.call('export.project', { format: 'csv', tags: query });
      const file = files[0];
      if (!file) throw new Error('the CSV export wrote no file');
      const fileName = tableExportName(projectName, describe(query));
      saveFile(fileName, base64ToBytes(file.contentBase64), file.mediaType);
      return fileName;
    },
    [client, query],
  );

  return { filters: query, text, setText, setFilter, clearFilters, sort, sortBy, grouping, groupBy, groups, chooseGroup, taggedActors, total, rowAt, ensureRows, exportCsv };
}

export type TagTableState = ReturnType<typeof useTagTable>;

/**
 * Whether the tag table is shown in place of the panes (which stay mounted, hidden), and opening a row: the table
 * closes and, once the article is shown again, its document opens at the tag.
 */
export function useTagTableMode(jumpToTag: (documentId: string, annotationId: string) => Promise<void>, onError: (error: unknown) => void) {
  const [open, setOpen] = useState(false);
  const [jump, setJump] = useState<TagRow | null>(null);
  useEffect(() => {
    if (open || !jump) return;
    setJump(null);
    jumpToTag(jump.documentId, jump.id).catch(onError);
  }, [open, jump, jumpToTag, onError]);
  const openRow = useCallback((row: TagRow) => {
    setJump(row);
    setOpen(false);
  }, []);
  return { open, setOpen, openRow };
}

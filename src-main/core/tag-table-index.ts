// The tag table held in memory for an open project: filters and sorts answered without reading every tag's row.
import { annotationsChangedSince, tagFacts, tagFactsStamp, type TagFact, type TagTableColumn, type TagTableFilters } from '../store/tag-table';
import type { Db } from '../store/open-project';
import type { SessionPart } from './session';

type Cell = string | number | null;

/** What each column sorts by (as the table shows it). */
const SORT_KEY: Readonly<Record<TagTableColumn, (fact: TagFact) => Cell>> = {
  kind: (f) => f.kind,
  quote: (f) => f.exact,
  document: (f) => f.documentTitle,
  analyst: (f) => f.analystName,
  actor: (f) => f.actorName,
  status: (f) => f.status,
  category: (f) => f.category,
  value: (f) => f.value,
  review: (f) => f.review,
  date: (f) => f.updatedAt,
};

/**
 * Two strings in SQLite's BINARY order (their UTF-8 bytes, which is code point order): UTF-16 order, except that a
 * surrogate (a character past U+FFFF) comes after U+E000–U+FFFF.
 */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Two non-empty cells as SQLite orders them: numbers before text. */
function compareCells(a: string | number, b: string | number): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  return typeof b === 'number' ? 1 : compareText(a, b);
}

/** SQLite's lower(): ASCII letters only. */
const asciiLower = (text: string) => text.replace(/[A-Z]+/gu, (letters) => letters.toLowerCase());

/** The columns a filter reads, each kept as small codes (one per distinct value) so that a pass over the tags stays in cache. */
const FILTERED = ['kind', 'analystId', 'status', 'review', 'actorId', 'documentId', 'unit'] as const;
type Filtered = (typeof FILTERED)[number];

interface Column {
  /** The code of each tag's value. */
  codes: Int32Array;
  /** The value of each code. */
  values: Cell[];
}

function columnOf(facts: readonly TagFact[], field: Filtered): Column {
  const index = new Map<Cell, number>();
  const values: Cell[] = [];
  const codes = Int32Array.from(facts, (fact) => {
    const value = fact[field];
    let code = index.get(value);
    if (code === undefined) {
      index.set(value, (code = values.length));
      values.push(value);
    }
    return code;
  });
  return { codes, values };
}

/** What each filter lets through, as the table's SQL filters read them (null: the filter is not set). */
function predicates(filters: TagTableFilters): Partial<Record<Filtered, (value: Cell) => boolean>> {
  const among = (values: readonly string[] | undefined) => {
    if (values === undefined) return undefined;
    const set = new Set<Cell>(values);
    return (value: Cell) => set.has(value);
  };
  const equal = (wanted: string | undefined) => (wanted === undefined ? undefined : (value: Cell) => value === wanted);
  const decided = new Set<Cell>(filters.reviews?.filter((r) => r !== 'undecided'));
  const undecided = filters.reviews?.includes('undecided') ?? false;
  const all = {
    kind: among(filters.kinds),
    analystId: among(filters.analystIds),
    status: among(filters.statuses),
    review: filters.reviews === undefined ? undefined : (value: Cell) => decided.has(value) || (undecided && (value === null || value === 'pending')),
    actorId: equal(filters.actorId),
    documentId: equal(filters.documentId),
    unit: equal(filters.unit),
  };
  return Object.fromEntries(Object.entries(all).filter(([, test]) => test !== undefined));
}

/**
 * A session's tag table: every live tag's filter and sort values, read once and again only after the project
 * changed (tagFactsStamp), with each column's order worked out once. A page then costs a pass over the tags in the
 * chosen order, and reading its own rows.
 */
export class TagTableIndex implements SessionPart {
  private stamp: { seq: number; rest: string } | null = null;
  private facts: TagFact[] = [];
  /** The quotes and notes in lower case, made when a text filter first asks. */
  private lowered: Lowered[] | null = null;
  private columns = new Map<Filtered, Column>();
  /** Positions of `facts` in each column's order, ascending (empty cells last), and how many cells are filled; made when first asked for. */
  private orders = new Map<TagTableColumn, { order: Int32Array; filled: number }>();
  private warming: ReturnType<typeof setTimeout> | null = null;

  /** Whether the table has been read since the project was opened (later changes are caught up on the next page). */
  get ready(): boolean {
    return this.stamp !== null;
  }

  /**
   * Reads the table once the request being answered is done, so the first page after opening comes from SQL at once
   * and the filters after it from memory. Does not keep a process alive (a CLI command ends without it).
   */
  warmSoon(db: Db): void {
    if (this.warming !== null || this.ready) return;
    this.warming = setTimeout(() => {
      this.warming = null;
      if (db.open) this.current(db);
    }, 0);
    this.warming.unref?.();
  }

  private current(db: Db): void {
    const stamp = tagFactsStamp(db);
    if (this.stamp !== null && stamp.seq === this.stamp.seq && stamp.rest === this.stamp.rest) return;
    const changed = this.stamp !== null && stamp.rest === this.stamp.rest ? annotationsChangedSince(db, this.stamp.seq, PATCH_LIMIT) : null;
    if (changed === null) {
      this.facts = tagFacts(db);
    } else {
      // A few tags changed (made, edited, removed, restored): only they are read again.
      const ids = new Set(changed);
      const keep = this.facts.flatMap((fact, i) => (ids.has(fact.id) ? [] : [i]));
      const fresh = tagFacts(db, changed);
      this.facts = [...keep.map((i) => this.facts[i] as TagFact), ...fresh];
    }
    this.lowered = null;
    this.columns = new Map(FILTERED.map((field) => [field, columnOf(this.facts, field)]));
    this.orders = new Map();
    this.stamp = stamp;
  }

  private order(column: TagTableColumn): { order: Int32Array; filled: number } {
    const known = this.orders.get(column);
    if (known) return known;
    const keys = this.facts.map(SORT_KEY[column]);
    const order = Int32Array.from(this.facts, (_, i) => i).sort((x, y) => {
      const [a, b] = [keys[x] ?? null, keys[y] ?? null];
      if (a === null || b === null) {
        if (a !== b) return a === null ? 1 : -1;
      } else {
        const by = compareCells(a, b);
        if (by !== 0) return by;
      }
      return compareText(this.facts[x]?.id ?? '', this.facts[y]?.id ?? '');
    });
    const made = { order, filled: keys.filter((k) => k !== null).length };
    this.orders.set(column, made);
    return made;
  }

  /**
   * The ids of one page of the live tags matching `filters` in `sort`'s order (then by id, the same way; empty cells
   * last either way), and how many match.
   */
  page(db: Db, filters: TagTableFilters, sort: { column: TagTableColumn; descending: boolean }, page: { offset: number; limit: number }): { ids: string[]; total: number } {
    this.current(db);
    const { order, filled } = this.order(sort.column);
    // Each set filter as a table of the codes it lets through, checked column by column.
    const tests = Object.entries(predicates(filters)).map(([field, test]) => {
      const column = this.columns.get(field as Filtered) ?? { codes: new Int32Array(), values: [] };
      return { codes: column.codes, passes: Uint8Array.from(column.values, (value) => (test(value) ? 1 : 0)) };
    });
    const text = filters.text === undefined || filters.text === '' ? null : asciiLower(filters.text);
    const quotes = text === null ? [] : (this.lowered ??= this.facts.map(lowered));
    const ids: string[] = [];
    let total = 0;
    const visit = (i: number) => {
      for (const { codes, passes } of tests) if (passes[codes[i] ?? 0] !== 1) return;
      if (text !== null) {
        const { exact, note } = quotes[i] ?? NOTHING_LOWERED;
        if (!(exact?.includes(text) ?? false) && !(note?.includes(text) ?? false)) return;
      }
      if (total >= page.offset && ids.length < page.limit) ids.push(this.facts[i]?.id ?? '');
      total += 1;
    };
    // Descending: the filled cells from the end of the ascending order, then the empty ones (held last), also from the end.
    if (sort.descending) {
      for (let at = filled - 1; at >= 0; at -= 1) visit(order[at] ?? 0);
      for (let at = order.length - 1; at >= filled; at -= 1) visit(order[at] ?? 0);
    } else {
      for (let at = 0; at < order.length; at += 1) visit(order[at] ?? 0);
    }
    return { ids, total };
  }

  close(): void {
    if (this.warming !== null) clearTimeout(this.warming);
    this.warming = null;
    this.facts = [];
    this.lowered = null;
    this.orders.clear();
    this.columns.clear();
    this.stamp = null;
  }
}

/** Past this many changed tags the table is read again whole. */
const PATCH_LIMIT = 2000;

interface Lowered {
  exact: string | null;
  note: string | null;
}
const NOTHING_LOWERED: Lowered = { exact: null, note: null };
const lowered = (fact: TagFact): Lowered => ({ exact: fact.exact === null ? null : asciiLower(fact.exact), note: fact.note === null ? null : asciiLower(fact.note) });

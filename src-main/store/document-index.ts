// The document list's index (core, per connection): every live document's row fields in list order with the text a
// filter searches, read once and kept until the project file changes, so that a page, a filter or a lookup by id
// costs no scan of the documents table (whose rows carry the texts).
import type { DocumentMeta } from '../../src-shared/model/document';
import type { Db } from './open-project';
import { statement } from './statements';

/** The fields a row of the document list shows. */
export type DocumentRowMeta = Pick<DocumentMeta, 'id' | 'title' | 'author' | 'outlet' | 'publishedAt'>;

/** Which documents a list holds, and which of them: every field narrows; without `limit`, all from `offset` on. */
export interface DocumentListQuery {
  /** Words that the title, author or outlet contains, as typed (case ignored). */
  readonly filter?: string;
  readonly ids?: readonly string[];
  readonly offset?: number;
  readonly limit?: number;
}

interface Index {
  /** What the file was when it was read: data_version (other connections' commits) and this connection's changes. */
  readonly version: string;
  readonly rows: readonly DocumentRowMeta[];
  /** Each row's title, author and outlet in lower case by Unicode's rules (SQLite's lower() folds ASCII only). */
  readonly folded: readonly string[];
  readonly positions: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<Db, Index>();

/** The list order: newest first, undated last, then by title (and id, so that pages never overlap). */
export const LIST_ORDER = 'published_at IS NULL, published_at DESC, title, id';

function versionOf(db: Db): string {
  return `${String(db.pragma('data_version', { simple: true }))}:${String(statement(db, 'SELECT total_changes()').pluck().get())}`;
}

function indexOf(db: Db): Index {
  const version = versionOf(db);
  const known = indexes.get(db);
  if (known?.version === version) return known;
  const rows = statement(db, `SELECT id, title, author, outlet, published_at AS publishedAt FROM documents WHERE deleted_at IS NULL ORDER BY ${LIST_ORDER}`).all() as DocumentRowMeta[];
  const index: Index = {
    version,
    rows,
    folded: rows.map((row) => `${row.title} ${row.author ?? ''} ${row.outlet ?? ''}`.toLowerCase()),
    positions: new Map(rows.map((row, i) => [row.id, i])),
  };
  indexes.set(db, index);
  return index;
}

/** The rows `query` matches, in list order, and how many match whatever the offset and limit. */
export function documentRowsMatching(db: Db, query: DocumentListQuery = {}): { rows: DocumentRowMeta[]; total: number } {
  const index = indexOf(db);
  const filter = query.filter?.trim().toLowerCase() ?? '';
  let positions: number[] | null = null;
  if (query.ids !== undefined) positions = [...new Set(query.ids.flatMap((id) => index.positions.get(id) ?? []))].sort((a, b) => a - b);
  if (filter !== '') positions = (positions ?? index.rows.map((_, i) => i)).filter((i) => index.folded[i]?.includes(filter));
  const total = positions === null ? index.rows.length : positions.length;
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? total : offset + query.limit;
  const rows = positions === null ? index.rows.slice(offset, end) : positions.slice(offset, end).map((i) => index.rows[i] as DocumentRowMeta);
  return { rows, total };
}

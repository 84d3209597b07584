// The project-wide tag table in SQL: what a filter and a sort read of each live tag, pages of rows, CSV ids, groups.
import type { Db } from './open-project';
import { statement } from './statements';

export const TAG_TABLE_COLUMNS = ['kind', 'quote', 'document', 'analyst', 'actor', 'status', 'category', 'value', 'review', 'date'] as const;
export type TagTableColumn = (typeof TAG_TABLE_COLUMNS)[number];

export interface TagTableFilters {
  kinds?: readonly string[];
  analystIds?: readonly string[];
  actorId?: string;
  /** Claim statuses or warning severities. */
  statuses?: readonly string[];
  /** Review decisions; 'undecided' is a tag no reviewer has decided. */
  reviews?: readonly string[];
  documentId?: string;
  /** A figure's unit. */
  unit?: string;
  /** Found (ignoring ASCII case) in the quote or the note. */
  text?: string;
}

export interface TagTableRow {
  id: string;
  documentId: string;
  documentTitle: string;
  kind: string;
  start: number | null;
  end: number | null;
  quote: string | null;
  analystId: string;
  analystName: string;
  actorId: string | null;
  actorName: string | null;
  status: string | null;
  category: string | null;
  value: number | null;
  unit: string | null;
  review: string | null;
  updatedAt: string;
}

/** Quotes longer than this are cut in a row (the tag itself keeps all of it). */
export const ROW_QUOTE_LENGTH = 300;

const ACTOR = `coalesce(json_extract(a.attributes, '$.actorId'), json_extract(a.attributes, '$.claimantId'))`;
const STATUS = `coalesce(json_extract(a.attributes, '$.status'), json_extract(a.attributes, '$.severity'))`;
const VALUE = `json_extract(a.attributes, '$.amount') * json_extract(a.attributes, '$.scale')`;
const REVIEW = `json_extract(a.review, '$.status')`;
const UNIT = `json_extract(a.attributes, '$.unit')`;

const CATEGORY = `json_extract(a.attributes, '$.category')`;

/** What each column sorts by, the join it needs, and whether it can be empty (empty cells sort last either way). */
const SORTS: Readonly<Record<TagTableColumn, { expression: string; join?: string; nullable: boolean }>> = {
  kind: { expression: 'a.kind', nullable: false },
  quote: { expression: 'a.exact', nullable: true },
  document: { expression: 'd.title', join: 'JOIN documents d ON d.id = a.document_id', nullable: false },
  analyst: { expression: 'n.display_name', join: 'JOIN analysts n ON n.id = a.analyst_id', nullable: false },
  actor: { expression: 'r.name', join: `LEFT JOIN actors r ON r.id = ${ACTOR}`, nullable: true },
  status: { expression: STATUS, nullable: true },
  category: { expression: CATEGORY, nullable: true },
  value: { expression: VALUE, nullable: true },
  review: { expression: REVIEW, nullable: true },
  date: { expression: 'a.updated_at', nullable: false },
};

function whereClause(filters: TagTableFilters): { sql: string; params: unknown[] } {
  // A removed document's tags are hidden with it (the ids and counts are found on the tags alone, without the join).
  const conditions = ['a.deleted_at IS NULL', 'a.document_id NOT IN (SELECT id FROM documents WHERE deleted_at IS NOT NULL)'];
  const params: unknown[] = [];
  const inList = (expression: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    conditions.push(values.length === 0 ? '0' : `${expression} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('a.kind', filters.kinds);
  inList('a.analyst_id', filters.analystIds);
  inList(STATUS, filters.statuses);
  if (filters.reviews !== undefined) {
    const decided = filters.reviews.filter((r) => r !== 'undecided');
    const alternatives = [...(decided.length ? [`${REVIEW} IN (${decided.map(() => '?').join(', ')})`] : []), ...(filters.reviews.includes('undecided') ? [`coalesce(${REVIEW}, 'pending') = 'pending'`] : [])];
    conditions.push(alternatives.length ? `(${alternatives.join(' OR ')})` : '0');
    params.push(...decided);
  }
  if (filters.actorId !== undefined) {
    conditions.push(`${ACTOR} = ?`);
    params.push(filters.actorId);
  }
  if (filters.documentId !== undefined) {
    conditions.push('a.document_id = ?');
    params.push(filters.documentId);
  }
  if (filters.unit !== undefined) {
    conditions.push(`${UNIT} = ?`);
    params.push(filters.unit);
  }
  if (filters.text !== undefined && filters.text !== '') {
    conditions.push('(instr(lower(a.exact), lower(?)) > 0 OR instr(lower(a.note), lower(?)) > 0)');
    params.push(filters.text, filters.text);
  }
  return { sql: conditions.join(' AND '), params };
}

const FROM = `FROM annotations a JOIN documents d ON d.id = a.document_id AND d.deleted_at IS NULL JOIN analysts n ON n.id = a.analyst_id
  LEFT JOIN actors r ON r.id = ${ACTOR}`;

/**
 * One page of the live tags matching `filters`, sorted by `sort` (then by id, so pages never overlap), and how many
 * match: the table's definition in SQL, which the session's in-memory table (core/tag-table-index.ts) answers the
 * same way (its property test holds it to this); it scans every tag, so it answers only the first page after opening, while that index is read. The page's ids are found first on the tags alone (with only the join the sort needs); the rows are then
 * read for those ids only, so a page costs the same wherever it lies.
 */
export function tagTablePage(
  db: Db,
  filters: TagTableFilters,
  sort: { column: TagTableColumn; descending: boolean },
  page: { offset: number; limit: number },
): { rows: TagTableRow[]; total: number } {
  const where = whereClause(filters);
  const direction = sort.descending ? 'DESC' : 'ASC';
  const by = SORTS[sort.column];
  const order = `${by.nullable ? `${by.expression} IS NULL, ` : ''}${by.expression} ${direction}, a.id ${direction}`;
  // Counted over a subquery SQLite does not merge into the count (its LIMIT): an aggregate over the annotations view
  // would look up every tag's analyst and head change too.
  const total = statement(db, `SELECT count(*) FROM (SELECT 1 FROM annotations a WHERE ${where.sql} LIMIT -1)`).pluck().get(...where.params) as number;
  const ids = statement(db, `SELECT a.id FROM annotations a ${by.join ?? ''} WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, page.limit, page.offset) as string[];
  return { rows: tagTableRows(db, ids), total };
}

/** The table's rows of the tags `ids`, in that order. */
export function tagTableRows(db: Db, ids: readonly string[]): TagTableRow[] {
  const rows = statement(
    db,
    `SELECT a.id, a.document_id AS documentId, d.title AS documentTitle, a.kind, a.start_offset AS start, a.end_offset AS "end",
       substr(a.exact, 1, ${ROW_QUOTE_LENGTH}) AS quote, a.analyst_id AS analystId, n.display_name AS analystName,
       ${ACTOR} AS actorId, r.name AS actor_name, ${STATUS} AS status, ${CATEGORY} AS category,
       ${VALUE} AS value, ${UNIT} AS unit, ${REVIEW} AS review, a.updated_at AS updatedAt
     FROM json_each(?) page JOIN annotations a ON a.id = page.value JOIN documents d ON d.id = a.document_id
       JOIN analysts n ON n.id = a.analyst_id LEFT JOIN actors r ON r.id = ${ACTOR}
     ORDER BY page.key`,
  ).all(JSON.stringify(ids)) as (Omit<TagTableRow, 'actorName'> & { actor_name: string | null })[];
  return rows.map(({ actor_name, ...row }) => ({ ...row, actorName: actor_name }));
}

/** What the table filters and sorts a live tag by, its JSON attributes decoded once. */
export interface TagFact {
  id: string;
  documentId: string;
  kind: string;
  analystId: string;
  actorId: string | null;
  status: string | number | null;
  category: string | number | null;
  value: number | null;
  unit: string | number | null;
  review: string | number | null;
  updatedAt: string;
  exact: string | null;
  note: string | null;
  documentTitle: string;
  analystName: string;
  actorName: string | null;
}

/** Every live tag on a live document (or only those of `ids`), as the table filters and sorts it. */
export function tagFacts(db: Db, ids?: readonly string[]): TagFact[] {
  const only = ids === undefined ? '' : 'AND a.id IN (SELECT value FROM json_each(?))';
  // The few documents', analysts' and actors' names are looked up here rather than joined to every tag.
  const names = (sql: string) => new Map(statement(db, sql).raw().all() as [string, string][]);
  const titles = names('SELECT id, title FROM documents');
  const analysts = names('SELECT id, display_name FROM analysts');
  const actors = names('SELECT id, name FROM actors');
  const rows = statement(
    db,
    `SELECT a.id, a.document_id AS documentId, a.kind, a.analyst_id AS analystId, ${ACTOR} AS actorId, ${STATUS} AS status,
       ${CATEGORY} AS category, ${VALUE} AS value, ${UNIT} AS unit, ${REVIEW} AS review, a.updated_at AS updatedAt, a.exact, a.note
     FROM annotations a
     WHERE a.deleted_at IS NULL AND a.document_id NOT IN (SELECT id FROM documents WHERE deleted_at IS NOT NULL) ${only}`,
  ).all(...(ids === undefined ? [] : [JSON.stringify(ids)])) as Omit<TagFact, 'documentTitle' | 'analystName' | 'actorName'>[];
  return rows.map((row) => ({
    ...row,
    documentTitle: titles.get(row.documentId) ?? '',
    analystName: analysts.get(row.analystId) ?? '',
    actorName: row.actorId === null ? null : (actors.get(row.actorId) ?? null),
  }));
}

/**
 * What tagFacts reads may have changed when either part moves: `seq`, the latest recorded change (every tag and
 * actor write records one); `rest`, a document's details or tombstone, an analyst's name, a commit by another connection.
 */
export function tagFactsStamp(db: Db): { seq: number; rest: string } {
  const version = db.pragma('data_version', { simple: true }) as number;
  const row = statement(
    db,
    `SELECT (SELECT ifnull(max(seq), 0) FROM changes) AS seq, (SELECT ifnull(max(seq), 0) FROM document_changes) || ':' ||
       (SELECT count(*) || '.' || ifnull(max(rowid), 0) FROM documents) || ':' || (SELECT count(*) FROM documents WHERE deleted_at IS NOT NULL) || ':' ||
       (SELECT ifnull(group_concat(id || '=' || display_name, ','), '') FROM analysts) AS rest`,
  ).get() as { seq: number; rest: string };
  return { seq: row.seq, rest: `${version}:${row.rest}` };
}

/** The tags changed after `seq` (at most `limit`), or null when an actor changed too (its name is in many rows). */
export function annotationsChangedSince(db: Db, seq: number, limit: number): string[] | null {
  const rows = statement(db, 'SELECT DISTINCT entity_type AS type, entity_id AS id FROM changes WHERE seq > ? LIMIT ?').all(seq, limit + 1) as { type: string; id: string }[];
  if (rows.length > limit || rows.some((r) => r.type !== 'annotation')) return null;
  return rows.map((r) => r.id);
}

/** The ids of every live tag matching `filters` (what the table's CSV export holds). */
export function tagTableIds(db: Db, filters: TagTableFilters): string[] {
  const where = whereClause(filters);
  return statement(db, `SELECT a.id FROM annotations a WHERE ${where.sql}`).pluck().all(...where.params) as string[];
}

export type TagGrouping = 'actor' | 'status' | 'unit';

export interface TagGroupRow {
  value: string | null;
  label: string;
  count: number;
  minValue: number | null;
  maxValue: number | null;
  totalValue: number | null;
}

/** What each grouping groups by, and which tags it holds: tags with an actor, claims, figures. */
const GROUPINGS: Readonly<Record<TagGrouping, { value: string; label: string; holds: string }>> = {
  actor: { value: ACTOR, label: 'r.name', holds: `${ACTOR} IS NOT NULL` },
  status: { value: STATUS, label: STATUS, holds: "a.kind = 'claim'" },
  unit: { value: UNIT, label: UNIT, holds: "a.kind = 'figure'" },
};

/** The live tags matching `filters` in groups (biggest first), with the smallest, largest and total figure value of each. */
export function tagGroups(db: Db, filters: TagTableFilters, by: TagGrouping): TagGroupRow[] {
  const where = whereClause(filters);
  const grouping = GROUPINGS[by];
  return statement(
    db,
    `SELECT ${grouping.value} AS value, coalesce(${grouping.label}, ${grouping.value}, '') AS label, count(*) AS count,
       min(${VALUE}) AS minValue, max(${VALUE}) AS maxValue, sum(${VALUE}) AS totalValue
     ${FROM} WHERE ${where.sql} AND ${grouping.holds}
     GROUP BY 1 ORDER BY count DESC, label`,
  ).all(...where.params) as TagGroupRow[];
}

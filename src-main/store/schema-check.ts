// The one schema check for project files: every object in a file's sqlite_schema must be one Marginalia makes.
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index';

type Db = Database.Database;

interface SchemaObject {
  type: string;
  name: string;
  tbl: string;
  sql: string;
}

const WITH_ARTICLE: Readonly<Record<string, string>> = { table: 'a table', index: 'an index', trigger: 'a trigger', view: 'a view' };

/** Whitespace differs with how a statement was written or altered; it never changes what the statement does. */
function normalisedSql(sql: string | null): string {
  return (sql ?? '').replace(/\s+/g, ' ').trim();
}

/** Every object in `db`'s schema, SQLite's own (sqlite_sequence, sqlite_autoindex_…) included, in a fixed order. */
function schemaObjects(db: Db): SchemaObject[] {
  const rows = db.prepare('SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema').all() as { type: unknown; name: unknown; tbl: unknown; sql: unknown }[];
  return rows
    .map((row) => ({ type: String(row.type), name: String(row.name), tbl: String(row.tbl), sql: normalisedSql(typeof row.sql === 'string' ? row.sql : null) }))
    .sort((a, b) => (a.type + '\0' + a.name < b.type + '\0' + b.name ? -1 : a.type + '\0' + a.name > b.type + '\0' + b.name ? 1 : 0));
}

const expectedByVersion = new Map<number, SchemaObject[]>();

/** The schema Marginalia makes for file format `version`: the migrations up to it, replayed on :memory:. */
function expectedSchema(version: number): SchemaObject[] | null {
  const cached = expectedByVersion.get(version);
  if (cached) return cached;
  if (!MIGRATIONS.some((m) => m.version === version)) return null;
  const db = new Database(':memory:');
  try {
    for (const migration of MIGRATIONS.filter((m) => m.version <= version)) db.exec(migration.up);
    const objects = schemaObjects(db);
    expectedByVersion.set(version, objects);
    return objects;
  } finally {
    db.close();
  }
}

/** A name as a person can read it in one line: control and direction-changing characters shown as code points. */
function visibleName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`);
  return visible.length > 80 ? `${visible.slice(0, 80)}…` : visible;
}

/** "a trigger “wipe”", or with `definite` "the trigger “wipe”". */
function objectPhrase(object: SchemaObject, definite = false): string {
  const kind = WITH_ARTICLE[object.type] ?? `a schema entry of type “${visibleName(object.type)}”`;
  return `${definite ? kind.replace(/^an? /, 'the ') : kind} “${visibleName(object.name)}”`;
}

/**
 * How the schema of `db` (opened read-only, trusted_schema off) differs from the one Marginalia makes for the file
 * format it records, as a phrase completing "the file …"; null when it is exactly ours. Names are compared exactly.
 * Only sqlite_schema is read: no trigger, view or other statement of the file runs.
 */
export function schemaProblem(db: Db): string | null {
  const version = db.pragma('user_version', { simple: true }) as number;
  const expected = expectedSchema(version);
  if (!expected) return `records file format ${version}, which no version of Marginalia makes`;
  const actual = schemaObjects(db);
  const key = (o: SchemaObject) => `${o.type}\0${o.name}`;
  const wanted = new Map(expected.map((o) => [key(o), o]));
  const seen = new Set<string>();
  for (const object of actual) {
    const ours = wanted.get(key(object));
    if (!ours || seen.has(key(object))) return `contains ${objectPhrase(object)} that Marginalia does not make`;
    seen.add(key(object));
    if (ours.tbl !== object.tbl || ours.sql !== object.sql) return `has ${objectPhrase(object)} that differs from the one Marginalia makes`;
  }
  const missing = expected.find((o) => !seen.has(key(o)));
  return missing ? `lacks ${objectPhrase(missing, true)} that every Marginalia project has` : null;
}

// A per-connection cache of prepared statements, so hot paths (tagging, bulk inserts) do not re-parse SQL.
import type { Statement } from 'better-sqlite3';
import type { Db } from './open-project';

const caches = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, prepared once per connection. */
export function statement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

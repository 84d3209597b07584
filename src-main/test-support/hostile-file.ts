// Test helper: editing a project file behind Marginalia's back, as a hostile teammate could, keeping its schema.
import Database from 'better-sqlite3';

/** Runs `sql` on the file with its triggers lifted for the moment, then puts them back exactly as they were. */
export function tamper(path: string, sql: string): void {
  const db = new Database(path);
  const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  db.exec(sql);
  for (const trigger of triggers) db.exec(trigger.sql);
  db.close();
}

// The floor `marginalia list` is measured against: Node opening a project file with better-sqlite3 and listing it.
import process from 'node:process';
import Database from 'better-sqlite3';

const db = new Database(process.argv[2], { fileMustExist: true });
const rows = db
  .prepare(
    `SELECT d.id, d.published_at, d.title,
       SUM(a.kind = 'claim') AS claims, SUM(a.kind = 'actor') AS actors,
       SUM(a.kind = 'figure') AS figures, SUM(a.kind = 'reliability_warning') AS warnings
     FROM documents d LEFT JOIN annotations a ON a.document_id = d.id
     GROUP BY d.id ORDER BY d.published_at DESC, d.title`,
  )
  .all();
for (const r of rows) {
  process.stdout.write(`${r.id}  ${r.published_at ?? '—'}  ${r.claims ?? 0} ${r.actors ?? 0} ${r.figures ?? 0} ${r.warnings ?? 0}  ${r.title}\n`);
}
db.close();

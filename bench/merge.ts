// Merge benchmark: two projects of 1,000 documents and 100,000 tags each, merged in a child process (for its peak
// memory), next to a plain SQLite INSERT…SELECT of the same rows.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Method, RequestOf, ResponseOf } from '../src-shared/api/contract';
import { createProjectApi } from '../src-main/core/handlers';
import { createProject, openProject } from '../src-main/core/session';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';

const DOCUMENTS = 1000;
const TAGS_PER_DOCUMENT = 100;
const KINDS = ['claim', 'actor', 'figure', 'reliability_warning'] as const;

function articleText(index: number): string {
  const sentence = (n: number) => `Envoy ${n} said the talks on security guarantees for article ${index} moved forward with ${n * 7} troops and $${n} billion.`;
  return `Generated article ${index}\n\n${Array.from({ length: 30 }, (_, i) => sentence(i)).join('\n\n')}\n`;
}

/** A project of `documents` generated articles with TAGS_PER_DOCUMENT tags each (the same articles for every seed). */
export async function buildProject(path: string, analyst: string, seed: number, documents = DOCUMENTS): Promise<void> {
  const session = createProject(path, analyst, { analystName: analyst });
  const api = createProjectApi(session);
  const call = async <M extends Method>(method: M, request: RequestOf<M>) => {
    const result = await api.call(method, request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ResponseOf<M>;
  };
  for (let d = 0; d < documents; d++) {
    const text = articleText(d);
    const { document } = await call('document.import', { source: { type: 'text', text, title: `Article ${d}` } });
    const annotations = Array.from({ length: TAGS_PER_DOCUMENT }, (_, i) => {
      const start = 30 + ((i * 37 + seed * 11) % (text.length - 80));
      return { documentId: document.id, kind: KINDS[(i + seed) % 4] ?? 'claim', target: { start, end: start + 12 } };
    }).filter((a) => text.slice(a.target.start, a.target.end).trim() !== '');
    await call('annotation.createMany', { annotations });
  }
  session.close();
}

/** Runs `marginalia merge` on copies in a child process; returns its wall time and peak RSS. */
function timedMerge(into: string, from: string): { seconds: number; maxRssMb: number; output: string } {
  const script = `
    import { openProject } from './src-main/core/session.ts';
    import { mergeProjectFiles } from './src-main/core/merge/index.ts';
    const session = openProject(${JSON.stringify(into)}, { analystName: 'Bench' });
    const start = performance.now();
    const [result] = mergeProjectFiles(session, [${JSON.stringify(from)}]);
    const seconds = (performance.now() - start) / 1000;
    session.close();
    console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, output: result.plan.summary }));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  const parsed = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; maxRssMb: number; output: unknown };
  return { seconds: parsed.seconds, maxRssMb: parsed.maxRssMb, output: JSON.stringify(parsed.output) };
}

/** Exports a project's tags as W3C JSON-LD through the contract, as `marginalia export --format w3c` does. */
async function timedW3cExport(path: string): Promise<number> {
  const session = openProject(path, { readOnly: true });
  try {
    const start = performance.now();
    const result = await createProjectApi(session).call('export.project', { format: 'w3c' });
    if (!result.ok) throw new Error(result.error.message);
    return (performance.now() - start) / 1000;
  } finally {
    session.close();
  }
}

/** The floor: copying the same rows with SQL alone, no checks and no reconciliation. */
function insertSelect(into: string, from: string): number {
  const db = new Database(into);
  db.pragma('synchronous = FULL');
  const start = performance.now();
  db.exec(`ATTACH DATABASE '${from.replace(/'/g, "''")}' AS incoming`);
  db.transaction(() => {
    db.exec('INSERT OR IGNORE INTO analysts SELECT * FROM incoming.analysts');
    db.exec('INSERT OR IGNORE INTO documents SELECT * FROM incoming.documents');
    db.exec(`INSERT INTO changes (id, entity_type, entity_id, op, parent_id, before, after, analyst_key, at, cause)
      SELECT c.id, c.entity_type, c.entity_id, c.op, c.parent_id, c.before, c.after, (SELECT key FROM main.analyst_keys WHERE id = n.id), c.at, c.cause
      FROM incoming.changes c JOIN incoming.analyst_keys n ON n.key = c.analyst_key`);
    // Tags follow their document by hash, as in a merge; keys are this file's.
    db.exec(`INSERT INTO annotation_rows (id, document_key, kind, start_offset, end_offset, exact, prefix, suffix, attributes, note, analyst_key,
      created_at, updated_at, deleted_at, head_seq, review)
      SELECT a.id, (SELECT key FROM main.document_keys WHERE id = local.id), a.kind, a.start_offset, a.end_offset, a.exact, a.prefix, a.suffix,
      a.attributes, a.note, (SELECT key FROM main.analyst_keys WHERE id = a.analyst_id), a.created_at, a.updated_at, a.deleted_at,
      (SELECT seq FROM main.changes WHERE id = a.head_change_id), a.review
      FROM incoming.annotations a JOIN incoming.documents theirs ON theirs.id = a.document_id JOIN main.documents local ON local.sha256 = theirs.sha256`);
  })();
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return seconds;
}

export async function runMergeBenchmark(): Promise<void> {
  const dir = temporaryDirectory();
  try {
    const a = join(dir.path, 'a.marginalia');
    const b = join(dir.path, 'b.marginalia');
    await buildProject(a, 'Anna', 1);
    await buildProject(b, 'Ben', 2);
    const floorTarget = join(dir.path, 'floor.marginalia');
    const copy = (from: string, to: string) => {
      const db = new Database(from);
      db.prepare('VACUUM INTO ?').run(to);
      db.close();
    };
    copy(a, floorTarget);
    const floor = insertSelect(floorTarget, b);
    const mergeTarget = join(dir.path, 'merged.marginalia');
    copy(a, mergeTarget);
    const merged = timedMerge(mergeTarget, b);
    const exportSeconds = await timedW3cExport(a);
    const rows = {
      'W3C export of 100,000 tags (one AnnotationCollection, through the contract)': `${exportSeconds.toFixed(2)} s (target < 5 s ${exportSeconds < 5 ? '✔' : 'missed'})`,
      'Merge two projects of 1,000 documents and 100,000 tags each (all tags new; documents shared by hash)': `${merged.seconds.toFixed(2)} s (target < 10 s ${merged.seconds < 10 ? '✔' : 'missed'})`,
      'Plain SQLite INSERT…SELECT of the same rows (no checks, no reconciliation)': `${floor.toFixed(2)} s — merge takes ${(merged.seconds / floor).toFixed(1)}× as long`,
      'Peak memory of the merging process (max RSS)': `${Math.round(merged.maxRssMb)} MB (target < 500 MB ${merged.maxRssMb < 500 ? '✔' : 'missed'})`,
    };
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('merge', 'Sharing: merging teammates’ projects', rows);
  } finally {
    dir.remove();
  }
}

if (process.argv[1]?.endsWith('merge.ts')) await runMergeBenchmark();

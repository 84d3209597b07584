// Scale benchmark (`npm run bench -- scale`): generated 1,000- and 10,000-article projects (two analysts, 50 tags per
// article); the served UI in Chromium on each; every export format and the agreement figures in child processes for
// their peak memory; the file's size. `scale 1k` measures the small project only, `scale ui` the UI rows only.
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ExportFormat, Method, RequestOf, ResponseOf } from '../src-shared/api/contract';
import { createProjectApi } from '../src-main/core/handlers';
import { createProject, type ProjectSession } from '../src-main/core/session';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { generateArticle } from './articles';
import { writeSection } from './report';
import { measureServedUi, type ScaleUiResult } from './scale-ui';

const KINDS = ['claim', 'actor', 'figure', 'reliability_warning'] as const;
const TAGS_PER_ANALYST = 25;
const FORMATS: readonly ExportFormat[] = ['json', 'w3c', 'csv', 'qdpx', 'brat', 'html'];
const ROOT = join(import.meta.dirname, '..');

function caller(session: ProjectSession) {
  const api = createProjectApi(session);
  return async <M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> => {
    const result = await api.call(method, request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ResponseOf<M>;
  };
}

/** The word spans of a text, as the tags are placed on them. */
function words(text: string): { start: number; end: number }[] {
  return Array.from(text.matchAll(/[\p{L}\p{N}][\p{L}\p{N},.]*/gu), (m) => ({ start: m.index, end: m.index + m[0].length }));
}

interface Built {
  path: string;
  textBytes: number;
  tags: number;
  analysts: [string, string];
  buildSeconds: number;
}

/** `articles` generated articles of about 6.6 kB; Anna tags 25 passages of 1–3 words in each, Ben mostly the same. */
async function buildProject(dir: string, articles: number): Promise<Built> {
  const start = performance.now();
  const path = join(dir, `scale-${articles}.marginalia`);
  const session = createProject(path, `Scale ${articles}`, { analystName: 'Anna' });
  let call = caller(session);
  const documents: { id: string; spans: { start: number; end: number }[] }[] = [];
  let textBytes = 0;
  for (let d = 0; d < articles; d++) {
    const text = generateArticle(d, 12);
    textBytes += Buffer.byteLength(text);
    const { document } = await call('document.import', { source: { type: 'text', text, title: `Article ${d}` } });
    documents.push({ id: document.id, spans: words(text) });
  }
  let tags = 0;
  for (const [analyst, name] of ['Anna', 'Ben'].entries()) {
    session.setAnalystName(name);
    call = caller(session);
    const batch: RequestOf<'annotation.createMany'>['annotations'] = [];
    const flush = async () => {
      if (batch.length > 0) tags += (await call('annotation.createMany', { annotations: batch.splice(0) })).created;
    };
    for (const [d, document] of documents.entries()) {
      const step = Math.floor(document.spans.length / TAGS_PER_ANALYST);
      for (let i = 0; i < TAGS_PER_ANALYST; i++) {
        const shifted = analyst === 1 && (i + d) % 5 === 0 ? 1 : 0;
        const first = document.spans[i * step + shifted]!;
        const last = document.spans[Math.min(i * step + shifted + (i % 3), document.spans.length - 1)]!;
        const kind = KINDS[(i + (analyst === 1 && (i + d) % 7 === 0 ? 1 : 0)) % 4]!;
        batch.push({ documentId: document.id as never, kind, target: { start: first.start, end: last.end } });
        if (batch.length === 10_000) await flush();
      }
    }
    await flush();
  }
  const info = await call('project.info', {});
  const id = (name: string) => info.analysts.find((a) => a.name === name)!.id;
  session.close();
  return { path, textBytes, tags, analysts: [id('Anna'), id('Ben')], buildSeconds: (performance.now() - start) / 1000 };
}

/** Runs `script` (ES module text, run from the repository root) in a child Node; it prints one JSON line last. */
function inChild(script: string): { seconds: number; maxRssMb: number; bytes?: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(child.stderr || child.stdout);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; maxRssMb: number; bytes?: number };
}

/** `marginalia export --format <format> --out <file or folder>`, in its own process. */
function timedExport(path: string, format: ExportFormat, out: string) {
  return inChild(`
    import { runCli } from './src-main/cli/main.ts';
    import { execFileSync } from 'node:child_process';
    const io = { stdout: () => {}, stderr: (t) => process.stderr.write(t), env: process.env };
    const start = performance.now();
    const code = await runCli(['export', ${JSON.stringify(path)}, '--format', ${JSON.stringify(format)}, '--out', ${JSON.stringify(out)}], io);
    const seconds = (performance.now() - start) / 1000;
    if (code !== 0) throw new Error('export failed with ' + code);
    const bytes = Number(execFileSync('du', ['-sb', ${JSON.stringify(out)}], { encoding: 'utf8' }).split('\\t')[0]);
    console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes }));`);
}

/** What a child process with the CLI loaded holds before any work: the floor under every peak RSS below. */
function baselineRss() {
  return inChild(`
    import { runCli } from './src-main/cli/main.ts';
    const start = performance.now();
    await runCli(['--version'], { stdout: () => {}, stderr: () => {}, env: process.env });
    console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`);
}

/** The agreement figures of the two analysts over the whole project, in its own process. */
function timedAgreement(built: Built) {
  return inChild(`
    import { openProject } from './src-main/core/session.ts';
    import { createProjectApi } from './src-main/core/handlers.ts';
    const session = openProject(${JSON.stringify(built.path)}, { readOnly: true });
    const start = performance.now();
    const result = await createProjectApi(session).call('agreement.compute', { analystA: ${JSON.stringify(built.analysts[0])}, analystB: ${JSON.stringify(built.analysts[1])} });
    const seconds = (performance.now() - start) / 1000;
    if (!result.ok) throw new Error(result.error.message);
    session.close();
    console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`);
}

/** Bytes per table and index of the file (SQLite's dbstat), largest first. */
function sizeByTable(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 6').all() as { name: string; bytes: number }[];
    return rows.map((r) => `${r.name} ${mb(r.bytes)}`).join(', ');
  } catch {
    return 'dbstat unavailable';
  } finally {
    db.close();
  }
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const run = (r: { seconds: number; maxRssMb: number }): string => `${r.seconds.toFixed(2)} s, ${r.maxRssMb.toFixed(0)} MiB`;

interface Measured {
  built: Built;
  fileBytes: number;
  ui: ScaleUiResult;
  exports: Map<ExportFormat, { seconds: number; maxRssMb: number; bytes?: number }>;
  agreement: { seconds: number; maxRssMb: number };
  tables: string;
}

async function measure(dir: string, articles: number, uiOnly: boolean): Promise<Measured> {
  const built = await buildProject(dir, articles);
  console.log(`scale ${articles}: built in ${built.buildSeconds.toFixed(0)} s (${built.tags} tags)`);
  const fileBytes = statSync(built.path).size;
  const tables = sizeByTable(built.path);
  const ui = await measureServedUi(built.path, articles, built.textBytes / articles, dir);
  console.log(`scale ${articles}: UI load ${summary(ui.loadMs)}, filter ${summary(ui.filterMs)}, open ${summary(ui.openMs)}, heap ${ui.heapMb.toFixed(1)} MB`);
  const exports = new Map<ExportFormat, { seconds: number; maxRssMb: number; bytes?: number }>();
  if (uiOnly) return { built, fileBytes, ui, exports, agreement: { seconds: Number.NaN, maxRssMb: Number.NaN }, tables };
  for (const format of FORMATS) {
    const out = join(dir, format === 'brat' ? `out-${articles}-brat/` : `out-${articles}.${format}`);
    exports.set(format, timedExport(built.path, format, out));
    rmSync(out, { recursive: true, force: true });
    console.log(`scale ${articles}: export ${format} ${run(exports.get(format)!)}`);
  }
  const agreement = timedAgreement(built);
  console.log(`scale ${articles}: agreement ${run(agreement)}`);
  return { built, fileBytes, ui, exports, agreement, tables };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] ?? Number.NaN) + (s[Math.ceil((s.length - 1) / 2)] ?? Number.NaN)) / 2;
};
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US')} ms`;
const summary = (xs: readonly number[]) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))}, ${xs.length} runs)`;

/** The UI rows: each size's median and range, and the growth of the medians against its target. */
function uiRows(results: readonly Measured[]): string[][] {
  const growth = (value: (m: Measured) => number, target: number | null): string[] => {
    if (results.length < 2) return [];
    const ratio = value(results[1]!) / value(results[0]!);
    return [`${ratio.toFixed(2)}×${target === null ? '' : ` (target ≤ ${target}× ${ratio <= target ? '✔' : 'missed'})`}`];
  };
  const timed = (label: string, of: (u: ScaleUiResult) => number[], target: number | null) => [
    label,
    ...results.map((m) => summary(of(m.ui))),
    ...growth((m) => median(of(m.ui)), target),
  ];
  const bytes = results[0]?.ui.articleBytes ?? 0;
  return [
    timed('served UI: load → document list painted (Chromium; from the navigation’s start to the first painted frame with document rows in it: page, scripts, project.info, the first page of document.list over HTTP, React render)', (u) => u.loadMs, 1.5),
    timed('served UI: filter to one article (its title set in the filter box as one input event → document.list filtered by the core → the painted list of that one row)', (u) => u.filterMs, 1.5),
    timed('served UI: clear the filter (the box emptied → the painted list of every article, its first rows drawn)', (u) => u.clearMs, null),
    timed(`served UI: open a ${(bytes / 1000).toFixed(1)} kB article with 50 tags (a click on its row → document.get + annotation.spans over HTTP → the painted view with its title and highlights)`, (u) => u.openMs, 1.3),
    [
      'served UI: renderer JS heap after a forced GC (CDP Runtime.getHeapUsage) / DOM elements, with the list and an article open',
      ...results.map((m) => `${m.ui.heapMb.toFixed(1)} MB / ${m.ui.elements.toLocaleString('en-US')} elements`),
      ...growth((m) => m.ui.heapMb, 1.5).map((g) => `heap ${g}; elements ${(results[1]!.ui.elements / results[0]!.ui.elements).toFixed(2)}×`),
    ],
  ];
}

/** Builds and measures the 1k project, then (unless `scale 1k` was asked) the 10k one; prints and records the table. */
export async function runScaleBenchmark(): Promise<void> {
  const sizes = process.argv.includes('1k') ? [1000] : [1000, 10_000];
  const uiOnly = process.argv.includes('ui');
  const load = `load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at the start`;
  const dir = temporaryDirectory();
  try {
    const results: Measured[] = [];
    for (const size of sizes) results.push(await measure(dir.path, size, uiOnly));
    const header = ['measure', ...results.map((r) => `${r.built.tags / 1000}k tags, ${r.built.path.match(/scale-(\d+)/)![1]} articles`), ...(results.length > 1 ? ['growth'] : [])];
    const rows: string[][] = uiRows(results);
    const growth = (value: (m: Measured) => number) => (results.length > 1 ? [`${(value(results[1]!) / value(results[0]!)).toFixed(1)}×`] : []);
    for (const format of uiOnly ? [] : FORMATS) {
      const of = (m: Measured) => m.exports.get(format)!;
      rows.push([`export --format ${format} (time, peak RSS; target < 500 MB)`, ...results.map((m) => `${run(of(m))} → ${mb(of(m).bytes ?? 0)}`), ...growth((m) => of(m).seconds)]);
    }
    if (!uiOnly) rows.push(['agreement (time, peak RSS; target < 5 s, < 600 MB)', ...results.map((m) => run(m.agreement)), ...growth((m) => m.agreement.seconds)]);
    rows.push([
      'project file vs 4 × text + 250 B per tag',
      ...results.map((m) => `${mb(m.fileBytes)} vs ${mb(4 * m.built.textBytes + 250 * m.built.tags)} (text ${mb(m.built.textBytes)})`),
      ...growth((m) => m.fileBytes),
    ]);
    rows.push(['largest tables and indexes', ...results.map((m) => m.tables), ...(results.length > 1 ? [''] : [])]);
    rows.unshift(['CLI process at rest (the floor under each peak RSS)', ...results.map(() => `${baselineRss().maxRssMb.toFixed(0)} MiB`), ...(results.length > 1 ? [''] : [])]);
    const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
    console.log(table);
    const end = `${loadavg().map((l) => l.toFixed(2)).join(' / ')} at the end`;
    console.log(`${load}, ${end}`);
    const record: Record<string, string> = { 'Machine load': `${load}, ${end} (1, 5 and 15 minutes); a shared machine, busy with other work` };
    for (const row of rows) record[row[0]!] = row.slice(1).map((cell, i) => `${header[i + 1]}: ${cell === '' ? '—' : cell}`).join('; ');
    // The UI rows alone (`scale ui`) are a check while working, not a record.
    if (!uiOnly) writeSection('scale', 'Scale: 1,000 and 10,000 articles', record);
  } finally {
    dir.remove();
  }
}

// Benchmark of PDF and DOCX imports: a generated 100-page text PDF and a 50-page DOCX imported by the prebuilt CLI, time, processor time and memory (`npx tsx bench/import-formats.ts` runs this part alone).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeDocx, type DocxPart } from '../src-main/test-support/office-files';
import { makeTextPdf, type PdfTextLine } from '../src-main/test-support/pdf-files';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'marginalia.mjs');

const WORDS = 'the talks envoy security guarantees Kyiv Moscow Washington ceasefire troops billion percent analysts said sources report according minister officials negotiations drones energy winter agreement proposal territory'.split(' ');

function line(seed: number, words: number): string {
  return Array.from({ length: words }, (_, i) => WORDS[(seed * 31 + i * 7) % WORDS.length]).join(' ');
}

/** A text PDF of `pages` A4 pages (Helvetica, 11 pt, a running header and page numbers). */
function textPdf(pages: number): Uint8Array {
  return makeTextPdf(
    Array.from({ length: pages }, (_, p) => {
      const lines: PdfTextLine[] = [
        { text: 'Generated policy brief - bench', x: 72, y: 800, size: 9 },
        { text: String(p + 1), x: 297, y: 30, size: 9 },
      ];
      let y = 760;
      for (let l = 0; y > 60; l++, y -= l % 8 === 7 ? 24 : 14) lines.push({ text: `${line(p * 100 + l, 11)}${l % 8 === 6 ? '.' : ''}`, x: 72, y, size: 11 });
      return lines;
    }),
  );
}

/** About 50 pages of Word text: a title, a heading every few paragraphs, lists and a table now and then. */
function longDocx(pages: number): Uint8Array {
  const body: DocxPart[] = [{ style: 'Title', text: 'Generated briefing' }];
  for (let p = 0; p < pages * 6; p++) {
    if (p % 6 === 0) body.push({ style: 'Heading1', text: `Section ${p / 6 + 1}` });
    body.push({ text: `${line(p, 90)}.` });
    if (p % 12 === 5) body.push({ listItem: line(p + 1, 8) }, { listItem: line(p + 2, 8) });
    if (p % 24 === 11) body.push({ table: [['Country', 'Troops'], ['France', '5,000']] });
  }
  return makeDocx({ title: 'Generated briefing', author: 'Bench', body });
}

/** Imports of each file, each into a new project in a fresh process. */
const RUNS = 5;

interface ChildRun {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
}

/** Runs the prebuilt CLI with `args` in a process of its own: clock time, processor time and peak memory (max RSS). */
function runCli(args: string[], usageFile: string): ChildRun {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(join(import.meta.dirname, 'child-usage.mjs')).href, BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MARGINALIA_CLI: 'bundle', MARGINALIA_ANALYST: 'Bench', MARGINALIA_BENCH_USAGE: usageFile },
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`marginalia ${args.join(' ')} failed: ${result.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuSeconds: number; maxRssMb: number };
  return { seconds, ...usage };
}

/**
 * Each file is imported by `marginalia import` (the prebuilt CLI, as a user runs it) in a fresh process, so the
 * figures include starting the CLI, loading pdfjs-dist or mammoth and jsdom, opening the project and storing the
 * article; memory is that process's peak resident size.
 */
export function runFormatsImportBenchmark(): void {
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  const load = loadavg()[0] ?? 0;
  const dir = temporaryDirectory();
  try {
    const project = join(dir.path, 'formats.marginalia');
    const usageFile = join(dir.path, 'usage.json');
    runCli(['new', project, '--name', 'formats'], usageFile);
    const files: Array<[string, string, Uint8Array, string]> = [
      ['Import a 100-page text PDF', 'brief-100.pdf', textPdf(100), 'target < 5 s, < 300 MB'],
      ['Import a 50-page DOCX', 'brief-50.docx', longDocx(50), 'target < 2 s, < 300 MB'],
    ];
    const rows: Record<string, string> = {};
    for (const [label, fileName, bytes, target] of files) {
      const path = join(dir.path, fileName);
      writeFileSync(path, bytes);
      // The first import after the CLI is built also fills V8's compile cache; the later ones are what a user sees
      // every other time, so the target is read on their median and the first run is given beside it.
      const runs = Array.from({ length: RUNS }, (_, i) => {
        const target = join(dir.path, `${fileName}-${i}.marginalia`);
        runCli(['new', target, '--name', 'formats'], usageFile);
        return runCli(['import', target, path], usageFile);
      });
      const [first, ...later] = runs as [ChildRun, ...ChildRun[]];
      const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
      const peak = Math.max(...runs.map((r) => r.maxRssMb));
      rows[`${label} (\`marginalia import\`, a process of its own; median of ${later.length} runs after the first)`] =
        `${median(later.map((r) => r.seconds)).toFixed(2)} s (${median(later.map((r) => r.cpuSeconds)).toFixed(2)} s processor); ` +
        `first run after building the CLI ${first.seconds.toFixed(2)} s (${first.cpuSeconds.toFixed(2)} s processor); ` +
        `${(bytes.length / 1e6).toFixed(2)} MB file; peak memory ${peak.toFixed(0)} MB (largest of the runs); ${target}`;
    }
    const idle = runCli(['list', project], usageFile);
    rows['`marginalia list` on the same project, for comparison (start-up and opening alone)'] =
      `${idle.seconds.toFixed(2)} s (${idle.cpuSeconds.toFixed(2)} s processor); peak memory ${idle.maxRssMb.toFixed(0)} MB`;
    rows['Load average (1 min) when the benchmark started'] = `${load.toFixed(2)} on ${cpus().length} cores (the machine was shared with other work while this ran)`;
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('import-formats', 'Core: PDF and DOCX imports', rows);
  } finally {
    dir.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runFormatsImportBenchmark();

// `npm run bench`: measures the core on generated data and records the results in docs/benchmarks.md.
import { join } from 'node:path';
import type { Method, RequestOf, ResponseOf } from '../src-shared/api/contract';
import { createProjectApi } from '../src-main/core/handlers';
import { createProject } from '../src-main/core/session';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { runFormatsImportBenchmark } from './import-formats';
import { runHtmlImportBenchmark } from './import-html';
import { runCliStartupBenchmark } from './cli-startup';
import { runMergeBenchmark } from './merge';
import { runServeReadsBenchmark } from './serve-reads';
import { runReviewBenchmark } from './review';
import { runSuggestBenchmark } from './suggest';
import { runSearchBenchmark } from './search';
import { runTagTableBenchmark } from './tag-table';
import { generateArticle } from './articles';
import { writeSection } from './report';
import { runScaleBenchmark } from './scale';
import { runReviewUiBenchmark } from './review-ui';
import { runUiBenchmark } from './ui';

type Call = <M extends Method>(method: M, request: RequestOf<M>) => Promise<ResponseOf<M>>;

function openBenchProject(dir: string, name: string): { call: Call; close: () => void } {
  const session = createProject(join(dir, `${name}.marginalia`), name, { analystName: 'Bench' });
  const api = createProjectApi(session);
  const call: Call = async (method, request) => {
    const result = await api.call(method, request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as never;
  };
  return { call, close: () => session.close() };
}

async function benchImport(dir: string): Promise<Record<string, string>> {
  const project = openBenchProject(dir, 'import');
  const articles = Array.from({ length: 1000 }, (_, i) => Buffer.from(generateArticle(i, 12)));
  const bytes = articles.reduce((n, a) => n + a.length, 0);
  const start = performance.now();
  for (const [i, article] of articles.entries()) {
    await project.call('document.import', { source: { type: 'file', fileName: `article-${i}.txt`, content: article } });
  }
  const seconds = (performance.now() - start) / 1000;
  project.close();
  return {
    'Import 1,000 generated .txt articles': `${seconds.toFixed(2)} s (${(bytes / 1e6).toFixed(1)} MB, ${((seconds * 1000) / articles.length).toFixed(2)} ms per article; target < 10 s)`,
  };
}

async function benchAnnotations(dir: string): Promise<Record<string, string>> {
  const project = openBenchProject(dir, 'annotations');
  const text = generateArticle(1, 400);
  const { document } = await project.call('document.import', { source: { type: 'text', text, title: 'Long article' } });
  const total = 100_000;
  const batch = 10_000; // the largest annotation.createMany accepts: the bulk path (scripts, imports)
  const ranges = Array.from({ length: total }, (_, i) => {
    const start = (i * 37) % (text.length - 60);
    return { start, end: start + 5 + (i % 50) };
  }).filter((r) => text.slice(r.start, r.end).trim() !== '');
  const bulkStart = performance.now();
  for (let i = 0; i < ranges.length; i += batch) {
    await project.call('annotation.createMany', {
      annotations: ranges.slice(i, i + batch).map((target) => ({ documentId: document.id, kind: 'claim' as const, target })),
    });
  }
  const bulkSeconds = (performance.now() - bulkStart) / 1000;

  const singles: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const start = performance.now();
    await project.call('annotation.create', { documentId: document.id, kind: 'figure', target: ranges[i] ?? { start: 0, end: 5 } });
    singles.push(performance.now() - start);
  }
  singles.sort((a, b) => a - b);
  project.close();
  const pct = (p: number) => (singles[Math.floor((singles.length - 1) * p)] ?? 0).toFixed(2);
  return {
    [`Insert ${ranges.length.toLocaleString('en-US')} tags (batches of ${batch}, one transaction each)`]: `${bulkSeconds.toFixed(2)} s (${Math.round(ranges.length / bulkSeconds).toLocaleString('en-US')} tags/s; target < 5 s)`,
    'Tag one passage (its own transaction, fsync with synchronous=FULL)': `median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms over 1,000 tags`,
  };
}

// `npm run bench -- scale`: only the 1,000- and 10,000-article projects.
if (process.argv.includes('scale')) {
  await runScaleBenchmark();
  process.exit(0);
}

const dir = temporaryDirectory();
try {
  const rows = { ...(await benchImport(dir.path)), ...(await benchAnnotations(dir.path)) };
  for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
  writeSection('core', 'Core: import and tagging', rows);
} finally {
  dir.remove();
}

// Hostile HTML pages, refused or imported within the budget, next to a clean article of the same size.
await runHtmlImportBenchmark();

// `marginalia list` against Node listing the same file with better-sqlite3.
runCliStartupBenchmark();

// A 100-page PDF and a 50-page DOCX: time and peak memory.
await runFormatsImportBenchmark();

// Merging teammates' projects, in a child process for its peak memory.
await runMergeBenchmark();

// serve's reads while a large merge preview runs.
await runServeReadsBenchmark();

// Suggestions: every source over 1,000 articles and 500 actors; quality against the gold list of the samples.
runSuggestBenchmark();

// Search over 10,000 articles, the index's share of import, and checks over 100,000 tags.
await runSearchBenchmark();

// The tag table over 100,000 tags (open, filters, sorts, groups) and checks over the same project.
await runTagTableBenchmark();

// Agreement figures for a large two-analyst project.
await runReviewBenchmark();

// The workbench in Chromium: builds the renderer if needed, then measures it against static HTML.
await runUiBenchmark();

// Drawing the suggestions of the 1 MB article in Chromium, against opening it with none.
await (await import('./suggest-ui')).runSuggestUiBenchmark();

// The review's side-by-side view in Chromium, against the single view in the same run.
await runReviewUiBenchmark();

// A tag written by the command line, shown in the open page.
await (await import('./live-update')).runLiveUpdateBenchmark();

// Opening the 1 MB article in the browser UI through serve with one core, and with reads on the reader core.
await (await import('./ui-open-transport')).runUiOpenTransportBenchmark();

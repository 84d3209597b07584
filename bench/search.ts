// Search and checks benchmark: a two-word query over generated articles, the index's share of import, the CLI's search
// against its list, checks over 100,000 tags (MARGINALIA_BENCH_SKIP_CHECKS=1 leaves the checks out).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createProject, type ProjectSession } from '../src-main/core/session';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';
import { benchArticle, contractCaller, importTaggedArticles, largeVocabulary, median, WORDS } from './tagged-articles';

/** The import the product does: `count` articles through the contract, 100 per call (one transaction each). */
async function importArticles(call: ReturnType<typeof contractCaller>, texts: readonly string[]): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const usage = process.cpuUsage();
  for (let i = 0; i < texts.length; i += 100) {
    await call('document.importMany', { sources: texts.slice(i, i + 100).map((text, j) => ({ type: 'text' as const, text, title: `Article ${i + j}` })) });
  }
  const used = process.cpuUsage(usage);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

/** Median wall and processor time of some runs, in ms. */
interface Timing {
  wall: number;
  cpu: number;
}

/**
 * What the index adds to importing: the same import into a new project with the index and into one whose index is
 * replaced by a view that ignores writes (every other step of the import unchanged), alternated, three runs each.
 * Returns the last indexed project's session (open) for the queries, and the two medians.
 */
async function benchIndexing(dir: string, texts: readonly string[]): Promise<{ session: ProjectSession; withIndex: Timing; withoutIndex: Timing }> {
  const withIndex: { wall: number; cpu: number }[] = [];
  const withoutIndex: { wall: number; cpu: number }[] = [];
  let indexed: ProjectSession | undefined;
  for (let round = 0; round < 3; round++) {
    for (const index of [true, false]) {
      const session = createProject(join(dir, `search-${round}-${index ? 'indexed' : 'unindexed'}.marginalia`), 'Search bench', { analystName: 'Bench' });
      if (!index) {
        session.db.exec(`DROP TABLE search_index;
          CREATE VIEW search_index (rowid, text) AS SELECT 0, '' WHERE 0;
          CREATE TRIGGER search_index_ignored INSTEAD OF INSERT ON search_index BEGIN SELECT 1; END;`);
      }
      (index ? withIndex : withoutIndex).push(await importArticles(contractCaller(session), texts));
      if (index && round === 2) indexed = session;
      else session.close();
    }
  }
  if (!indexed) throw new Error('no indexed project');
  const medians = (runs: { wall: number; cpu: number }[]): Timing => ({ wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) });
  return { session: indexed, withIndex: medians(withIndex), withoutIndex: medians(withoutIndex) };
}

/** Times importing `count` articles with and without the index, then two-word queries over the indexed project. */
async function benchSearch(dir: string, count: number): Promise<Record<string, string>> {
  const texts = Array.from({ length: count }, (_, i) => benchArticle(i));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const { session, withIndex, withoutIndex } = await benchIndexing(dir, texts);
  const call = contractCaller(session);
  const times: number[] = [];
  // Processor time as well as wall time: on a shared machine the wall time mostly measures the wait for a core.
  const cpu: number[] = [];
  for (let q = 0; q < 40; q++) {
    const query = `${WORDS[(q * 7) % WORDS.length]} ${WORDS[(q * 11 + 3) % WORDS.length]}`;
    const start = performance.now();
    const usage = process.cpuUsage();
    await call('search.query', { query, limit: 50 });
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
    times.push(performance.now() - start);
  }
  const projectPath = session.path;
  session.close();
  const share = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(0)}%`;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const label = `${count.toLocaleString('en-US')} articles (${(bytes / 1e6).toFixed(0)} MB)`;
  return {
    ...benchCli(projectPath, label),
    [`Two-word search over ${label}, 50 hits, inside the process`]: `median ${median(times).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms processor time, over 40 queries (target < 50 ms at 10,000 articles)`,
    [`What the search index adds to importing ${label}, 100 per transaction`]: `${share(withIndex.wall, withoutIndex.wall)} wall, ${share(withIndex.cpu, withoutIndex.cpu)} processor time (median ${seconds(withIndex.wall)} with the index, ${seconds(withoutIndex.wall)} with it replaced by a view that ignores writes; 3 alternated runs each; target < 25%)`,
  };
}

/** `marginalia search` against `marginalia list` on the same project: wall time of whole runs, alternated, medians of 7. */
function benchCli(projectPath: string, label: string): Record<string, string> {
  const bin = join(import.meta.dirname, '..', 'bin', 'marginalia.mjs');
  const run = (args: string[]) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20, env: { ...process.env, MARGINALIA_CLI: 'bundle' } });
    if (result.status !== 0) throw new Error(`marginalia ${args[0]} failed: ${result.stderr}`);
    return performance.now() - start;
  };
  const list: number[] = [];
  const search: number[] = [];
  for (let i = 0; i < 7; i++) {
    list.push(run(['list', projectPath]));
    search.push(run(['search', projectPath, 'talks envoy']));
  }
  const ratio = median(search) / median(list);
  return {
    [`CLI \`search "talks envoy"\` (200 hits) against \`list\` over ${label}`]: `${ratio.toFixed(2)}× (search median ${median(search).toFixed(0)} ms, list median ${median(list).toFixed(0)} ms, 7 runs each, alternated; target ≤ 1.3×)`,
  };
}

/** 1,000 articles with 100 tags each (figures, claims, actor mentions), then one `checks.list`; `vocabulary` as benchArticle's. */
async function benchChecks(dir: string, label: string, vocabulary?: readonly string[]): Promise<Record<string, string>> {
  const session = createProject(join(dir, `checks-${vocabulary ? 'large' : 'small'}.marginalia`), 'Checks bench', { analystName: 'Bench' });
  const call = contractCaller(session);
  const actor = await call('actor.create', { name: 'Rustem Umerov', kind: 'person' });
  const texts = Array.from({ length: 1000 }, (_, i) => `Defense Minister Umerov said: ${benchArticle(i, vocabulary)}`);
  const tagCount = await importTaggedArticles(call, texts, actor.id);
  const load = loadavg()[0] ?? 0;
  const start = performance.now();
  const usage = process.cpuUsage();
  const { findings } = await call('checks.list', {});
  const used = process.cpuUsage(usage);
  const seconds = (performance.now() - start) / 1000;
  session.close();
  return {
    [`checks over 1,000 articles with ${tagCount.toLocaleString('en-US')} tags, ${label}`]: `${seconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s processor time, ${findings.length.toLocaleString('en-US')} findings (load ${load.toFixed(1)}; target < 5 s)`,
  };
}

/** `count`: articles for the search measures (MARGINALIA_BENCH_SEARCH_ARTICLES, default 10,000). */
export async function runSearchBenchmark(count = Number(process.env.MARGINALIA_BENCH_SEARCH_ARTICLES ?? 10_000)): Promise<void> {
  const dir = temporaryDirectory();
  try {
    const rows: Record<string, string> = { 'Load average (1 min) when it started': `${(loadavg()[0] ?? 0).toFixed(1)} on 2 cores (the machine is shared with other work)` };
    const checks = [
      () => benchChecks(dir.path, 'claims drawn from 26 words (the hard case: most claims share their rarest words)'),
      () => benchChecks(dir.path, 'half the words from 20,000 (a realistic vocabulary)', largeVocabulary()),
    ];
    const parts = [() => benchSearch(dir.path, count), ...(process.env.MARGINALIA_BENCH_SKIP_CHECKS === '1' ? [] : checks)];
    for (const part of parts) {
      const measured = await part();
      for (const [k, v] of Object.entries(measured)) console.log(`${k}: ${v}`);
      Object.assign(rows, measured);
    }
    writeSection('search', 'Search and checks', rows);
  } finally {
    dir.remove();
  }
}

if (process.argv[1]?.endsWith('search.ts')) await runSearchBenchmark();

// Tag table benchmark: 1,000 articles with 100,000 tags; the table's first page and total (opening it), filters, sorts
// and groups, each as the app asks them, and one `checks.list` over the same project. Writes the section 'tag-table'.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Method, RequestOf, ResponseOf } from '../src-shared/api/contract';
import { createProjectApi } from '../src-main/core/handlers';
import { createProject } from '../src-main/core/session';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';
import { importTaggedArticles } from './tagged-articles';

const WORDS = 'talks envoy security guarantees Kyiv Moscow Washington ceasefire troops billion analysts sources minister officials negotiations drones energy winter agreement proposal territory reconstruction sanctions pipeline grain corridor'.split(' ');
const ARTICLES = 1000;
/** The app's page of rows (hooks/use-tag-table.ts). */
const PAGE = 200;
const RUNS = 7;

/** A deterministic article of about 6 KB: 48 sentences, each ending in a figure. */
function article(index: number): string {
  let seed = index + 1;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const word = () => WORDS[Math.floor(random() * WORDS.length)] ?? 'talks';
  const sentence = () => `${Array.from({ length: 10 + Math.floor(random() * 10) }, word).join(' ')} ${Math.floor(random() * 900 + 100)} billion dollars.`;
  return `Defense Minister Umerov said: Article ${index}\n\n${Array.from({ length: 12 }, () => Array.from({ length: 4 }, sentence).join(' ')).join('\n\n')}`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function runTagTableBenchmark(): Promise<void> {
  const dir = temporaryDirectory();
  const load = loadavg()[0] ?? 0;
  const session = createProject(join(dir.path, 'table.marginalia'), 'Table bench', { analystName: 'Bench' });
  const api = createProjectApi(session);
  const call = async <M extends Method>(method: M, request: RequestOf<M>) => {
    const result = await api.call(method, request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ResponseOf<M>;
  };
  const timed = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    return median(times);
  };
  try {
    const actor = await call('actor.create', { name: 'Rustem Umerov', kind: 'person' });
    const texts = Array.from({ length: ARTICLES }, (_, i) => article(i));
    const tagCount = await importTaggedArticles(call, texts, actor.id, (k) => (k % 3 === 0 ? 'disputed' : 'unverified'));
    const page = { offset: 0, limit: PAGE };
    const open = await timed(() => call('annotation.query', { ...page, sort: { column: 'date', descending: true } }));
    const filters: [string, RequestOf<'annotation.query'>][] = [
      ['kind = figure', { kinds: ['figure'] }],
      ['actor', { actorId: actor.id }],
      ['claim status = disputed', { statuses: ['disputed'] }],
      ['text “ceasefire troops”', { text: 'ceasefire troops' }],
      ['figures in USD, sorted by value', { kinds: ['figure'], unit: 'USD', sort: { column: 'value', descending: true } }],
    ];
    const rows: Record<string, string> = {
      [`Open the tag table: first ${PAGE} rows and the total of ${tagCount.toLocaleString('en-US')} tags (1,000 articles)`]: `median ${open.toFixed(0)} ms over ${RUNS} (target < 500 ms)`,
    };
    for (const [label, filter] of filters) {
      const ms = await timed(() => call('annotation.query', { ...page, ...filter }));
      rows[`Filter: ${label}`] = `median ${ms.toFixed(0)} ms (target < 100 ms)`;
    }
    rows[`Sort all ${tagCount.toLocaleString('en-US')} by quote`] = `median ${(await timed(() => call('annotation.query', { ...page, sort: { column: 'quote' } }))).toFixed(0)} ms`;
    rows['A page deep in the table (offset 90,000)'] = `median ${(await timed(() => call('annotation.query', { offset: 90_000, limit: PAGE }))).toFixed(0)} ms`;
    rows['Grouped view: figures by unit with values'] = `median ${(await timed(() => call('annotation.groups', { by: 'unit' }))).toFixed(0)} ms`;
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    if (process.env.MARGINALIA_BENCH_SKIP_CHECKS !== '1') {
      const start = performance.now();
      const { findings } = await call('checks.list', {});
      const label = `checks over the same ${tagCount.toLocaleString('en-US')} tags (1,000 articles)`;
      rows[label] = `${((performance.now() - start) / 1000).toFixed(1)} s, ${findings.length.toLocaleString('en-US')} findings (target < 5 s)`;
      console.log(`${label}: ${rows[label]}`);
    }
    rows['Load average (1 min) when it started'] = `${load.toFixed(1)} on 2 cores (the machine is shared with other work)`;
    writeSection('tag-table', 'Tag table and checks', rows);
  } finally {
    session.close();
    dir.remove();
  }
}

if (process.argv[1]?.endsWith('tag-table.ts')) await runTagTableBenchmark();

// Benchmark of hostile HTML imports: each refused or imported within the budget, the worst next to a clean article of its size (`npx tsx bench/import-html.ts` runs this part alone).
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProjectApi } from '../src-main/core/handlers';
import { measureHtml } from '../src-main/core/article-import/html-budget';
import { createProject } from '../src-main/core/session';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';

const attributes = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}`).join(' ');
const paragraph = (i: number): string =>
  `<p>Paragraph ${i}: the envoy said the talks on security guarantees would resume in Geneva, according to two officials.</p>\n`;

/** A clean article page (head, header, article of paragraphs, footer) of about `bytes` bytes. */
function cleanArticle(bytes: number): string {
  const parts = ['<html><head><title>A clean article</title><meta name="author" content="Bench"></head><body><header><nav><a href="/">Home</a></nav></header><main><article><h1>A clean article</h1>'];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < bytes - 60; i++) {
    const p = paragraph(i);
    parts.push(p);
    size += p.length;
  }
  parts.push('</article></main><footer>Footer</footer></body></html>');
  return parts.join('');
}

/** The largest `n` for which the page `make(n)` is within the work budget (found by bisection; `make` grows with `n`). */
function justWithin(make: (n: number) => string, high: number): string {
  let low = 0;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (measureHtml(make(mid)).within) low = mid;
    else high = mid;
  }
  return make(low);
}

/** `body` followed by plain text up to `chars` characters. */
const padded = (body: string, chars: number): string => `<body>${body}<p>${'y'.repeat(Math.max(0, chars - body.length - 20))}</p></body>`;
const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i % 50}`).join(' ');

const HOSTILE: Record<string, () => string> = {
  '1,500 levels of <div/>': () => `<body>${'<div/>'.repeat(1500)}text</body>`,
  '3,000 levels of <div/>': () => `<body>${'<div/>'.repeat(3000)}text</body>`,
  '995 levels of <div/> (just within the depth budget)': () => `<body>${'<div/>'.repeat(995)}text</body>`,
  '195 levels with 3,000 paragraphs inside': () => `<body>${'<div>'.repeat(195)}${Array.from({ length: 3000 }, (_, i) => paragraph(i)).join('')}</body>`,
  'one <p> with 100,000 attributes': () => `<p ${attributes(100_000)}>x</p>`,
  '500 elements with 199 attributes each': () => `<body>${`<p ${attributes(199)}>x</p>`.repeat(500)}</body>`,
  '1,000,000 tiny elements': () => `<body>${'<b></b>'.repeat(1_000_000)}</body>`,
  '99,000 small elements': () => `<body>${'<b>x</b>'.repeat(99_000)}</body>`,
  'small elements, as many as the work budget allows a page under 1 MB': () => justWithin((n) => `<body>${'<b>x</b>'.repeat(n)}</body>`, 100_000),
  'small elements in 1 MB, as many as the work budget allows': () => justWithin((n) => padded('<b>x</b>'.repeat(n), 1_000_000), 100_000),
  'small elements in 5 MB, as many as the work budget allows': () => justWithin((n) => padded('<b>x</b>'.repeat(n), 5_000_000), 500_000),
  'elements with 199 attributes in 1 MB, as many as the work budget allows': () => justWithin((n) => padded(`<p ${attributes(199)}>x</p>`.repeat(n), 1_000_000), 1000),
  'words 900 levels deep in 1 MB, as many as the work budget allows': () => justWithin((n) => padded(`${'<div>'.repeat(900)}${words(n)}${'</div>'.repeat(900)}`, 1_000_000), 100_000),
  '195 levels with paragraphs inside in 1 MB, as many as the work budget allows': () => justWithin((n) => padded(`${'<div>'.repeat(195)}${Array.from({ length: n }, (_, i) => paragraph(i)).join('')}${'</div>'.repeat(195)}`, 1_000_000), 3000),
  '140,000 nested inline tags': () => `<body>${'<b><i><u><s><em><span><a>'.repeat(20_000)}x</body>`,
  '140,000 elements 900 levels deep': () => `<body>${'<div>'.repeat(900)}${'<b>x</b>'.repeat(140_000)}</body>`,
};

interface Run {
  seconds: number;
  /** Processor time of this process: less affected than the clock by other work on the machine. */
  cpuSeconds: number;
  bytes: number;
  outcome: string;
}

export async function runHtmlImportBenchmark(): Promise<void> {
  const load = loadavg()[0] ?? 0;
  const dir = temporaryDirectory();
  const session = createProject(join(dir.path, 'html.marginalia'), 'html', { analystName: 'Bench' });
  const api = createProjectApi(session);
  const importHtml = async (name: string, html: string): Promise<Run> => {
    const bytes = Buffer.from(html);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const result = await api.call('document.import', { source: { type: 'file', fileName: `${name}.html`, content: bytes } });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const outcome = result.ok ? 'imported' : `refused: ${result.error.message.replace(/^"[^"]*" /, '').replace(/, more than Marginalia reads.*$/, '')}`;
    return { seconds, cpuSeconds, bytes: bytes.length, outcome };
  };
  const describe = (run: Run): string =>
    `${run.seconds.toFixed(2)} s (${run.cpuSeconds.toFixed(2)} s processor) for ${(run.bytes / 1e6).toFixed(2)} MB — ${run.outcome}`;
  const perMb = (run: Run): string => `${(run.cpuSeconds / (run.bytes / 1e6)).toFixed(1)} s of processor time per MB`;
  /** Processor time against the bound: 2 s per MB, 2 s for a page under 1 MB. */
  const againstBound = (run: Run): number => run.cpuSeconds / Math.max(1, run.bytes / 1e6);
  try {
    await importHtml('warm-up', cleanArticle(2000)); // loads jsdom and Readability once, as the first import of a session does
    const rows: Record<string, string> = {};
    let worst: { name: string; run: Run } | null = null;
    for (const [name, make] of Object.entries(HOSTILE)) {
      const run = await importHtml(name.replace(/\W+/g, '-'), make());
      rows[`Hostile HTML: ${name}`] = describe(run);
      if (!worst || againstBound(run) > againstBound(worst.run)) worst = { name, run };
    }
    if (worst) {
      const clean = await importHtml('clean', cleanArticle(worst.run.bytes));
      rows[`Worst hostile case (${worst.name})`] = `${describe(worst.run)} (${perMb(worst.run)})`;
      rows['A clean article page of the same size'] = `${describe(clean)} (${perMb(clean)}); target: no input up to 10 MB over 2 s per MB (2 s for a page under 1 MB)`;
    }
    rows['Load average (1 min) when the benchmark started'] = `${load.toFixed(2)} (the machine was shared with other work while this ran)`;
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('import-html', 'Core: hostile HTML imports', rows);
  } finally {
    session.close();
    dir.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runHtmlImportBenchmark();

// What drawing suggestions costs when the 1 MB bench article opens in the workbench (part of `npm run bench`): the
// same article opened with its suggestions drawn and with none, in Chromium against the local server. Writes 'suggest-ui'.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { createProject } from '../src-main/core/session';
import { startServer, type RunningServer } from '../src-main/serve/server';
import { writeSection } from './report';
import { contractCaller } from './tagged-articles';
import { benchWorkspace, BIG_TITLE, CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, importBenchArticles, TINY_TITLE } from './ui';

const RUNS = 40;

// In-page helpers, plain JavaScript. "Painted" as in bench/ui.ts: a forced layout, the next animation frame and a task
// queued from it. An open ends once the article is shown with its complete suggestions (the legend no longer says
// that its new names are being read) and (when it holds any) a suggestion is in the article, then two painted frames.
const PAGE_HELPERS = `window.sgBench = (() => {
  const painted = () => new Promise((resolve) => { void document.body.offsetHeight; requestAnimationFrame(() => setTimeout(resolve, 0)); });
  /** While true, the answers with suggestions reach the workbench emptied of them (the open without suggestions). */
  let emptied = false;
  const EMPTIED = {
    'suggestion.spans': { keys: [], kinds: [], starts: [], ends: [], actors: [], reasons: [], strings: [] },
    'suggestion.list': { suggestions: [], counts: { total: 0, byKind: { actor: 0, figure: 0, claim: 0 }, byDocument: [] } },
  };
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const method = new URL(String(input), location.href).pathname.replace('/api/', '');
    if (!emptied || !(method in EMPTIED)) return response;
    // The server's whole answer is received over HTTP and read as text, as the workbench reads it; what reaches the
    // workbench is the answer without suggestions, saying as the server did whether it is complete.
    const text = await response.text();
    if (!text.startsWith('{"ok":true')) return new Response(text, { status: response.status, headers: response.headers });
    const complete = text.includes('"complete":false') ? { complete: false } : text.includes('"complete":true') ? { complete: true } : {};
    return new Response(JSON.stringify({ ok: true, value: { ...EMPTIED[method], ...complete } }), { status: response.status, headers: response.headers });
  };
  /** The open article's suggestions are complete: its legend no longer says that new names are being read. */
  const complete = () => document.querySelector('.legend-suggestions') !== null && document.querySelector('.legend-suggestions.is-reading') === null;
  const item = (title) => [...document.querySelectorAll('.document-item')].find((b) => b.querySelector('.document-title').textContent === title);
  // The first paragraph's text, not the article's: the check runs on every change to the page, and reading 1 MB of text
  // each time would cost the open that changes the page more often (the one drawing suggestions) the most.
  const shown = (title) => document.querySelector('.document-header h1')?.textContent === title && (document.querySelector('.ProseMirror p')?.textContent.length ?? 0) > 0;
  const until = (test) => new Promise((resolve, reject) => {
    const check = () => { if (test()) { observer.disconnect(); clearTimeout(timer); resolve(); } };
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timed out opening the article: ' + JSON.stringify({ h1: document.querySelector('.document-header h1')?.textContent, article: document.querySelector('.ProseMirror')?.textContent.length, reading: !complete(), drawn: document.querySelectorAll('.ProseMirror .sg').length }))); }, 300000);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
    check();
  });
  return {
    empty(on) { emptied = on; },
    async show(title) { item(title).click(); await until(() => shown(title) && complete()); await painted(); },
    async open(title, drawn, warm = true) {
      const t0 = performance.now();
      item(title).click();
      // The first open (warm false) ends with the first suggestion drawn, the new names perhaps still being read.
      await until(() => shown(title) && (!warm || complete()) && (!drawn || document.querySelector('.ProseMirror .sg') !== null));
      await painted();
      await painted();
      return { total: performance.now() - t0, drawn: document.querySelectorAll('.ProseMirror .sg').length };
    },
    /** Scrolls the middle of the article into view: how long until suggestions are drawn on screen (a long article
     *  draws those around the screen only). */
    async scrollToMiddle() {
      const blocks = document.querySelectorAll('.ProseMirror p');
      const t0 = performance.now();
      blocks[Math.floor(blocks.length / 2)].scrollIntoView({ block: 'center' });
      const visible = () => [...document.querySelectorAll('.ProseMirror .sg')].some((e) => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; });
      while (!visible()) {
        if (performance.now() - t0 > 10000) throw new Error('no suggestion drawn on screen after scrolling');
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      await painted();
      return performance.now() - t0;
    },
  };
})();`;

interface Open {
  total: number;
  drawn: number;
  /** The renderer's main-thread busy time during the open (CDP Performance.getMetrics TaskDuration), ms. */
  busy: number;
}

async function prepareProject(path: string): Promise<void> {
  const session = createProject(path, 'Suggestions UI bench', { analystName: 'Bench' });
  try {
    await importBenchArticles(contractCaller(session));
  } finally {
    session.close();
  }
}

const busySeconds = async (cdp: CDPSession) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;

async function timedOpen(page: Page, cdp: CDPSession, drawn: boolean, warm = true): Promise<Open> {
  await page.evaluate((title) => (window as unknown as { sgBench: { show: (t: string) => Promise<void> } }).sgBench.show(title), TINY_TITLE);
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await busySeconds(cdp);
  const open = await page.evaluate(
    ([title, draw, w]) => (window as unknown as { sgBench: { open: (t: string, d: boolean, w: boolean) => Promise<{ total: number; drawn: number }> } }).sgBench.open(title, draw, w),
    [BIG_TITLE, drawn, warm] as const,
  );
  return { ...open, busy: ((await busySeconds(cdp)) - before) * 1000 };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] ?? NaN) + (s[Math.ceil((s.length - 1) / 2)] ?? NaN)) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;

/** Runs the benchmark and writes the section 'suggest-ui' of docs/benchmarks.md. */
export async function runSuggestUiBenchmark(): Promise<Record<string, string>> {
  ensureRendererBuilt();
  const load = loadavg()[0] ?? 0;
  const { dir, projectPath, settingsDir } = benchWorkspace('suggest-ui');
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    await prepareProject(projectPath);
    server = await startServer({ projectPath, settingsDir, staticDir: join(import.meta.dirname, '..', 'out', 'renderer') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    page.on('pageerror', (error) => console.error('Page error:', error.message));
    await page.goto(server.url);
    await page.waitForSelector('.document-item');
    await page.evaluate(PAGE_HELPERS);
    // The first open computes the article's suggestions on the server (remembered afterwards): timed on its own.
    const first = await timedOpen(page, cdp, true, false);
    // Not timed: an open that waits for the complete answer, so that the server has read the article's "new actor?"
    // names (seconds of work at its side) before the timed opens, which it would otherwise slow down.
    await timedOpen(page, cdp, true);
    const [withSuggestions, without]: [Open[], Open[]] = [[], []];
    for (let i = 0; i < RUNS; i++) {
      // Alternated, so that a change in the machine's load falls on both alike.
      for (const draw of i % 2 === 0 ? [true, false] : [false, true]) {
        await page.evaluate((on) => (window as unknown as { sgBench: { empty: (on: boolean) => void } }).sgBench.empty(on), !draw);
        (draw ? withSuggestions : without).push(await timedOpen(page, cdp, draw));
      }
    }
    await page.evaluate(() => (window as unknown as { sgBench: { empty: (on: boolean) => void } }).sgBench.empty(false));
    await timedOpen(page, cdp, true);
    const scrolled = await page.evaluate(() => (window as unknown as { sgBench: { scrollToMiddle: () => Promise<number> } }).sgBench.scrollToMiddle());
    const [open, bare] = [median(withSuggestions.map((o) => o.total)), median(without.map((o) => o.total))];
    const [busy, bareBusy] = [median(withSuggestions.map((o) => o.busy)), median(without.map((o) => o.busy))];
    const drawn = withSuggestions[0]?.drawn ?? 0;
    const overhead = (x: number, base: number) => `${(((x - base) / base) * 100).toFixed(1)}%`;
    const rows = {
      [`Open the 1 MB bench article with its suggestions drawn (${drawn.toLocaleString('en-US')} in the article: figures and claims; no registered actors, no tags): click → article, the complete suggestion.spans answer, suggestions in the DOM (those around the screen), two painted frames`]: `${ms(open)} median of ${RUNS}; renderer main thread busy ${ms(busy)}`,
      'The same open with the suggestion.spans answer emptied in the page (same request, same server work and bytes over HTTP, nothing decoded or drawn)': `${ms(bare)} median of ${RUNS}; renderer main thread busy ${ms(bareBusy)}`,
      'What drawing the suggestions adds to the open': `${overhead(open, bare)} of the open time, ${overhead(busy, bareBusy)} of the main thread's busy time; target < 10% ${open - bare < 0.1 * bare ? '✔' : 'missed'}`,
      'Scroll to the middle of the article (opened with suggestions): scrollIntoView → suggestions drawn on screen, painted': ms(scrolled),
      'First timed open of the article, to the first suggestion drawn (the page opened it once as it loaded, so the server may have begun reading its "new actor?" names, a section at a time)': `${ms(first.total)}`,
      'Load average (1 min) when the benchmark started': `${load.toFixed(2)} (browser timings are noisy when other work runs on the machine)`,
    };
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('suggest-ui', 'Suggestions drawn in the workbench', rows);
    return rows;
  } finally {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('suggest-ui.ts')) await runSuggestUiBenchmark();

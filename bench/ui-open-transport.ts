// Opening the 1 MB article in the browser UI through serve's two ways of answering: one core thread answering every
// request, and reads (document.get, annotation.listForDocument) on the read-only reader core. Writes the section 'ui-open-transport'.
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startServer } from '../src-main/serve/server';
import { writeSection } from './report';
import { benchWorkspace, BIG_TITLE, CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, prepareProject, TINY_TITLE } from './ui';

const RENDERER = join(import.meta.dirname, '..', 'out', 'renderer');
const [TAGS, RUNS] = [5000, 7];

// In-page, as plain JavaScript (tsx would wrap named functions in a helper the page does not have): armOpen() waits
// for the next click and resolves `openDone` to the milliseconds from it until the view's first highlight is
// painted — after a forced layout, the next animation frame and a task queued from it.
const ARM_OPEN = `window.armOpen = () => {
  let t0 = NaN;
  document.addEventListener('click', () => { if (Number.isNaN(t0)) t0 = performance.now(); }, { capture: true, once: true });
  window.openDone = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (Number.isNaN(t0) || document.querySelector('.ProseMirror .hl') === null) return;
      observer.disconnect();
      void document.body.offsetHeight;
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => reject(new Error('timed out opening the article')), 30000);
  });
};`;

const heading = (page: Page) => page.evaluate("document.querySelector('.document-header h1')?.textContent ?? null");

/** Opens `title` from the document list, through Playwright's click (which waits for the row, as rows are redrawn). */
async function show(page: Page, title: string): Promise<void> {
  if ((await heading(page)) === title) return;
  await page.locator('.document-item', { hasText: title }).first().click();
  await page.waitForFunction((wanted) => document.querySelector('.document-header h1')?.textContent === wanted, title);
}

/** Opens the big article (another one being open): the milliseconds from the click to its first painted highlight. */
async function openTimed(page: Page): Promise<number> {
  await page.evaluate('window.armOpen()');
  await page.locator('.document-item', { hasText: BIG_TITLE }).first().click();
  return (await page.evaluate('window.openDone')) as number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** `RUNS` opens of the big article (from the tiny note each time) with serve answering as `separateReads` says. */
async function opens(browser: Browser, projectPath: string, settingsDir: string, separateReads: boolean): Promise<number[]> {
  const server = await startServer({ projectPath, settingsDir, staticDir: RENDERER, separateReads });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('.document-item');
    await page.evaluate(ARM_OPEN);
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      await show(page, TINY_TITLE);
      const ms = await openTimed(page);
      if (i > 0) times.push(ms); // the first open warms both cores' statement caches and the page
    }
    return times;
  } finally {
    await context.close();
    await server.close();
  }
}

export async function runUiOpenTransportBenchmark(): Promise<Record<string, string>> {
  ensureRendererBuilt();
  const { dir, projectPath, settingsDir } = benchWorkspace('ui-open');
  let browser: Browser | undefined;
  try {
    await prepareProject(projectPath);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const load = loadavg()[0] ?? 0;
    // Alternated, twice each, so that a change in the machine's load touches both alike.
    const one: number[] = [];
    const reader: number[] = [];
    for (let round = 0; round < 2; round++) {
      one.push(...(await opens(browser, projectPath, settingsDir, false)));
      reader.push(...(await opens(browser, projectPath, settingsDir, true)));
    }
    const loadAfter = loadavg()[0] ?? 0;
    const show = (xs: number[]) => `${median(xs).toFixed(0)} ms median (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${xs.length} runs)`;
    const rows = {
      [`Open the 1 MB article (${TAGS.toLocaleString('en-US')} tags) to its first painted highlight, serve with one core thread answering every request (as before the reader core)`]: show(one),
      'The same, serve as it ships: document.get and annotation.spans answered by the read-only reader core': `${show(reader)}: ${(median(reader) / median(one)).toFixed(2)}× the one-core figure`,
      'Load average (1 min) at the start and the end': `${load.toFixed(1)} and ${loadAfter.toFixed(1)} on ${cpus().length} cores (shared machine; nothing else runs in serve, so the two differ only by the thread that answers)`,
    };
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('ui-open-transport', 'UI: opening the 1 MB article through serve, one core and the reader core', rows);
    return rows;
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) await runUiOpenTransportBenchmark();

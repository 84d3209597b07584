// The scale benchmark's rows of the served UI in Chromium (part of `npm run bench -- scale`): on one generated
// project, the page loaded to its document list painted, the filter narrowed to one article, an article opened,
// and the renderer's heap and DOM nodes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../src-main/serve/server';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt } from './ui';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 5;

// In-page helpers, as plain JavaScript. "Painted" = after a forced layout, the next animation frame and a task queued
// from it, i.e. once that frame's style, layout and paint ran (as bench/ui.ts measures).
const PAGE_HELPERS = `window.scaleBench = (() => {
  const painted = () => new Promise((resolve) => { void document.body.offsetHeight; requestAnimationFrame(() => setTimeout(resolve, 0)); });
  const until = (test, what) => new Promise((resolve, reject) => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => { if (test()) { observer.disconnect(); clearTimeout(timer); resolve(); } });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timed out waiting for ' + what)); }, 60000);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  const rows = () => [...document.querySelectorAll('.document-list li[aria-posinset]')];
  const onlyRow = (title) => { const r = rows(); return r.length === 1 && r[0].querySelector('.document-title')?.textContent === title; };
  const filterBox = () => document.querySelector('input[aria-label="Filter documents"]');
  const type = (text) => {
    const box = filterBox();
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(box, text);
    box.dispatchEvent(new Event('input', { bubbles: true }));
  };
  return {
    /** Milliseconds from the navigation's start to the first painted frame with document rows (their titles) in it. */
    async listPainted() {
      await until(() => document.querySelector('.document-list .document-item:not(.loading) .document-title') !== null, 'the document list');
      await painted();
      return performance.now();
    },
    /** The filter set to \`title\` (one input event) to the painted list of that one article. */
    async filterTo(title) {
      const t0 = performance.now();
      type(title);
      await until(() => onlyRow(title), 'one row');
      await painted();
      return performance.now() - t0;
    },
    /** The filter cleared to the painted list of every article (its first rows drawn, \`count\` in the whole list). */
    async clearFilter(count) {
      const t0 = performance.now();
      type('');
      await until(() => rows()[0]?.getAttribute('aria-setsize') === String(count) && !rows()[0].querySelector('.loading'), 'every row');
      await painted();
      return performance.now() - t0;
    },
    /** A click on the (only) row of \`title\` to the painted article with its title and a highlight. */
    async open(title) {
      const shown = () => document.querySelector('.document-header h1')?.textContent === title && document.querySelector('.ProseMirror .hl') !== null;
      if (shown()) throw new Error(title + ' is open already');
      const t0 = performance.now();
      rows()[0].querySelector('button').click();
      await until(shown, title);
      await painted();
      return performance.now() - t0;
    },
    elements: () => document.getElementsByTagName('*').length,
  };
})();`;

export interface ScaleUiResult {
  loadMs: number[];
  filterMs: number[];
  clearMs: number[];
  openMs: number[];
  heapMb: number;
  elements: number;
  articleBytes: number;
}

type Helpers = 'listPainted' | 'filterTo' | 'clearFilter' | 'open' | 'elements';
async function inPage(page: Page, name: Helpers, ...args: unknown[]): Promise<number> {
  return page.evaluate(([n, a]) => (window as unknown as { scaleBench: Record<string, (...x: unknown[]) => Promise<number>> }).scaleBench[n]!(...a), [name, args] as const);
}

/**
 * Serves `projectPath` (of `articles` articles titled "Article <n>") and measures it in a fresh Chromium: `RUNS`
 * page loads, then `RUNS` times each of filtering to one article, clearing the filter, and opening an article.
 */
export async function measureServedUi(projectPath: string, articles: number, articleBytes: number, dir: string): Promise<ScaleUiResult> {
  ensureRendererBuilt();
  const settingsDir = join(dir, `ui-settings-${articles}`);
  mkdirSync(settingsDir, { recursive: true });
  writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ analystName: 'Anna' }));
  const server = await startServer({ projectPath, settingsDir, staticDir: join(ROOT, 'out', 'renderer') });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(PAGE_HELPERS);
    const cdp = await context.newCDPSession(page);
    const loadMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(server.url);
      loadMs.push(await inPage(page, 'listPainted'));
    }
    // Unique titles at both sizes: "Article 500" of 1,000 ("Article 5000" does not exist there), "Article 5000" of 10,000.
    const [target, other] = [`Article ${articles / 2}`, `Article ${articles / 2 + 1}`];
    await page.locator('.document-header h1').waitFor();
    const [filterMs, clearMs, openMs]: [number[], number[], number[]] = [[], [], []];
    for (let i = 0; i < RUNS; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      filterMs.push(await inPage(page, 'filterTo', target));
      clearMs.push(await inPage(page, 'clearFilter', articles));
      // Open another article first, so that each measured open changes the article shown.
      await inPage(page, 'filterTo', other);
      await inPage(page, 'open', other);
      await inPage(page, 'filterTo', target);
      await cdp.send('HeapProfiler.collectGarbage');
      openMs.push(await inPage(page, 'open', target));
      await inPage(page, 'clearFilter', articles);
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const heapMb = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
    const elements = await inPage(page, 'elements');
    return { loadMs, filterMs, clearMs, openMs, heapMb, elements, articleBytes };
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

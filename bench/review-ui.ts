// Side-by-side review benchmark: opening the review of a 1 MB article with 5,000 tags per analyst, next to opening
// the same article in the single view, in the same Chromium run: the first opens after start (cold), then warm ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { Method, RequestOf, ResponseOf } from '../src-shared/api/contract';
import { ANNOTATION_KINDS } from '../src-shared/model/annotation';
import { createProjectApi } from '../src-main/core/handlers';
import { createProject } from '../src-main/core/session';
import { startServer } from '../src-main/serve/server';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, generateArticle } from './ui';

const RUNS = 3;
const TAGS_PER_ANALYST = 5000;

export async function prepareReviewProject(path: string): Promise<void> {
  const session = createProject(path, 'Review bench', { analystName: 'Anna' });
  try {
    const call = async <M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> => {
      const result = await createProjectApi(session).call(method, request);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as ResponseOf<M>;
    };
    const { document } = await call('document.import', { source: { type: 'text', text: generateArticle(), title: 'Big article' } });
    await call('document.import', { source: { type: 'text', text: 'A short note.\n\nNothing here.', title: 'Tiny note' } });
    const doc = await call('document.get', { id: document.id });
    const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph' && b.end - b.start > 80);
    for (const [analyst, shift] of [['Anna', 0], ['Ben', 1]] as const) {
      session.setAnalystName(analyst);
      const annotations = paragraphs.slice(0, TAGS_PER_ANALYST).map((block, i) => {
        // Ben agrees with Anna on most passages, and differs in boundaries or kind on every third.
        const start = block.start + (shift && i % 3 === 0 ? 6 : 0);
        return { documentId: doc.id, kind: ANNOTATION_KINDS[(i + (shift && i % 7 === 0 ? 1 : 0)) % 4] ?? 'claim', target: { start, end: start + 40 } };
      });
      await call('annotation.createMany', { annotations });
    }
  } finally {
    session.close();
  }
}

/**
 * Milliseconds from a click on the element `find` returns to the first frame painted after `ready` holds, both
 * measured in the page, so that the time the test driver takes to find the element is left out.
 */
async function timeClick(page: Page, find: string, ready: string): Promise<number> {
  return page.evaluate(
    async ([find, ready]) => {
      const target = (new Function(`return (${find})`) as () => HTMLElement | null)();
      if (!target) throw new Error(`Nothing to click: ${find}`);
      const test = new Function(`return (${ready})`) as () => boolean;
      const t0 = performance.now();
      target.click();
      while (!test()) await new Promise((r) => requestAnimationFrame(r));
      void document.body.offsetHeight;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    },
    [find, ready] as const,
  );
}

const button = (text: string) => `[...document.querySelectorAll('button, .document-item')].find((b) => b.textContent.includes(${JSON.stringify(text)}))`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function runReviewUiBenchmark(): Promise<void> {
  ensureRendererBuilt();
  const loadAtStart = loadavg();
  const dir = temporaryDirectory();
  const projectPath = join(dir.path, 'review.marginalia');
  const settingsDir = join(dir.path, 'settings');
  mkdirSync(settingsDir);
  writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ analystName: 'Rita' }));
  await prepareReviewProject(projectPath);
  const server = await startServer({ projectPath, settingsDir, staticDir: join(import.meta.dirname, '..', 'out', 'renderer') });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    const single: number[] = [];
    const review: number[] = [];
    // The first round is the first open of each after the server and the page started; RUNS warm rounds follow.
    for (let i = 0; i <= RUNS; i++) {
      await page.locator('.document-item', { hasText: 'Tiny note' }).click();
      await page.locator('.document-header h1', { hasText: 'Tiny note' }).waitFor();
      // The note has no tags: once no highlight is left, the article's view is gone, and its next open is timed whole.
      await page.waitForFunction(() => document.querySelector('.reader .ProseMirror .hl') === null);
      single.push(await timeClick(page, button('Big article'), "!!document.querySelector('.reader .ProseMirror .hl')"));
      review.push(
        await timeClick(page, button('Review…'), "!!document.querySelector('.review-pane-a .ProseMirror .hl') && !!document.querySelector('.review-pane-b .ProseMirror .hl')"),
      );
      await page.getByRole('button', { name: 'Back to the workbench' }).click();
    }
    const [coldSingle = NaN, ...warmSingle] = single;
    const [coldReview = NaN, ...warmReview] = review;
    const compared = (reviewMs: number, singleMs: number, what: string) => {
      const ratio = reviewMs / singleMs;
      return `${Math.round(reviewMs)} ms${what} — ${ratio.toFixed(2)}× opening the single view (${Math.round(singleMs)} ms, same run, same round); target ≤ 2× ${ratio <= 2 ? '✔' : 'missed'}`;
    };
    const load = (at: number[]) => at.map((l) => l.toFixed(2)).join(' / ');
    const rows = {
      'Machine load (`uptime` load average, 1 / 5 / 15 min)': `${load(loadAtStart)} at the start, ${load(loadavg())} at the end; 2 cores shared with other work`,
      'Cold: the first side-by-side review after the server and the page started, of a 1 MB article with 5,000 tags per analyst (click on Review… to both panes painted with highlights; includes review.compare over HTTP; the article was opened in the single view just before, as Review… needs)':
        compared(coldReview, coldSingle, ''),
      'Warm: the same review opened again (Tiny note, the article, Review…, back; the same measure)': compared(median(warmReview), median(warmSingle), ` median of ${RUNS}`),
    };
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('review-ui', 'Review: side by side in Chromium', rows);
  } finally {
    await browser.close();
    await server.close();
    dir.remove();
  }
}

if (process.argv[1]?.endsWith('review-ui.ts')) await runReviewUiBenchmark();

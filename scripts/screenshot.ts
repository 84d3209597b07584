// `npm run screenshot`: builds the sample project, serves it, and saves docs/screenshot.png of the workbench,
// docs/search.png of a project search with its tag-all count, docs/review.png of the review mode (a second analyst's
// tags added to the sample's, agreeing and differing) and docs/suggestions.png of the suggestions (the Suggestions
// tab open, one suggestion focused in the article), docs/table.png of the tag table and docs/checks.png of the checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Annotation } from '../src-shared/model/annotation';
import { createProjectApi } from '../src-main/core/handlers';
import { createSampleProject } from '../src-main/core/sample-project';
import { openProject } from '../src-main/core/session';
import { startServer } from '../src-main/serve/server';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { CHROMIUM_ARGS } from '../e2e/fixtures';

const ROOT = join(import.meta.dirname, '..');
/** `npm run screenshot -- --out <folder> --size 1280x720` checks another window size without touching docs/. */
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const OUT = option('--out') ?? join(ROOT, 'docs');
const [WIDTH, HEIGHT] = (option('--size') ?? '1440x900').split('x').map(Number) as [number, number];

/**
 * Ben's tags on the Davos paper: Ada's, mostly the same, some moved by a few characters, one of another kind,
 * one left out — so that the review shows every kind of difference.
 */
async function addSecondAnalyst(projectPath: string): Promise<void> {
  const session = openProject(projectPath, { analystName: 'Ben Second' });
  try {
    const api = createProjectApi(session);
    const call = async <T>(method: string, request: unknown): Promise<T> => {
      const result = await api.call(method as never, request as never);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    const { documents } = await call<{ documents: { id: string; title: string }[] }>('document.list', {});
    const paper = documents.find((d) => d.title.includes('Diplomatic Mirage'));
    if (!paper) throw new Error('The sample has no Davos paper.');
    const { annotations } = await call<{ annotations: Annotation[] }>('annotation.listForDocument', { documentId: paper.id });
    const spans = annotations.filter((t) => t.target !== null);
    const requests = spans.flatMap((tag, i) => {
      if (!tag.target || i % 5 === 4) return [];
      const start = tag.target.start + (i % 5 === 1 ? 4 : 0);
      const kind = i % 5 === 2 ? (tag.kind === 'claim' ? 'actor' : 'claim') : tag.kind;
      return [{ documentId: paper.id, kind, target: { start, end: tag.target.end } }];
    });
    await call('annotation.createMany', { annotations: requests });
  } finally {
    session.close();
  }
}
const dir = temporaryDirectory();
try {
  const projectPath = join(dir.path, 'Sample.marginalia');
  const settingsDir = join(dir.path, 'settings');
  mkdirSync(settingsDir);
  writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ analystName: 'Ada Analyst' }));
  await createSampleProject(projectPath, 'Ada Analyst', join(ROOT, 'resources', 'sample'));
  const browser = await chromium.launch({ executablePath: process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const serve = () => startServer({ projectPath, settingsDir, staticDir: join(ROOT, 'out', 'renderer') });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    // The workbench: the sample project as it is created, with one analyst's tags.
    let server = await serve();
    await page.goto(server.url);
    await page.locator('.document-item', { hasText: 'A Diplomatic Mirage' }).click();
    await page.locator('.tag-item', { hasText: '“did not formally return to office”' }).first().click();
    await page.waitForTimeout(1500); // let the flash fade
    await page.screenshot({ path: join(OUT, 'screenshot.png') });
    console.log(`Wrote ${join(OUT, 'screenshot.png')}`);

    // The search: "Budanov" in every document, the second hit current, tag-all counting before it tags.
    await page.getByRole('textbox', { name: 'Article text' }).click();
    await page.keyboard.press('Control+Shift+F');
    await page.getByRole('searchbox', { name: 'Search the project' }).fill('Budanov');
    await page.locator('.search-hit-row').first().waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('.ProseMirror mark.search-hit-current').waitFor();
    await page.getByRole('button', { name: 'Tag all results as…' }).click();
    await page.getByRole('combobox', { name: 'Actor' }).fill('Kyrylo Budanov');
    await page.getByRole('option', { name: /Kyrylo Budanov/ }).first().click();
    await page.getByRole('button', { name: 'Count hits…' }).click();
    await page.locator('.tag-all-preview').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, 'search.png') });
    console.log(`Wrote ${join(OUT, 'search.png')}`);
    await page.getByRole('button', { name: 'Close the search' }).click();
    await page.locator('.document-item', { hasText: 'A Diplomatic Mirage' }).click();

    // The suggestions of the sample's actors, figures and claims: the tab open, the second suggestion focused.
    await page.goto(server.url);
    await page.locator('.document-item', { hasText: 'A Diplomatic Mirage' }).click();
    await page.locator('.document-header h1', { hasText: 'A Diplomatic Mirage' }).waitFor();
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.locator('.article .sg').first().waitFor();
    await page.keyboard.press('Shift+N');
    await page.keyboard.press('Shift+N');
    await page.locator('.article .sg-focused').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, 'suggestions.png') });
    console.log(`Wrote ${join(OUT, 'suggestions.png')}`);

    // The tag table (every tag of the project, grouped by actor), then the checks of the sample's tags.
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByRole('button', { name: 'Tag table' }).click();
    await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption({ label: 'By actor' });
    await page.locator('.table-groups li').nth(1).waitFor();
    await page.locator('.tag-grid-scroll [role="row"][data-annotation-id]').first().waitFor();
    await page.screenshot({ path: join(OUT, 'table.png') });
    console.log(`Wrote ${join(OUT, 'table.png')}`);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('tab', { name: 'Checks' }).click();
    await page.locator('.checks .pane-header .count', { hasNotText: 'checking' }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, 'checks.png') });
    console.log(`Wrote ${join(OUT, 'checks.png')}`);
    await server.close();

    // The review: a second analyst's tags added, the two compared on the same article.
    await addSecondAnalyst(projectPath);
    server = await serve();
    try {
      await page.goto(server.url);
      await page.locator('.document-item', { hasText: 'A Diplomatic Mirage' }).click();
      await page.getByRole('button', { name: 'Review…' }).click();
      await page.locator('.review-pane-b .hl-mark').first().waitFor();
      await page.keyboard.press('n');
      await page.waitForTimeout(1500); // both panes' smooth scroll to the difference
      await page.screenshot({ path: join(OUT, 'review.png') });
      console.log(`Wrote ${join(OUT, 'review.png')}`);
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  dir.remove();
}

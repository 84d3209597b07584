// Long requests show their progress and can be cancelled: a long import of many files shows a progress bar with
// Cancel, and cancelled, it imports none of the files (the project stays as it was).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { setAnalystName } from './helpers';

/**
 * `count` distinct articles of about `megabytes` MB each, written into `dir` (Playwright hands over large files by
 * path): enough text that reading them all takes a few seconds.
 */
function largeArticles(dir: string, count: number, megabytes: number): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const paragraph = `In round ${i} the delegations met again in Geneva; the envoy said 4,200 people had left the region since May.\n\n`;
    const path = join(dir, `dispatch-${i}.txt`);
    writeFileSync(path, `Dispatch ${i}\n\n${paragraph.repeat(Math.ceil((megabytes * 1e6) / paragraph.length))}`);
    return path;
  });
}

test('progress and cancel of a long import: the bar shows with Cancel, and cancelled, nothing is imported', async ({ workbench }, testInfo) => {
  const { page } = workbench;
  await setAnalystName(page);
  await page.getByTestId('import-input').setInputFiles(largeArticles(testInfo.outputPath('articles'), 40, 2));
  const bar = page.getByRole('status').filter({ has: page.getByRole('progressbar') });
  await expect(bar).toContainText('Importing 40 articles…', { timeout: 15_000 });
  await bar.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.message')).toContainText('The import was cancelled; nothing was imported.', { timeout: 60_000 });
  await expect(bar).toHaveCount(0);
  // The project as the cancel rule says: not one of the 40 files, in the page or in the file.
  await expect(page.getByText('Dispatch 0', { exact: true })).toHaveCount(0);
  const listed = workbench.cli(['list', workbench.projectPath, '--json']);
  expect(listed.code).toBe(0);
  expect(JSON.parse(listed.stdout)).toEqual([]);
});

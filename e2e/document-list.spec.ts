// The document list at length (more rows than one page the core sends): only the rows on screen are in the page, each
// says its place in the whole list, the keyboard walks the whole list (arrows, Home, End) even to rows not fetched yet,
// and the filter (run by the core) narrows it.
import { expect, test } from './fixtures';
import { importThroughPicker, setAnalystName } from './helpers';

const COUNT = 120;

test('draws only the rows on screen and walks all of them by keyboard, with their places for screen readers', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  const files = Array.from({ length: COUNT }, (_, i) => ({
    name: `article-${String(i).padStart(3, '0')}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`Article number ${i}\n\nEnvoys met on day ${i} to discuss the ceasefire and ${i * 3} troops.`),
  }));
  await importThroughPicker(page, files);
  const rows = page.locator('.document-list li[aria-posinset]');
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(COUNT));
  const drawn = await rows.count();
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(COUNT);

  const focusedPlace = () => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset') ?? null);
  await rows.first().locator('button').focus();
  expect(await focusedPlace()).toBe('1');
  await page.keyboard.press('ArrowDown');
  await expect.poll(focusedPlace).toBe('2');
  await page.keyboard.press('End');
  await expect.poll(focusedPlace).toBe(String(COUNT));
  await page.keyboard.press('ArrowUp');
  await expect.poll(focusedPlace).toBe(String(COUNT - 1));
  await page.keyboard.press('Home');
  await expect.poll(focusedPlace).toBe('1');
  expect(await rows.count()).toBeLessThan(COUNT);
  // Enter on a focused row opens its article.
  await page.keyboard.press('ArrowDown');
  await expect.poll(focusedPlace).toBe('2');
  const title = (await page.evaluate(() => document.activeElement?.querySelector('.document-title')?.textContent)) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.locator('.document-header h1')).toHaveText(title);

  // The filter: one article by its title, then none, then all again.
  const filter = page.getByLabel('Filter documents');
  await filter.fill('ARTICLE NUMBER 117');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('aria-setsize', '1');
  await expect(rows.first().locator('.document-title')).toHaveText('Article number 117');
  await filter.fill('no such words');
  await expect(page.locator('.document-list .empty')).toHaveText('No document matches the filter.');
  await filter.fill('');
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(COUNT));
});

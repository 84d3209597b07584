// Search in the app: "Budanov" across the project, every hit tagged as actor Kyrylo Budanov after a count, Ctrl+F and
// F3 through an article's hits, a hit tagged with a number key, and Ctrl+Z taking the whole tag-all back in one step.
import { expect, test } from './fixtures';
import { importThroughPicker, setAnalystName } from './helpers';

const SAMPLES = ['000_734da4ab211b7c49.txt', '001_53db5d5361afbcfc.txt', '002_1d2e21283015eb8c.txt', '003_756f07eddf996290.txt', '004_27bf8040a9b2cbc5.txt'];
const TWO_BUDANOVS = 'Miami Secret Talks and Davos Suspense';

test('search the project, tag all results as an actor, step through an article with F3, undo the tag-all at once', async ({ workbench }) => {
  test.setTimeout(150_000); // five articles imported and one long walk through them, on a shared machine
  const { page, cli, projectPath } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, SAMPLES);
  const budanovTags = () => (JSON.parse(cli(['tags', projectPath, '--actor', 'Kyrylo Budanov', '--json']).stdout || '[]') as unknown[]).length;

  // The whole project: hits grouped by document.
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await page.keyboard.press('Control+Shift+F');
  const box = page.getByRole('searchbox', { name: 'Search the project' });
  await expect(box).toBeFocused();
  await box.fill('Budanov');
  const panel = page.getByRole('region', { name: 'Search' });
  await expect(panel.getByRole('status').first()).toHaveText('5 hits in 3 documents');
  await expect(panel.locator('.search-document')).toHaveCount(3);
  await expect(panel.locator('.search-hit-row mark')).toHaveText(Array(5).fill('Budanov'));

  // Enter walks the hits across documents: each opens its document with the hit current and selected.
  const titles = new Set<string>();
  for (let n = 1; n <= 5; n++) {
    await box.press('Enter');
    await expect(panel.getByRole('status').first()).toHaveText(`${n} of 5 hits in 3 documents`);
    await expect(page.locator('.ProseMirror mark.search-hit-current')).toHaveText('Budanov');
    titles.add((await page.locator('.document-header h1').textContent()) ?? '');
  }
  expect(titles.size).toBe(3);
  await expect(box).toBeFocused();

  // A syntax error is one sentence.
  await box.fill('(Budanov OR');
  await expect(panel.getByRole('alert')).toHaveText('The search “(Budanov OR” is not valid: it ends where a word was expected.');
  await box.fill('Budanov');
  await expect(panel.getByRole('status').first()).toHaveText('5 hits in 3 documents');

  // Tag all results as actor Kyrylo Budanov, after the count.
  await panel.getByRole('button', { name: 'Tag all results as…' }).click();
  const form = panel.getByRole('form', { name: 'Tag all results' });
  await form.getByRole('combobox', { name: 'Actor' }).fill('Kyrylo Budanov');
  await form.getByRole('option', { name: 'Create “Kyrylo Budanov”' }).click();
  await form.getByRole('button', { name: 'Count hits…' }).click();
  await expect(form.locator('.tag-all-preview')).toHaveText('Tag 5 hits in 3 documents as actor Kyrylo Budanov?');
  await form.getByRole('button', { name: 'Tag 5 hits' }).click();
  await expect(page.locator('.message')).toContainText('Tagged 5 hits in 3 documents as actor Kyrylo Budanov.');
  expect(budanovTags()).toBe(5);

  // Again: every hit is already tagged so, and nothing is offered.
  await panel.getByRole('button', { name: 'Tag all results as…' }).click();
  await form.getByRole('combobox', { name: 'Actor' }).fill('Kyrylo Budanov');
  await form.getByRole('option', { name: 'Kyrylo Budanov' }).click();
  await form.getByRole('button', { name: 'Count hits…' }).click();
  await expect(form.locator('.tag-all-preview')).toHaveText('Nothing to tag as actor Kyrylo Budanov: 5 hits are already tagged so and are skipped.');
  await form.getByRole('button', { name: 'Cancel' }).click();

  // Esc closes the search and gives the article the focus back.
  await box.focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeFocused();

  // One article: Ctrl+F, then F3 / Shift+F3 move the current hit, which is selected.
  await page.locator('.document-item', { hasText: TWO_BUDANOVS }).click();
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await page.keyboard.press('Control+F');
  const articleBox = page.getByRole('searchbox', { name: 'Search this article' });
  await expect(articleBox).toBeFocused();
  await articleBox.fill('Budanov');
  await expect(page.locator('.ProseMirror mark.search-hit')).toHaveCount(2);
  const current = page.locator('.ProseMirror mark.search-hit-current');
  await page.keyboard.press('F3');
  await expect(panel.getByRole('status').first()).toHaveText('1 of 2 hits');
  await expect(current).toHaveAttribute('data-search-hit', '0');
  await page.keyboard.press('F3');
  await expect(panel.getByRole('status').first()).toHaveText('2 of 2 hits');
  await expect(current).toHaveAttribute('data-search-hit', '1');
  await page.keyboard.press('Shift+F3');
  await expect(current).toHaveAttribute('data-search-hit', '0');
  await page.keyboard.press('Enter');
  await expect(current).toHaveAttribute('data-search-hit', '1');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeFocused();
  expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('Budanov');

  // The selected hit is tagged with a number key, like any selection.
  await page.keyboard.press('1');
  await expect(page.locator('.tag-list .tag-item', { hasText: '“Budanov”' })).toHaveCount(3); // its two actor tags and the new claim
  await expect(page.getByRole('region', { name: 'Tag details' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.message')).toContainText('Undid: Tag “Budanov” as claim');

  // Ctrl+Z takes back every tag of the tag-all at once.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.message')).toContainText('Undid: Tag 5 hits of “Budanov” as actor');
  expect(budanovTags()).toBe(0);
});

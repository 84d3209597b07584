// The workbench shows the truth: a tag written by the command line while the page is open appears in the article
// and in the document's counts without a reload; a note typed just before a reload is kept. How soon it appears is
// measured by the benchmarks, not here.
import { expect, test } from './fixtures';
import { importThroughPicker, selectText, setAnalystName, tagInList } from './helpers';

test('a tag made by the CLI appears in the open page without a reload', async ({ workbench }) => {
  const { page, projectPath } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['000_734da4ab211b7c49.txt']);
  const highlight = page.locator('.ProseMirror .hl-actor', { hasText: 'Budanov' });
  await expect(highlight).toHaveCount(0);
  const tagged = workbench.cli(['tag', projectPath, 'Miami', '--kind', 'actor', '--quote', 'Budanov', '--set', 'actor=Kyrylo Budanov', '--analyst', 'Ben']);
  expect(tagged.code, tagged.stderr).toBe(0);
  await expect(highlight.first()).toBeVisible();
  await expect(page.locator('.tag-list .tag-item', { hasText: '“Budanov”' })).toHaveCount(1);
  await expect(page.locator('.document-item .chip-actor')).toHaveAttribute('title', '1 actor tags');
});

test('a note typed and the page reloaded at once is kept', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['000_734da4ab211b7c49.txt']);
  await selectText(page, 'Budanov');
  await page.keyboard.press('2');
  await expect(tagInList(page, 'Budanov')).toHaveCount(1);
  await page.getByLabel('Note').fill('Checked against the transcript');
  await page.reload();
  await tagInList(page, 'Budanov').click();
  await expect(page.getByLabel('Note')).toHaveValue('Checked against the transcript');
});

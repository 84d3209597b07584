// The filters decide what the article shows as well as the list: unticking a kind hides its highlights, "only
// mine" hides a teammate's, and a tag made of a hidden kind shows its kind again.
import { expect, test } from './fixtures';
import { importThroughPicker, selectText, setAnalystName } from './helpers';

test('filters hide highlights in the article too — a kind, a teammate’s tags — and a new tag of a hidden kind shows it again', async ({ workbench }) => {
  const { page, projectPath } = workbench;
  await setAnalystName(page, 'Ada');
  await importThroughPicker(page, ['000_734da4ab211b7c49.txt']);
  await selectText(page, 'Rustem Umerov');
  await page.keyboard.press('2');
  await page.keyboard.press('Escape');
  await selectText(page, '5,600');
  await page.keyboard.press('3');
  await page.keyboard.press('Escape');
  const actors = page.locator('.ProseMirror .hl-actor');
  const figures = page.locator('.ProseMirror .hl-figure');
  await expect(actors).toHaveCount(1);
  await expect(figures).toHaveCount(1);

  await page.locator('.tag-filters').getByLabel('Actor').uncheck();
  await expect(actors).toHaveCount(0);
  await expect(figures).toHaveCount(1);
  await expect(page.locator('.tag-list .tag-item')).toHaveCount(1);

  // A teammate's tag arrives; "Only mine" hides it in the article too.
  const tagged = workbench.cli(['tag', projectPath, 'Miami', '--kind', 'figure', '--quote', '200', '--analyst', 'Ben']);
  expect(tagged.code, tagged.stderr).toBe(0);
  await expect(figures).toHaveCount(2);
  await page.locator('.tag-filters').getByLabel('Analyst').selectOption('mine');
  await expect(figures).toHaveCount(1);

  await selectText(page, 'Budanov');
  await page.keyboard.press('2');
  await expect(page.locator('.tag-filters').getByLabel('Actor')).toBeChecked();
  await expect(actors).toHaveCount(2);
});

// Managing documents in the workbench: editing a sample's date shows it in the list; removing a document (after a
// confirmation naming its tags) takes it and its tags away, and Undo brings both back.
import { expect, test } from './fixtures';
import { importThroughPicker, selectText, setAnalystName, tagInList } from './helpers';

const UNDATED = '002_1d2e21283015eb8c.txt';
const DATED = '000_734da4ab211b7c49.txt';

test("edits a sample document's date with the keyboard and sees it in the list", async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, [DATED, UNDATED]);
  const item = page.locator('.document-item.current');
  await expect(item.locator('.document-meta')).toContainText('no date');
  const title = (await page.locator('.document-header h1').textContent()) ?? '';

  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Details of the document' });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Published on (YYYY-MM-DD)')).toBeFocused();
  await page.keyboard.type('2026-01-18');
  await dialog.getByLabel('Author').fill('A. Writer');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await expect(item.locator('.document-meta')).toContainText('2026-01-18');
  await expect(item.locator('.document-title')).toHaveText(title);
  await expect(page.locator('.document-byline')).toContainText('2026-01-18 · A. Writer');
  const again = await workbench.reopen();
  await expect(again.locator('.document-item', { hasText: title.slice(0, 30) }).locator('.document-meta')).toContainText('2026-01-18');
});

test('removes a document after a confirmation naming its tags, and Undo brings it back with its tags', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, [UNDATED, DATED]);
  await expect(page.locator('.document-item')).toHaveCount(2);
  await expect(page.locator('.document-header h1')).toHaveText(/Miami Negotiations/);
  await selectText(page, 'Budanov');
  await page.keyboard.press('2');
  await expect(tagInList(page, 'Budanov')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await selectText(page, 'Umerov');
  await page.keyboard.press('2');
  await expect(tagInList(page, 'Umerov')).toHaveCount(1);

  await page.getByRole('button', { name: 'Remove document' }).click();
  const confirm = page.getByRole('alertdialog', { name: /Remove “Miami Negotiations/ });
  await expect(confirm).toContainText('Its 2 tags go with it.');
  await confirm.getByRole('button', { name: 'Remove document' }).click();
  await expect(page.locator('.document-item')).toHaveCount(1);
  await expect(page.locator('.document-item', { hasText: 'Miami Negotiations' })).toHaveCount(0);
  await expect(page.locator('.message')).toContainText('Removed “Miami Negotiations');

  await page.locator('.message').getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.document-item')).toHaveCount(2);
  await expect(page.locator('.document-header h1')).toHaveText(/Miami Negotiations/);
  await expect(tagInList(page, 'Budanov')).toHaveCount(1);
  await expect(tagInList(page, 'Umerov')).toHaveCount(1);
  await expect(page.locator('.document-item.current .kind-chip.chip-actor')).toContainText('2');
});

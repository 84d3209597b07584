// Messages and cues tell the truth and get out of the way: a success goes by itself, a partly successful import says what
// worked and what did not and stays until dismissed; dragging files shows the drop zone.
import { expect, test } from './fixtures';
import { importThroughPicker, setAnalystName } from './helpers';

test('a success message expires on its own', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['000_734da4ab211b7c49.txt']);
  const message = page.locator('.message');
  await expect(message).toContainText('Imported');
  await expect(message).toHaveCount(0, { timeout: 15_000 });
});

test('a message that goes away does not move the article: a passage about to be selected stays under the pointer', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['000_734da4ab211b7c49.txt']);
  const message = page.locator('.message');
  await expect(message).toContainText('Imported');
  const top = () => page.locator('.article-mount').evaluate((mount) => mount.getBoundingClientRect().top);
  const before = await top();
  await message.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(message).toHaveCount(0);
  expect(await top()).toBe(before);
});

test('a partly successful import says what was imported and what was not, and stays until dismissed', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['000_734da4ab211b7c49.txt', { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }]);
  const message = page.locator('.message');
  await expect(message).toHaveClass(/message-partial/);
  await expect(message).toContainText('Imported “Miami Negotiations');
  await expect(message).toContainText('Not imported (1):');
  await page.waitForTimeout(13_000);
  await expect(message).toBeVisible();
  await message.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(message).toHaveCount(0);
});

test('dragging files over the window shows where to drop them, and leaving takes it away', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  const files = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Title\n\nText.'], 'article.txt', { type: 'text/plain' }));
    return transfer;
  });
  await page.dispatchEvent('main, body', 'dragover', { dataTransfer: files });
  await expect(page.locator('.drop-zone')).toContainText('Drop articles to import them');
  await page.dispatchEvent('body', 'dragleave', { dataTransfer: files });
  await expect(page.locator('.drop-zone')).toHaveCount(0);
});

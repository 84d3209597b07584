// A project file dropped on the window is not an article: it is offered for merging (the preview, which writes
// nothing until confirmed), and articles dropped with it are imported as usual.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, SAMPLES, test } from './fixtures';
import { setAnalystName, WARNING_ARTICLE } from './helpers';

test('a dropped .marginalia file opens the merge preview instead of being refused as an article', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  const ben = join(workbench.settingsDir, '..', 'ben.marginalia');
  expect(workbench.cli(['new', ben, '--analyst', 'Ben Colleague']).code).toBe(0);
  expect(workbench.cli(['import', ben, join(SAMPLES, WARNING_ARTICLE), '--analyst', 'Ben Colleague']).code).toBe(0);
  const files = await page.evaluateHandle(
    ([bytes, name]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name));
      return transfer;
    },
    [[...readFileSync(ben)], 'ben.marginalia'] as const,
  );
  await page.dispatchEvent('body', 'drop', { dataTransfer: files });
  const dialog = page.getByRole('dialog', { name: /Merge/ });
  await expect(dialog).toContainText('Documents: 1 new, 0 already here');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.message-error')).toHaveCount(0);
  expect(JSON.parse(workbench.cli(['list', workbench.projectPath, '--json']).stdout)).toEqual([]);
});

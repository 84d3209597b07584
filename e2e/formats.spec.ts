// End-to-end: a PDF dropped on the window is imported with its pages; a tagged passage shows its page in the margin, the details and the CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, ROOT, test } from './fixtures';
import { selectText, setAnalystName } from './helpers';

const BRIEF = join(ROOT, 'src-main', 'core', 'article-import', 'fixtures', 'brief-3-pages.pdf');

test('a dropped PDF keeps its pages: in the margin, in the tag details and in the CSV', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  const base64 = readFileSync(BRIEF).toString('base64');
  const dataTransfer = await page.evaluateHandle((content) => {
    const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'brief.pdf', { type: 'application/pdf' }));
    return transfer;
  }, base64);
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
  await expect(page.locator('.document-header h1')).toHaveText('Security Guarantees for Ukraine', { timeout: 30_000 });
  // One margin label where each page begins; the running header and page numbers are not in the text.
  await expect(page.locator('.ProseMirror [data-page]')).toHaveCount(3);
  await expect(page.locator('.ProseMirror [data-page="2"]')).toHaveText('What Europe Offers');
  await expect(page.locator('.ProseMirror')).not.toContainText('Institute for Peace Studies');
  await expect(page.locator('.ProseMirror')).toContainText('the long-term reconstruction of the damaged energy grid');

  await selectText(page, 'a reassurance force of up to twenty thousand troops');
  await page.keyboard.press('1');
  const details = page.getByRole('region', { name: 'Tag details' });
  await expect(details).toContainText('Page 2 of the original file');
  await details.getByRole('button', { name: 'Done' }).click();

  const exported = workbench.cli(['export', workbench.projectPath, '--format', 'csv', '--out', '-']);
  expect(exported.code, exported.stderr).toBe(0);
  const [header, ...rows] = exported.stdout.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const columns = (header ?? '').split(',');
  const row = rows.find((r) => r.includes('a reassurance force of up to twenty thousand troops'))?.split(',');
  expect(row?.[columns.indexOf('page')]).toBe('2');
});

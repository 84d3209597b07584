// Reading and tagging by keyboard only: a caret in the article, word-wise selection, tagging, back to the article
// with Esc, and undo from there.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importThroughPicker, setAnalystName, tagInList } from './helpers';

/** The article text after the caret, up to 40 characters; null when the caret is not in the article. */
function textAfterCaret(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const selection = document.getSelection();
    const node = selection?.focusNode;
    if (!selection || !node || !document.querySelector('.ProseMirror')?.contains(node)) return null;
    const range = document.createRange();
    range.setStart(node, selection.focusOffset);
    range.setEndAfter(document.querySelector('.ProseMirror') as Node);
    return range.toString().slice(0, 40);
  });
}

test('keyboard only: caret before a name, Ctrl+Shift+→ selects it, 2 tags it, Esc returns, Ctrl+Z undoes it', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['000_734da4ab211b7c49.txt']);

  // Tab into the article: the caret appears at its start.
  for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) !== 'Article text'; i++) {
    await page.keyboard.press('Tab');
  }
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeFocused();
  await page.keyboard.press('Control+Home');

  // Word by word to just before "Rustem Umerov".
  for (let i = 0; i < 200; i++) {
    const after = (await textAfterCaret(page)) ?? '';
    if (after.startsWith('Rustem Umerov')) break;
    await page.keyboard.press(after.trimStart().startsWith('Rustem Umerov') ? 'ArrowRight' : 'Control+ArrowRight');
  }
  expect(await textAfterCaret(page)).toMatch(/^Rustem Umerov/);

  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(page.getByRole('toolbar', { name: 'Tag the selection' })).toBeVisible();
  await page.keyboard.press('2');
  await expect(tagInList(page, 'Rustem Umerov')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Tag details' })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeFocused();
  expect(await textAfterCaret(page)).toMatch(/^, Secretary/);

  await page.keyboard.press('Control+z');
  await expect(tagInList(page, 'Rustem Umerov')).toHaveCount(0);
  await expect(page.locator('.message')).toContainText('Undid');
});

test('N and P walk the tags in text order; ? lists every key; 1–4 decide a review difference', async ({ workbench }) => {
  const { page, projectPath } = workbench;
  await setAnalystName(page, 'Ada');
  await importThroughPicker(page, ['000_734da4ab211b7c49.txt']);
  for (const quote of ['Rustem Umerov', 'Kyiv']) {
    const tagged = workbench.cli(['tag', projectPath, 'Miami', '--kind', 'actor', '--quote', quote, '--analyst', 'Ada']);
    expect(tagged.code, tagged.stderr).toBe(0);
  }
  await expect(page.locator('.tag-list .tag-item')).toHaveCount(2);
  const selected = page.locator('.tag-list .tag-item.selected .tag-quote');
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('n');
  await expect(selected).toHaveText('“Kyiv”');
  await page.keyboard.press('n');
  await expect(selected).toHaveText('“Rustem Umerov”');
  await page.keyboard.press('p');
  await expect(selected).toHaveText('“Kyiv”');

  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('keep A, keep B, keep both, keep neither');
  await expect(help).toContainText('select the next / previous tag');
  await help.getByRole('button', { name: 'Close' }).click();

  // Ben tags Kyiv too (the page shows it live): in the review, 1 keeps A's tag of the current difference.
  const ben = workbench.cli(['tag', projectPath, 'Miami', '--kind', 'actor', '--quote', 'Kyiv', '--analyst', 'Ben']);
  expect(ben.code, ben.stderr).toBe(0);
  await expect(page.locator('.tag-list .tag-item')).toHaveCount(3);
  await page.getByRole('button', { name: 'Review…' }).click();
  await page.getByRole('combobox', { name: 'Analyst A' }).selectOption({ label: 'Ada' });
  await page.getByRole('combobox', { name: 'Analyst B' }).selectOption({ label: 'Ben' });
  await page.locator('.review-pane-b .hl').first().waitFor();
  await page.keyboard.press('n');
  const decision = page.getByRole('region', { name: 'Decision' });
  await expect(decision.locator('.decision-verdicts')).toContainText('A: ○ pending');
  await page.keyboard.press('1');
  // The review goes on to the next difference; the decision is in the project file.
  await expect
    .poll(() => {
      const exported = workbench.cli(['export', projectPath, '--format', 'json', '--out', '-']);
      const { annotations } = JSON.parse(exported.stdout) as { annotations: { review: { status: string } | null }[] };
      return annotations.filter((a) => a.review?.status === 'accepted').length;
    })
    .toBe(1);
});

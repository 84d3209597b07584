// Suggestions in the app: one mention of Budanov tagged and linked by hand, every other mention across the five
// sample articles accepted with one "accept all" after its preview (counted: at most one manual tag and one accept-all
// per person), a rejected suggestion still gone after a reload, the keyboard path (Shift+N, Enter; Shift+N, X), and
// a "new actor?" group accepted from the panel registering the actor, the panel passing axe-core.
import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, SAMPLES, test } from './fixtures';
import { importThroughPicker, selectText, setAnalystName, tagInList } from './helpers';

const FIVE = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'));

async function openDocument(page: Page, title: string): Promise<void> {
  await page.locator('.document-item', { hasText: title }).click();
  await expect(page.locator('.document-header h1')).toContainText(title);
}

/** The key of the focused suggestion in the article. */
async function focusedKey(page: Page): Promise<string> {
  const focused = page.locator('.article .sg-focused');
  await expect(focused).toHaveCount(1);
  return (await focused.getAttribute('data-suggestion-key')) ?? '';
}

test('Budanov registered once, all his mentions accepted in one step; a rejection survives a reload', async ({ workbench }) => {
  test.setTimeout(120_000); // five articles imported on a shared machine
  const { page, projectPath } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, FIVE);
  expect(FIVE).toHaveLength(5);
  const actions = { manualTags: 0, acceptAll: 0 };

  // One manual tag: the first mention in the Miami article, linked to a new actor under the registered spelling.
  await openDocument(page, 'Miami Secret Talks');
  await selectText(page, 'Kirill Budanov');
  await page.keyboard.press('2');
  const details = page.getByRole('region', { name: 'Tag details' });
  await details.getByRole('combobox', { name: 'Refers to' }).fill('Kyrylo Budanov');
  await details.getByRole('option', { name: 'Create “Kyrylo Budanov”' }).click();
  actions.manualTags++;
  await expect(page.locator('.article .sg-actor', { hasText: /^Budanov$/ })).toHaveCount(1);

  // One accept-all, for every document, after its preview count.
  await page.getByRole('tab', { name: 'Suggestions' }).click();
  const group = page.locator('.suggestion-group', { hasText: 'Kyrylo Budanov' });
  await expect(group).toContainText('1 here · 4 in project');
  await group.getByRole('button', { name: 'Accept all in all documents' }).click();
  const preview = page.getByRole('alertdialog', { name: 'Accept all' });
  await expect(preview).toContainText('Accept 4 suggestions for Kyrylo Budanov in all documents (3)?');
  await preview.getByRole('button', { name: 'Accept 4' }).click();
  actions.acceptAll++;
  await expect(page.locator('.message')).toContainText('Accepted 4 suggestions for Kyrylo Budanov: 4 tags created.');
  await expect(group).toHaveCount(0);
  await expect(page.locator('.article .hl-actor', { hasText: /^Budanov$/ })).toHaveCount(1);

  const listed = workbench.cli(['tags', projectPath, '--json']);
  expect(listed.code, listed.stderr).toBe(0);
  const tags = JSON.parse(listed.stdout) as { actorName: string | null; quote: string; documentId: string }[];
  const budanov = tags.filter((t) => t.actorName === 'Kyrylo Budanov');
  expect(budanov.map((t) => t.quote).sort()).toEqual(['Budanov', 'Budanov', 'Budanov', 'Kirill Budanov', 'Kyrylo Budanov']);
  expect(new Set(budanov.map((t) => t.documentId)).size).toBe(3);
  const persons = new Set(budanov.map((t) => t.actorName)).size;
  console.log(`Budanov's 5 mentions in 5 articles tagged with ${actions.manualTags} manual tag(s) and ${actions.acceptAll} accept-all(s) for ${persons} person.`);
  expect(actions.manualTags + actions.acceptAll).toBeLessThanOrEqual(persons * 2);

  // Idle, the page asks for nothing more (no refetch loop).
  const lists: string[] = [];
  page.on('request', (r) => /\/api\/suggestion\.(list|spans)$/.test(r.url()) && lists.push(r.url()));
  await page.waitForTimeout(2000);
  expect(lists).toEqual([]);

  // Reject another suggestion of the article with the keyboard; after a reload it is still not offered.
  await page.keyboard.press('Shift+N');
  const rejected = await focusedKey(page);
  const quote = await page.locator('.article .sg-focused').textContent();
  await page.keyboard.press('x');
  await expect(page.locator('.message')).toContainText(`Rejected “${quote}”`);
  await expect(page.locator(`.article [data-suggestion-key="${rejected}"]`)).toHaveCount(0);
  const reloaded = await workbench.reopen();
  await expect(reloaded.locator('.article .sg').first()).toBeVisible({ timeout: 30_000 }); // a fresh server reads the project again
  await expect(reloaded.locator(`.article [data-suggestion-key="${rejected}"]`)).toHaveCount(0);
  await expect(reloaded.locator('.article .hl-actor', { hasText: /^Budanov$/ })).toHaveCount(1);
});

test('the article drawn again on coming back from the review shows its suggestions', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['002_1d2e21283015eb8c.txt']);
  await expect(page.locator('.legend-suggestions')).not.toHaveClass(/is-reading/, { timeout: 30_000 });
  const drawn = await page.locator('.article .sg').count();
  expect(drawn).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Review…' }).click();
  await page.getByRole('button', { name: 'Back to the workbench' }).click();
  await expect(page.locator('.article .sg')).toHaveCount(drawn);
});

test('Shift+N focuses the next suggestion and Enter makes it a tag', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['002_1d2e21283015eb8c.txt']);
  await expect(page.locator('.article .sg').first()).toBeVisible();
  // The legend says while the "new actor?" names are read; they join the suggestions drawn, so the walk waits for them.
  await expect(page.locator('.legend-suggestions')).not.toHaveClass(/is-reading/, { timeout: 30_000 });
  await page.keyboard.press('Shift+N');
  await page.keyboard.press('Shift+N');
  const second = await focusedKey(page);
  const quote = (await page.locator('.article .sg-focused').textContent()) ?? '';
  await page.keyboard.press('Shift+P');
  expect(await focusedKey(page)).not.toBe(second);
  await page.keyboard.press('Shift+N');
  expect(await focusedKey(page)).toBe(second);
  await page.keyboard.press('Enter');
  await expect(tagInList(page, quote)).toHaveCount(1);
  await expect(page.locator(`.article [data-suggestion-key="${second}"]`)).toHaveCount(0);
  // The focus has gone on to the suggestion after it.
  expect(await focusedKey(page)).not.toBe(second);
});

test('accepting all of a "new actor?" group registers the actor and tags its mentions; the panel passes axe-core', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, ['002_1d2e21283015eb8c.txt']);
  await page.getByRole('tab', { name: 'Suggestions' }).click();
  const group = page.locator('.suggestion-group', { hasText: 'Sergei Lavrov' });
  await expect(group).toContainText('New actor?');
  const axe = await new AxeBuilder({ page }).include('.suggestions').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact !== 'minor').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  await group.getByRole('button', { name: 'Accept all here' }).click();
  const preview = page.getByRole('alertdialog', { name: 'Accept all' });
  await expect(preview).toContainText('for Sergei Lavrov in this document?');
  const count = Number((await preview.getByRole('button', { name: /^Accept \d+$/ }).textContent())?.replace('Accept ', ''));
  expect(count).toBeGreaterThan(0);
  await preview.getByRole('button', { name: /^Accept \d+$/ }).click();
  await expect(page.locator('.message')).toContainText('1 actor registered');
  await expect(tagInList(page, 'Sergei Lavrov')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Actors' }).click();
  await expect(page.locator('.registry-name', { hasText: 'Sergei Lavrov' })).toHaveCount(1);
});

// axe-core on every view an analyst meets: no violation of moderate impact or worse (WCAG 2.2 A and AA rules)
// on the name prompt, the workbench with a tag's details open, the export and merge dialogs, the review and
// the agreement figures.
import { join } from 'node:path';
import { expect, SAMPLES, test } from './fixtures';
import { importThroughPicker, selectText, setAnalystName, violations, WARNING_ARTICLE } from './helpers';

test('no accessibility violation on the name prompt, the workbench, tag details, export, merge, review and agreement', async ({ workbench }) => {
  const { page } = workbench;
  const found: Record<string, string[]> = {};
  await expect(page.getByRole('dialog', { name: 'Who is tagging?' })).toBeVisible();
  found['name prompt'] = await violations(page);
  await setAnalystName(page, 'Ada Analyst');

  await importThroughPicker(page, [WARNING_ARTICLE]);
  await selectText(page, 'did not formally return to office');
  await page.keyboard.press('4');
  await expect(page.getByRole('region', { name: 'Tag details' })).toBeVisible();
  found['workbench with tag details'] = await violations(page);

  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export the project' })).toBeVisible();
  found['export dialog'] = await violations(page);
  await page.getByRole('dialog', { name: 'Export the project' }).getByRole('button', { name: 'Cancel' }).click();

  const ben = join(workbench.settingsDir, '..', 'ben.marginalia');
  const env = ['--analyst', 'Ben Colleague'];
  expect(workbench.cli(['new', ben, ...env]).code).toBe(0);
  expect(workbench.cli(['import', ben, join(SAMPLES, WARNING_ARTICLE), ...env]).code).toBe(0);
  expect(workbench.cli(['tag', ben, 'Diplomatic', '--kind', 'reliability_warning', '--quote', 'did not formally return to office', ...env]).code).toBe(0);
  await page.getByTestId('merge-input').setInputFiles(ben);
  const merge = page.getByRole('dialog', { name: /Merge/ });
  await expect(merge).toContainText('New tags');
  found['merge dialog'] = await violations(page);
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(merge).toBeHidden();

  await page.getByRole('button', { name: 'Review…' }).click();
  await page.getByRole('combobox', { name: 'Analyst B' }).selectOption({ label: 'Ben Colleague' });
  await expect(page.locator('.review-pane-b .hl').first()).toBeVisible();
  found['review'] = await violations(page);
  await page.getByRole('tab', { name: 'Agreement' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('κ');
  found['agreement'] = await violations(page);
  // Every view checked, all at once, so one run names every violation.
  expect(Object.keys(found)).toHaveLength(6);
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((view) => [view, []])));
});

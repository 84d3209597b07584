// Who and whom: same-named actors and analysts combined, renaming yourself, empty actor fields, repeated tags, counts.
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, SAMPLES, test, type Workbench } from './fixtures';
import { importThroughPicker, selectText, setAnalystName, tagInList, WARNING_ARTICLE } from './helpers';

const MIAMI = '000_734da4ab211b7c49.txt';

interface ExportedTag {
  kind: string;
  quote: string | null;
  analyst: string;
  deletedAt: string | null;
  attributes: { actorId?: string | null; claimantId?: string | null };
}

function exportedTags(workbench: Workbench): ExportedTag[] {
  const out = workbench.cli(['export', workbench.projectPath, '--format', 'json', '--out', '-']);
  expect(out.code).toBe(0);
  return (JSON.parse(out.stdout) as { annotations: ExportedTag[] }).annotations.filter((a) => a.deletedAt === null);
}

function registry(workbench: Workbench): { id: string; name: string }[] {
  return JSON.parse(workbench.cli(['actors', workbench.projectPath, '--json']).stdout) as { id: string; name: string }[];
}

test('combines two same-named actors from the registry, with a preview, and opens a mention', async ({ workbench }) => {
  const { page } = workbench;
  const source = join(SAMPLES, MIAMI);
  // Ada and Ben each registered “Kyrylo Budanov” in their own project; merging Ben's brings a second one.
  const ada = ['--analyst', 'Ada Analyst'];
  expect(workbench.cli(['import', workbench.projectPath, source, join(SAMPLES, WARNING_ARTICLE), ...ada]).code).toBe(0);
  expect(workbench.cli(['tag', workbench.projectPath, 'Miami', '--kind', 'actor', '--quote', 'Kyrylo Budanov', '--set', 'actor=Kyrylo Budanov', ...ada]).code).toBe(0);
  const ben = join(workbench.settingsDir, '..', 'ben.marginalia');
  const benArgs = ['--analyst', 'Ben Colleague'];
  expect(workbench.cli(['new', ben, ...benArgs]).code).toBe(0);
  expect(workbench.cli(['import', ben, source, ...benArgs]).code).toBe(0);
  expect(workbench.cli(['tag', ben, 'Miami', '--kind', 'claim', '--quote', 'Budanov', '--set', 'claimant=Kyrylo Budanov', ...benArgs]).code).toBe(0);
  expect(workbench.cli(['merge', workbench.projectPath, ben, ...ada]).code).toBe(0);
  expect(registry(workbench).filter((a) => a.name === 'Kyrylo Budanov')).toHaveLength(2);

  await page.reload();
  await setAnalystName(page, 'Ada Analyst');
  await page.getByRole('tab', { name: 'Actors' }).click();
  const actors = page.getByRole('region', { name: 'Actor registry' });
  await expect(actors.getByRole('status')).toContainText('2 actors share a name');
  const entries = actors.locator('.registry-item', { hasText: 'Kyrylo Budanov' });
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('same name');

  // Ada's actor: one mention (her actor tag); Ben's: one (his claim's claimant).
  await entries.filter({ hasText: '1 mention' }).first().click();
  const entry = actors.locator('.registry-entry');
  await expect(entry).toContainText('Mentions: 1 in 1 document');
  const combine = entry.getByLabel('Combine another actor into this one');
  await expect(combine.locator('option:checked')).toContainText('Kyrylo Budanov · person · 1 tag');
  await expect(entry.getByRole('status')).toContainText('1 tag in 1 document will name “Kyrylo Budanov”');
  await entry.getByRole('button', { name: 'Combine into “Kyrylo Budanov”' }).click();
  await expect(page.locator('.message')).toContainText('1 tag relinked');
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText('2 mentions');
  await expect(actors.getByRole('status')).toHaveCount(0);

  const [kept, ...others] = registry(workbench);
  expect(others).toEqual([]);
  expect(kept?.name).toBe('Kyrylo Budanov');
  const tags = exportedTags(workbench);
  expect(tags.find((t) => t.kind === 'claim')?.attributes.claimantId).toBe(kept?.id);
  expect(tags.find((t) => t.kind === 'actor')?.attributes.actorId).toBe(kept?.id);

  // A mention opens its document with the tag selected.
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.locator('.document-item', { hasText: 'Diplomatic Mirage' }).click();
  await expect(page.locator('.document-header h1')).toContainText('Diplomatic Mirage');
  await page.getByRole('tab', { name: 'Actors' }).click();
  await entries.click();
  await actors.locator('.mention-document summary', { hasText: 'Miami' }).click();
  await actors.getByRole('button', { name: /“Budanov”.*claimant/ }).click();
  await expect(page.locator('.document-header h1')).toContainText('Miami Negotiations');
  await expect(page.locator('.tag-item.selected')).toContainText('“Budanov”');
  await expect(page.getByRole('region', { name: 'Tag details' })).toContainText('Claim');

  // Undo separates them again.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(entries).toHaveCount(2);
});

test('after a merge that leaves two actors of one name, the merge dialog says so and opens the registry there', async ({ workbench }) => {
  const { page } = workbench;
  const source = join(SAMPLES, MIAMI);
  expect(workbench.cli(['import', workbench.projectPath, source, '--analyst', 'Ada Analyst']).code).toBe(0);
  expect(workbench.cli(['tag', workbench.projectPath, 'Miami', '--kind', 'actor', '--quote', 'Kyrylo Budanov', '--set', 'actor=Kyrylo Budanov', '--analyst', 'Ada Analyst']).code).toBe(0);
  const ben = join(workbench.settingsDir, '..', 'ben.marginalia');
  expect(workbench.cli(['new', ben, '--analyst', 'Ben Colleague']).code).toBe(0);
  expect(workbench.cli(['import', ben, source, '--analyst', 'Ben Colleague']).code).toBe(0);
  expect(workbench.cli(['tag', ben, 'Miami', '--kind', 'actor', '--quote', 'Budanov', '--set', 'actor=Kyrylo Budanov', '--analyst', 'Ben Colleague']).code).toBe(0);

  await page.reload();
  await setAnalystName(page, 'Ada Analyst');
  await page.getByTestId('merge-input').setInputFiles(ben);
  const dialog = page.getByRole('dialog', { name: /Merge/ });
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toContainText('“Kyrylo Budanov” is in the registry twice');
  await dialog.getByRole('button', { name: 'Combine in the registry…' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Actors' })).toHaveAttribute('aria-selected', 'true');
  const open = page.locator('.registry-item[aria-expanded="true"]');
  await expect(open).toContainText('Kyrylo Budanov');
  await expect(page.locator('.registry-entry').getByLabel('Combine another actor into this one').locator('option:checked')).toContainText('Kyrylo Budanov');
});

test('renaming yourself renames your analyst: your tags show the new name and no second analyst appears', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page, 'Ada Analyst');
  await importThroughPicker(page, [WARNING_ARTICLE]);
  await selectText(page, 'did not formally return to office');
  await page.keyboard.press('4');
  await expect(tagInList(page, 'did not formally return to office')).toContainText('Ada Analyst');

  await page.getByRole('button', { name: 'Analyst: Ada Analyst' }).click();
  const dialog = page.getByRole('dialog', { name: 'Who is tagging?' });
  await dialog.getByLabel('Your name').fill('Ada Lovelace');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Analyst: Ada Lovelace' })).toBeVisible();
  await expect(tagInList(page, 'did not formally return to office')).toContainText('Ada Lovelace');

  await page.getByRole('tab', { name: 'Analysts' }).click();
  const analysts = page.getByRole('region', { name: 'Analysts' });
  await expect(analysts.locator('.analyst-item')).toHaveCount(1);
  await expect(analysts.locator('.analyst-item')).toContainText('Ada Lovelace');
  await expect(analysts.locator('.analyst-item')).toContainText('1 tag');
  expect(exportedTags(workbench).map((t) => t.analyst)).toEqual(['Ada Lovelace']);
});

test('the Analysts tab tells two same-named analysts apart and combines them, undoably', async ({ workbench }) => {
  const { page } = workbench;
  // Two identities called “Ben”: one tagged here, one in a file of his that was merged.
  const article = join(SAMPLES, WARNING_ARTICLE);
  expect(workbench.cli(['import', workbench.projectPath, article, '--analyst', 'Ben']).code).toBe(0);
  expect(workbench.cli(['tag', workbench.projectPath, 'Diplomatic', '--kind', 'claim', '--quote', 'reignited speculation', '--analyst', 'Ben']).code).toBe(0);
  const other = join(workbench.settingsDir, '..', 'ben-laptop.marginalia');
  expect(workbench.cli(['new', other, '--analyst', 'Ben']).code).toBe(0);
  expect(workbench.cli(['import', other, article, '--analyst', 'Ben']).code).toBe(0);
  expect(workbench.cli(['tag', other, 'Diplomatic', '--kind', 'actor', '--quote', 'Kamala Harris', '--analyst', 'Ben']).code).toBe(0);
  expect(workbench.cli(['merge', workbench.projectPath, other, '--analyst', 'Ben']).code).toBe(0);

  await page.reload();
  await setAnalystName(page, 'Ada Analyst');
  await page.getByRole('tab', { name: 'Analysts' }).click();
  const analysts = page.getByRole('region', { name: 'Analysts' });
  const bens = analysts.locator('.analyst-item', { hasText: 'Ben' });
  await expect(bens).toHaveCount(2);
  await expect(bens.nth(0)).toContainText('same name');
  // The filter of the tag list names them with their id prefix.
  const filterLabels = await page.getByLabel('Analyst', { exact: true }).locator('option').allTextContents();
  expect(filterLabels.filter((l) => l.startsWith('Ben (')).length).toBe(2);

  await bens.nth(0).click();
  const entry = analysts.locator('.registry-entry');
  const target = entry.getByLabel(/Move all of Ben’s tags to/);
  const otherBen = (await target.locator('option', { hasText: 'Ben (' }).getAttribute('value')) ?? '';
  await target.selectOption(otherBen);
  await expect(entry.getByRole('status')).toContainText('1 tag of Ben');
  await entry.getByRole('button', { name: /Combine into Ben/ }).click();
  await expect(page.locator('.message')).toContainText('Undo takes them back');
  await expect(bens).toHaveCount(1);
  await expect(bens).toContainText('2 tags');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(bens).toHaveCount(2);
});

test('Enter on an empty “Refers to” or “Claimant” field links nobody', async ({ workbench }) => {
  const { page } = workbench;
  // The registry is not empty: an empty field used to link its first actor.
  expect(workbench.cli(['import', workbench.projectPath, join(SAMPLES, WARNING_ARTICLE), '--analyst', 'Ada Analyst']).code).toBe(0);
  expect(workbench.cli(['tag', workbench.projectPath, 'Diplomatic', '--kind', 'actor', '--quote', 'Kamala Harris', '--set', 'actor=Kamala Harris', '--analyst', 'Ada Analyst']).code).toBe(0);
  await page.reload();
  await setAnalystName(page, 'Ada Analyst');
  const details = page.getByRole('region', { name: 'Tag details' });
  const updates: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/annotation.update')) updates.push(request.url());
  });
  /** Enter, then long enough for a link it made to reach the project: it used to be saved at once. */
  const enterAndSettle = async (field: Locator) => {
    await field.press('Enter');
    await page.waitForTimeout(500);
    expect(updates).toEqual([]);
  };

  await selectText(page, 'Donald Trump');
  await page.keyboard.press('2');
  const refersTo = details.getByRole('combobox', { name: 'Refers to' });
  await expect(refersTo).toBeFocused();
  await expect(details.getByRole('option', { name: 'Kamala Harris' })).toBeVisible();
  await enterAndSettle(refersTo);
  await expect(tagInList(page, 'Donald Trump')).toContainText('not linked to an actor');

  await selectText(page, 'reignited speculation');
  await page.keyboard.press('1');
  const claimant = details.getByRole('combobox', { name: 'Claimant' });
  await claimant.focus();
  await enterAndSettle(claimant);
  await expect(tagInList(page, 'reignited speculation')).toContainText('unverified');
  await expect(tagInList(page, 'reignited speculation')).not.toContainText('claimed by');

  // Typing a name that is not in the registry offers to create it.
  await claimant.fill('Kamala H');
  await expect(details.getByRole('option', { name: 'Kamala Harris' })).toBeVisible();
  await claimant.fill('Kamala Devi Harris');
  await expect(details.getByRole('option', { name: 'Create “Kamala Devi Harris”' })).toBeVisible();

  const tags = exportedTags(workbench);
  expect(tags.find((t) => t.quote === 'Donald Trump')?.attributes.actorId).toBeNull();
  expect(tags.find((t) => t.quote === 'reignited speculation')?.attributes.claimantId).toBeNull();
});

test('the same passage tagged as the same kind again selects the existing tag; the document counts follow every change', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page, 'Ada Analyst');
  await importThroughPicker(page, [WARNING_ARTICLE]);
  const warnings = page.locator('.document-item .chip-reliability_warning');
  await expect(warnings).toHaveText('W 0');

  await selectText(page, 'did not formally return to office');
  await page.keyboard.press('4');
  await expect(warnings).toHaveText('W 1');
  await page.getByRole('button', { name: 'Done' }).click();
  await selectText(page, 'did not formally return to office');
  await page.keyboard.press('4');
  await expect(page.locator('.message')).toContainText('already tagged this passage');
  await expect(tagInList(page, 'did not formally return to office')).toHaveCount(1);
  await expect(page.locator('.tag-item.selected')).toContainText('did not formally return to office');
  await expect(warnings).toHaveText('W 1');

  await page.getByRole('button', { name: 'Delete tag' }).click();
  await expect(warnings).toHaveText('W 0');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(warnings).toHaveText('W 1');
});

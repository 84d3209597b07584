// The tag table and the checks panel on the sample articles: the table filtered by actor shows exactly that actor's tags,
// sorts by a column and opens a row at its tag; the checks find the 8000/800 billion slip and Umerov's roles, a finding
// becomes reliability warnings in one undo step, and a dismissed finding stays dismissed after a reload; axe-core finds
// no violation of moderate impact or worse in either.
import { expect, test, type Workbench } from './fixtures';
import { importThroughPicker, setAnalystName, violations } from './helpers';

const SAMPLES = ['000_734da4ab211b7c49.txt', '001_53db5d5361afbcfc.txt', '002_1d2e21283015eb8c.txt', '003_756f07eddf996290.txt', '004_27bf8040a9b2cbc5.txt'];
const ADA = ['--analyst', 'Ada Analyst'];

interface CliRow {
  id: string;
  documentTitle: string;
  kind: string;
  category: string | null;
}

/** The project's tags as `marginalia tags --json` lists them, with the options given. */
function cliTags(workbench: Workbench, ...options: string[]): CliRow[] {
  const listed = workbench.cli(['tags', workbench.projectPath, ...options, '--json']);
  expect(listed.code).toBe(0);
  return JSON.parse(listed.stdout) as CliRow[];
}

/** The sample articles imported in the app; Umerov's mentions and the two billion-dollar figures tagged as an analyst would. */
async function taggedSamples(workbench: Workbench): Promise<void> {
  test.setTimeout(120_000); // five articles imported and several commands run on a shared machine
  const { page, cli, projectPath } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, SAMPLES);
  expect(cli(['search', projectPath, 'Umerov', '--tag', 'actor', '--set', 'actor=Rustem Umerov', ...ADA]).code).toBe(0);
  expect(cli(['tag', projectPath, 'Miami Negotiations', '--kind', 'figure', '--quote', '800 billion dollars', ...ADA]).code).toBe(0);
  expect(cli(['tag', projectPath, 'Miami Secret Talks', '--kind', 'figure', '--quote', '8000 billion dollars', ...ADA]).code).toBe(0);
}

test('the tag table filtered by actor shows exactly its tags, sorts by document, and a row opens its document at the tag', async ({ workbench }) => {
  const { page } = workbench;
  await taggedSamples(workbench);
  const umerov = cliTags(workbench, '--actor', 'Rustem Umerov');
  expect(umerov.length).toBeGreaterThan(3);
  const all = cliTags(workbench);

  await page.getByRole('button', { name: 'Tag table' }).click();
  const grid = page.getByRole('grid', { name: 'Tags in the project' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(all.length + 1));
  await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption({ label: 'By actor' });
  await expect(page.locator('.table-groups li')).not.toHaveCount(0);
  expect(await violations(page)).toEqual([]);
  await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption({ label: 'No groups' });

  await page.getByRole('combobox', { name: 'Actor', exact: true }).selectOption({ label: 'Rustem Umerov' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(umerov.length + 1));
  const body = grid.locator('.tag-grid-scroll [role="row"]');
  await expect(body).toHaveCount(umerov.length);
  const shownIds = async () => body.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-annotation-id')));
  expect((await shownIds()).sort()).toEqual(umerov.map((r) => r.id).sort());

  // Sorting by document, then the other way round: the order `marginalia tags --sort document` gives.
  const header = grid.getByRole('columnheader', { name: /Document/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(shownIds).toEqual(cliTags(workbench, '--actor', 'Rustem Umerov', '--sort', 'document').map((r) => r.id));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(shownIds).toEqual(cliTags(workbench, '--actor', 'Rustem Umerov', '--sort', 'document', '--desc').map((r) => r.id));

  // Arrow down to the second row, Enter: the table closes and the document opens with that tag selected.
  const secondId = (await shownIds())[1] ?? '';
  const secondRow = umerov.find((r) => r.id === secondId);
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tag-row-1');
  await page.keyboard.press('Enter');
  await expect(grid).toBeHidden();
  await expect(page.locator('.reader header h1')).toHaveText(secondRow?.documentTitle ?? '');
  await expect(page.getByRole('region', { name: 'Tag details' })).toContainText('“Umerov”');
  await expect(page.locator(`.ProseMirror [data-annotation-id="${secondId}"]`).first()).toBeVisible();
});

test('the checks panel shows the 8000/800 billion slip and Umerov’s roles; a warning in one undo step; a dismissal outlives a reload', async ({ workbench }) => {
  const { page } = workbench;
  await taggedSamples(workbench);

  await page.getByRole('tab', { name: 'Checks' }).click();
  const panel = page.getByRole('region', { name: 'Checks' });
  const figures = panel.locator('.finding-figures').filter({ hasText: '8000 billion dollars' });
  await expect(figures).toHaveCount(1);
  await expect(figures.locator('.evidence-quote')).toHaveCount(2);
  expect((await figures.locator('.evidence-quote').allTextContents()).sort()).toEqual(['“800 billion dollars”', '“8000 billion dollars”']);
  const roles = panel.locator('.finding-roles').filter({ hasText: 'Rustem Umerov is given' });
  await expect(roles).toHaveCount(1);
  await expect(roles.locator('.finding-summary')).toContainText('“Defense Minister”');
  await expect(roles.locator('.finding-summary')).toContainText('“Secretary of the National Security and Defense Council”');
  expect(await violations(page)).toEqual([]);

  // Evidence opens its document at the passage.
  await figures.getByRole('button', { name: /8000 billion dollars/ }).click();
  await expect(page.locator('.reader header h1')).toContainText('Miami Secret Talks');
  await expect(page.getByRole('region', { name: 'Tag details' })).toContainText('“8000 billion dollars”');

  // W on the roles finding: every passage of its evidence a reliability warning (outdated role), undone in one step.
  const evidence = new Set(await roles.locator('.finding-evidence li').evaluateAll((items) => items.map((li) => li.getAttribute('data-annotation-id')))).size;
  await roles.focus();
  await page.keyboard.press('w');
  await expect(page.locator('.message')).toContainText(`Tagged ${evidence} passages as reliability warnings.`);
  const warnings = cliTags(workbench, '--kind', 'reliability_warning');
  expect(warnings).toHaveLength(evidence);
  expect(new Set(warnings.map((w) => w.category))).toEqual(new Set(['outdated_role']));
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.locator('.message')).toContainText('Undid');
  expect(cliTags(workbench, '--kind', 'reliability_warning')).toHaveLength(0);

  // Dismissed: gone from the list, and still gone after a reload; shown (marked) only when asked.
  await figures.getByRole('button', { name: 'Dismiss' }).click();
  await expect(figures).toHaveCount(0);
  await page.reload();
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expect(roles).toHaveCount(1);
  await expect(figures).toHaveCount(0);
  await panel.getByRole('checkbox', { name: 'Show dismissed' }).check();
  await expect(figures).toHaveCount(1);
  await expect(figures).toHaveClass(/dismissed/);
});

// The review mode: two analysts' tags side by side, walking and deciding their differences, agreement figures.
import { dirname, join } from 'node:path';
import { expect, SAMPLES, test, type Workbench } from './fixtures';
import { setAnalystName, WARNING_ARTICLE, WARNING_SENTENCE } from './helpers';

interface ExportedTag {
  kind: string;
  quote: string | null;
  analyst: string;
  review: { status: string; reviewerId: string; comment: string } | null;
}
interface Exported {
  annotations: ExportedTag[];
  analysts: { id: string; name: string }[];
}

/** Anna's and Ben's tags on article 004: one agreement, one tag only each, one kind apart, one overlapping. */
const TAGS: readonly [analyst: string, kind: string, quote: string][] = [
  ['Anna', 'claim', WARNING_SENTENCE],
  ['Ben', 'claim', WARNING_SENTENCE],
  ['Anna', 'actor', 'Jared Kushner'],
  ['Ben', 'figure', 'over 500,000 casualties'],
  ['Anna', 'claim', 'Kirill Dmitriev'],
  ['Ben', 'actor', 'Kirill Dmitriev'],
  ['Anna', 'claim', 'The meeting was met with alarm by Ukraine and its European allies'],
  ['Ben', 'claim', 'met with alarm by Ukraine'],
];

/** Runs the CLI and expects it to succeed. */
function cliOk(workbench: Workbench, args: string[]): void {
  const result = workbench.cli(args);
  expect(result.code, result.stderr).toBe(0);
}

/** Imports the sample article into `project` and tags it with `tags`, each as its analyst. */
function seed(workbench: Workbench, project: string, tags: readonly (readonly [analyst: string, kind: string, quote: string])[], importer = 'Anna'): void {
  cliOk(workbench, ['import', project, join(SAMPLES, WARNING_ARTICLE), '--analyst', importer]);
  for (const [analyst, kind, quote] of tags) cliOk(workbench, ['tag', project, 'Diplomatic', '--kind', kind, '--quote', quote, '--analyst', analyst]);
}

test('reviews two analysts’ tags side by side, decides differences and stores the decisions', async ({ workbench }) => {
  seed(workbench, workbench.projectPath, TAGS);
  const page = workbench.page;
  await page.reload();
  await setAnalystName(page, 'Rita Reviewer');

  await page.getByRole('button', { name: 'Review…' }).click();
  await page.getByRole('combobox', { name: 'Analyst A' }).selectOption({ label: 'Anna' });
  await page.getByRole('combobox', { name: 'Analyst B' }).selectOption({ label: 'Ben' });
  const paneA = page.getByRole('region', { name: 'Analyst A: Anna' });
  const paneB = page.getByRole('region', { name: 'Analyst B: Ben' });
  await expect(paneA.locator('.ProseMirror')).toContainText(WARNING_SENTENCE);
  await expect(paneB.locator('.ProseMirror')).toContainText(WARNING_SENTENCE);
  // Four tags a side (a tag is drawn in several spans where others cross it), each with its difference mark.
  const tagIds = (pane: typeof paneA, selector: string) => pane.locator(selector).evaluateAll((spans) => new Set(spans.map((s) => s.getAttribute('data-annotation-id'))).size);
  for (const pane of [paneA, paneB]) {
    await expect.poll(() => tagIds(pane, '.ProseMirror .hl')).toBe(4);
    await expect(pane.locator('.ProseMirror .hl-mark')).toHaveCount(4);
  }
  const onlyA = await paneA.locator('.hl-mark[data-mark="only_a"]').getAttribute('data-mark-for');
  expect((await paneA.locator(`.hl[data-annotation-id="${onlyA}"]`).allTextContents()).join('')).toBe('Jared Kushner');
  // The marks add no text: the panes read exactly as the article.
  expect(await paneA.locator('.ProseMirror').textContent()).not.toContain('∩');
  const selectedText = (pane: typeof paneA, selector = '.hl-selected') => pane.locator(selector).allTextContents().then((parts) => parts.join(''));

  // Every difference is listed in text order, its type in words.
  const items = page.getByRole('list', { name: 'Differences' }).getByRole('button');
  await expect(items).toHaveCount(5);
  const types = await items.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-difference-type')));
  expect(types).toEqual(['only_a', 'different_kind', 'only_b', 'agreed', 'overlap']);
  await expect(items.nth(0)).toContainText('Only in A');
  await expect(items.nth(0)).toContainText('“Jared Kushner”');
  await expect(items.nth(1)).toContainText('Same passage, different kind');
  await expect(items.nth(2)).toContainText('Only in B');
  await expect(items.nth(3)).toContainText('Agreed: same passage and kind');
  await expect(items.nth(4)).toContainText('Overlapping, different boundaries');
  await expect(page.getByLabel('Legend')).toContainText('Overlapping boundaries');

  // The first undecided difference is current; N and P walk the list, and both panes mark its tags.
  const current = page.locator('.difference-item[aria-current="true"]');
  await expect(current).toHaveAttribute('data-difference-type', 'only_a');
  await expect.poll(() => selectedText(paneA)).toBe('Jared Kushner');
  await page.keyboard.press('n');
  await expect(current).toHaveAttribute('data-difference-type', 'different_kind');
  await expect.poll(() => selectedText(paneA)).toBe('Kirill Dmitriev');
  await expect.poll(() => selectedText(paneB, '.hl-selected.hl-actor')).toBe('Kirill Dmitriev');
  await page.keyboard.press('p');
  await expect(current).toHaveAttribute('data-difference-type', 'only_a');

  // Typing in the comment field is not navigation.
  const comment = page.getByLabel('Comment (optional)');
  await comment.fill('Kushner is named as an envoy');
  await comment.press('n');
  await expect(current).toHaveAttribute('data-difference-type', 'only_a');
  await comment.fill('Kushner is named as an envoy');
  await page.getByRole('button', { name: 'Keep A', exact: true }).click();
  await expect(items.nth(0)).toContainText('accepted');
  await expect(current).toHaveAttribute('data-difference-type', 'different_kind');

  await page.getByRole('button', { name: /Accept all agreed/ }).click();
  await expect(page.getByRole('status')).toContainText('Accepted 1 agreement');
  await expect(items.nth(3).locator('.status-accepted')).toHaveCount(2);

  // Undo and redo refresh the list.
  const bar = page.getByRole('toolbar', { name: 'Review' });
  await bar.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(items.nth(3).locator('.status-pending')).toHaveCount(2);
  await bar.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(items.nth(3).locator('.status-accepted')).toHaveCount(2);

  // The decisions are in the project file.
  const exported = JSON.parse(workbench.cli(['export', workbench.projectPath, '--format', 'json', '--out', '-']).stdout) as Exported;
  const find = (analyst: string, quote: string) => exported.annotations.find((t) => t.analyst === analyst && t.quote === quote);
  const rita = exported.analysts.find((a) => a.name === 'Rita Reviewer');
  expect(find('Anna', 'Jared Kushner')?.review).toMatchObject({ status: 'accepted', reviewerId: rita?.id, comment: 'Kushner is named as an envoy' });
  expect(find('Anna', WARNING_SENTENCE)?.review?.status).toBe('accepted');
  expect(find('Ben', WARNING_SENTENCE)?.review?.status).toBe('accepted');
  expect(find('Ben', 'over 500,000 casualties')?.review ?? null).toBeNull();

  // Agreement figures for this document and the whole project, overall and per kind.
  await page.getByRole('tab', { name: 'Agreement' }).click();
  const overall = page.locator('.agreement-overall');
  await expect(overall.locator('td[data-measure="cohenKappa"]')).toHaveCount(2);
  for (const measure of ['cohenKappa', 'krippendorffAlpha', 'unitizedAlpha', 'f1Exact', 'f1Overlap']) {
    await expect(overall.locator(`td[data-measure="${measure}"]`).first()).toHaveText(/^-?\d\.\d{3}$/);
  }
  await expect(page.locator('.agreement-kind', { hasText: 'Claim' }).locator('.agreement-bar-value').first()).toHaveText(/^(-?\d\.\d{3}|—)$/);
  await expect(page.locator('.agreement-documents tbody tr')).toHaveCount(1);
  await expect(page.locator('.agreement-verdicts')).toContainText('α');

  // Scrolling one pane scrolls the other to the same place in the text: the heading at the top of A is at the top of B.
  await page.waitForTimeout(1000); // past the panes' own smooth scroll to the last difference
  const heading = '4.2 Trump-Aligned Narrative: Deal-Making as Statecraft';
  const headingTop = (pane: typeof paneA) =>
    pane.locator('.review-pane-scroll').evaluate((scroller, text) => {
      const block = [...scroller.querySelectorAll('.pm-section > *')].find((b) => b.textContent === text);
      return block ? Math.abs(Math.round(block.getBoundingClientRect().top - scroller.getBoundingClientRect().top)) : null;
    }, heading);
  await paneA.locator('.review-pane-scroll').evaluate((scroller, text) => {
    const block = [...scroller.querySelectorAll('.pm-section > *')].find((b) => b.textContent === text);
    scroller.scrollTo({ top: scroller.scrollTop + (block?.getBoundingClientRect().top ?? 0) - scroller.getBoundingClientRect().top });
  }, heading);
  await expect.poll(() => headingTop(paneA)).toBe(0);
  await expect.poll(() => headingTop(paneB)).toBe(0);

  await page.getByRole('button', { name: 'Back to the workbench' }).click();
  await expect(page.locator('.tag-list')).toBeVisible();
});

test('compares with a teammate’s file opened read-only, without merging it', async ({ workbench }) => {
  const { cli, projectPath } = workbench;
  const bens = join(dirname(projectPath), 'ben-laptop.marginalia');
  cliOk(workbench, ['new', bens, '--name', 'Ben’s laptop', '--analyst', 'Ben']);
  seed(workbench, projectPath, TAGS.filter(([analyst]) => analyst === 'Anna'));
  seed(workbench, bens, TAGS.filter(([analyst]) => analyst === 'Ben'), 'Ben');
  /** The project's contents as the JSON export has them, without the time of the export. */
  const contents = () => {
    const { exportedAt: _, ...rest } = JSON.parse(cli(['export', projectPath, '--format', 'json', '--out', '-']).stdout) as Record<string, unknown>;
    return rest;
  };
  const before = contents();
  expect((before as unknown as Exported).annotations).toHaveLength(4);

  const page = workbench.page;
  await page.reload();
  await setAnalystName(page, 'Rita Reviewer');
  await page.getByRole('button', { name: 'Review…' }).click();
  // One analyst in this project: the review says how to get a second set of tags.
  await expect(page.getByText('This project holds one analyst’s tags')).toBeVisible();
  await page.getByLabel('Teammate’s project file to compare').setInputFiles(bens);

  await expect(page.getByRole('status')).toContainText('Comparing with “ben-laptop.marginalia” (project “Ben’s laptop”): 1 of this project’s articles is in it');
  const paneB = page.getByRole('region', { name: 'Analyst B: Ben (in ben-laptop.marginalia)' });
  await expect(paneB.locator('.review-pane-source')).toHaveText('in “ben-laptop.marginalia”');
  const items = page.getByRole('list', { name: 'Differences' }).getByRole('button');
  await expect(items).toHaveCount(5);
  expect(await items.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-difference-type')))).toEqual(['only_a', 'different_kind', 'only_b', 'agreed', 'overlap']);

  // Read-only: no decisions, and the project is as it was.
  await expect(page.getByText('merge the file (Merge…) to decide on them')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Keep A', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: /Accept all agreed/ })).toBeDisabled();
  await page.getByRole('tab', { name: 'Agreement' }).click();
  await expect(page.locator('.agreement-overall td[data-measure="f1Exact"]').first()).toHaveText('0.250');
  expect(contents()).toEqual(before);

  // Closing the file leaves nothing to compare in a one-analyst project.
  await page.getByRole('button', { name: 'Close “ben-laptop.marginalia”' }).click();
  await expect(page.getByText('This project holds one analyst’s tags')).toBeVisible();
});

test('shows Fleiss’ κ when a third analyst tagged the same article', async ({ workbench }) => {
  seed(workbench, workbench.projectPath, [...TAGS, ['Cleo', 'claim', WARNING_SENTENCE]]);
  const page = workbench.page;
  await page.reload();
  await setAnalystName(page, 'Rita Reviewer');
  await page.getByRole('button', { name: 'Review…' }).click();
  await page.getByRole('combobox', { name: 'Analyst A' }).selectOption({ label: 'Anna' });
  await page.getByRole('combobox', { name: 'Analyst B' }).selectOption({ label: 'Ben' });
  await page.getByRole('tab', { name: 'Agreement' }).click();
  const fleiss = page.locator('.agreement-overall tr', { hasText: 'Fleiss’ κ, all analysts' });
  await expect(fleiss.locator('td')).toHaveCount(2);
  await expect(fleiss.locator('td').first()).toHaveText(/^-?\d\.\d{3}$/);
  await expect(page.locator('.agreement-documents thead')).toContainText('Fleiss κ');
});

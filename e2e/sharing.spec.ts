// Sharing from the workbench: exports as downloads (streamed by the server), the project as one file, and merging a teammate's file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { expect, SAMPLES, test } from './fixtures';
import { importThroughPicker, selectText, setAnalystName, tagInList, WARNING_ARTICLE } from './helpers';

test('exports a report, a spreadsheet and a REFI-QDA project named after the project, confirmed, and saves the project as one file', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page, 'Ada Analyst');
  await importThroughPicker(page, [WARNING_ARTICLE]);
  await selectText(page, 'did not formally return to office');
  await page.keyboard.press('4');
  await expect(tagInList(page, 'did not formally return to office')).toHaveCount(1);

  for (const [label, extension, check] of [
    ['Spreadsheet (CSV)', '.csv', (text: string) => expect(text).toContain('did not formally return to office')],
    ['Report (HTML)', '.html', (text: string) => expect(text).toContain('did not formally return to office')],
    ['REFI-QDA project (.qdpx)', '.qdpx', (text: string) => expect(text.slice(0, 2)).toBe('PK')],
  ] as const) {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the project' });
    await dialog.getByLabel(new RegExp(label.replace(/[().]/g, '\\$&'))).check();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const file = await download;
    // Named after the project and the format, and confirmed.
    expect(file.suggestedFilename()).toMatch(new RegExp(`^End-to-end-project-\\w+\\${extension}$`));
    await expect(page.locator('.message')).toContainText(`Exported “${file.suggestedFilename()}”`);
    check(readFileSync((await file.path()) ?? '', 'latin1'));
  }

  const packed = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Share project' }).click();
  const shared = await packed;
  expect(shared.suggestedFilename()).toMatch(/\.marginalia$/);
  expect(readFileSync((await shared.path()) ?? '').subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
});

test('downloads exports streamed by the server, byte for byte what `marginalia export` writes: a CSV file, and brat’s files zipped', async ({ workbench }, testInfo) => {
  test.skip(workbench.host !== 'browser', 'the desktop app saves an export through its save dialog instead');
  const { page } = workbench;
  await setAnalystName(page, 'Ada Analyst');
  await importThroughPicker(page, [WARNING_ARTICLE]);
  await selectText(page, 'did not formally return to office');
  await page.keyboard.press('4');
  await expect(tagInList(page, 'did not formally return to office')).toHaveCount(1);
  // One file as it is (CSV), and several zipped on the way (brat: a text and an annotation file per article).
  for (const [label, format] of [['Spreadsheet (CSV)', 'csv'], ['brat standoff (zip)', 'brat']] as const) {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the project' });
    await dialog.getByLabel(new RegExp(label.replace(/[().]/g, '\\$&'))).check();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const file = await download;
    expect(file.url()).toMatch(/\/api\/export\//);
    const downloaded = readFileSync((await file.path()) ?? '');
    const out = testInfo.outputPath(format === 'brat' ? 'cli-brat/' : `cli.${format}`);
    expect(workbench.cli(['export', workbench.projectPath, '--format', format, '--out', out]).code).toBe(0);
    if (format === 'csv') expect(downloaded).toEqual(readFileSync(out));
    else {
      const unzipped = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(downloaded))).map(([path, bytes]) => [path, Buffer.from(bytes)]));
      const written = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
      expect(unzipped).toEqual(Object.fromEntries(written.map((path) => [relative(out, path).split(sep).join('/'), readFileSync(path)])));
    }
  }
});

test('merges a teammate’s project file after a preview, keeping both analysts’ tags', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page, 'Ada Analyst');
  await importThroughPicker(page, [WARNING_ARTICLE]);
  await selectText(page, 'did not formally return to office');
  await page.keyboard.press('4');
  await expect(tagInList(page, 'did not formally return to office')).toHaveCount(1);

  // Ben tagged the same article in his own project.
  const ben = join(workbench.settingsDir, '..', 'ben.marginalia');
  const env = ['--analyst', 'Ben Colleague'];
  expect(workbench.cli(['new', ben, ...env]).code).toBe(0);
  expect(workbench.cli(['import', ben, join(SAMPLES, WARNING_ARTICLE), ...env]).code).toBe(0);
  expect(workbench.cli(['tag', ben, 'Diplomatic', '--kind', 'claim', '--quote', 'reignited speculation', '--set', 'status=disputed', ...env]).code).toBe(0);

  await page.getByTestId('merge-input').setInputFiles(ben);
  const dialog = page.getByRole('dialog', { name: /Merge/ });
  await expect(dialog).toContainText('Documents: 0 new, 1 already here');
  await expect(dialog).toContainText('New tags: 1 claim by Ben Colleague');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.message')).toContainText('Merged');
  await expect(tagInList(page, 'reignited speculation')).toHaveCount(1);
  await expect(page.locator('.tag-item', { hasText: 'reignited speculation' })).toContainText('Ben Colleague');

  const exported = JSON.parse(workbench.cli(['export', workbench.projectPath, '--format', 'json', '--out', '-']).stdout) as { annotations: { analyst: string; kind: string }[] };
  expect(exported.annotations.map((a) => `${a.kind}:${a.analyst}`).sort()).toEqual(['claim:Ben Colleague', 'reliability_warning:Ada Analyst']);
});

test('refuses a file that is not a project, saying why, and changes nothing', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await page.getByTestId('merge-input').setInputFiles({ name: 'notes.marginalia', mimeType: 'application/octet-stream', buffer: Buffer.from('just some notes, not a database') });
  await expect(page.locator('.message-error')).toContainText('“notes.marginalia”');
  await expect(page.locator('.message-error')).toContainText('not a Marginalia project');
  await expect(page.getByRole('dialog', { name: /Merge/ })).toHaveCount(0);
});

test('after a merge, actors that look like one are combined when the reviewer confirms', async ({ workbench }) => {
  const { page } = workbench;
  const source = join(SAMPLES, '000_734da4ab211b7c49.txt');
  // Ada and Ben each added “Kyrylo Budanov” to their own registry: two actors with different ids.
  const ada = ['--analyst', 'Ada Analyst'];
  expect(workbench.cli(['import', workbench.projectPath, source, ...ada]).code).toBe(0);
  expect(workbench.cli(['tag', workbench.projectPath, 'Miami', '--kind', 'actor', '--quote', 'Kyrylo Budanov', '--set', 'actor=Kyrylo Budanov', ...ada]).code).toBe(0);
  const ben = join(workbench.settingsDir, '..', 'ben.marginalia');
  const benArgs = ['--analyst', 'Ben Colleague'];
  expect(workbench.cli(['new', ben, ...benArgs]).code).toBe(0);
  expect(workbench.cli(['import', ben, source, ...benArgs]).code).toBe(0);
  expect(workbench.cli(['tag', ben, 'Miami', '--kind', 'claim', '--quote', 'Budanov', '--set', 'claimant=Kyrylo Budanov', ...benArgs]).code).toBe(0);

  await setAnalystName(page, 'Ada Analyst');
  await page.getByTestId('merge-input').setInputFiles(ben);
  const dialog = page.getByRole('dialog', { name: /Merge/ });
  await expect(dialog).toContainText('New tags: 1 claim by Ben Colleague');
  await expect(dialog).toContainText('“Kyrylo Budanov” looks like “Kyrylo Budanov”');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog.getByRole('status')).toContainText('Merged');
  await dialog.getByRole('button', { name: 'Treat as one' }).click();
  await expect(dialog).toContainText('Combined.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  const actors = JSON.parse(workbench.cli(['actors', workbench.projectPath, '--json']).stdout) as { id: string; name: string }[];
  expect(actors.map((a) => a.name)).toEqual(['Kyrylo Budanov']);
  const exported = JSON.parse(workbench.cli(['export', workbench.projectPath, '--format', 'json', '--out', '-']).stdout) as { annotations: { kind: string; attributes: { claimantId?: string } }[] };
  expect(exported.annotations.find((a) => a.kind === 'claim')?.attributes.claimantId).toBe(actors[0]?.id);
});

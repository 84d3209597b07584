// `npm run screenshot`: builds the sample project, serves it, and saves docs/screenshot.png of the workbench.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createSampleProject } from '../src-main/core/sample-project';
import { startServer } from '../src-main/serve/server';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { CHROMIUM_ARGS } from '../e2e/fixtures';

const ROOT = join(import.meta.dirname, '..');
const dir = temporaryDirectory();
try {
  const projectPath = join(dir.path, 'Sample.marginalia');
  const settingsDir = join(dir.path, 'settings');
  mkdirSync(settingsDir);
  writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ analystName: 'Ada Analyst' }));
  await createSampleProject(projectPath, 'Ada Analyst', join(ROOT, 'resources', 'sample'));
  const server = await startServer({ projectPath, settingsDir, staticDir: join(ROOT, 'out', 'renderer') });
  const browser = await chromium.launch({ executablePath: process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(server.url);
    await page.locator('.document-item', { hasText: 'A Diplomatic Mirage' }).click();
    await page.locator('.tag-item', { hasText: '“did not formally return to office”' }).first().click();
    await page.waitForTimeout(1500); // let the flash fade
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
    console.log('Wrote docs/screenshot.png');
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  dir.remove();
}

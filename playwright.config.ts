// End-to-end tests: the same specs run against the browser mode (marginalia serve + Chromium) and the desktop app.
import { defineConfig } from '@playwright/test';
import { ELECTRON_MISSING, electronBinary } from './e2e/electron-binary';

if (electronBinary() === null) console.warn(`\n⚠ ${ELECTRON_MISSING}\n`);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'browser', metadata: { host: 'browser' } },
    { name: 'desktop', metadata: { host: 'desktop' } },
  ],
});

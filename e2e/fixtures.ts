// Playwright fixtures: a fresh project and settings folder per test, opened in the browser mode or the desktop app.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, _electron, test as base, type Browser, type Page } from '@playwright/test';
import { ELECTRON_MISSING, electronBinary } from './electron-binary';

export const ROOT = join(import.meta.dirname, '..');
export const SAMPLES = join(ROOT, 'resources', 'sample');
const BIN = join(ROOT, 'bin', 'marginalia.mjs');
const CHROMIUM = process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Runs the marginalia CLI synchronously; returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface Workbench {
  page: Page;
  projectPath: string;
  settingsDir: string;
  host: 'browser' | 'desktop';
  /** Closes the app and opens the same project again (fresh page / app instance). */
  reopen(): Promise<Page>;
  cli(args: string[]): { code: number; stdout: string; stderr: string };
}

interface Fixtures {
  workbench: Workbench;
  /** Chromium requests that left 127.0.0.1, collected for the whole test. */
  externalRequests: string[];
}

async function startServe(projectPath: string, settingsDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', projectPath, '--port', '0'], {
    env: { ...process.env, MARGINALIA_SETTINGS_DIR: settingsDir, MARGINALIA_ANALYST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`marginalia serve printed no URL: ${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/m);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`marginalia serve exited with ${code}: ${stderr}`)));
  });
  return { url, child };
}

async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const test = base.extend<Fixtures>({
  externalRequests: async ({}, use) => {
    await use([]);
  },
  workbench: async ({ externalRequests }, use, testInfo) => {
    const host = testInfo.project.metadata.host as 'browser' | 'desktop';
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-'));
    const projectPath = join(dir, 'e2e.marginalia');
    const settingsDir = join(dir, 'settings');
    const env = { MARGINALIA_SETTINGS_DIR: settingsDir };
    const created = runCli(['new', projectPath, '--name', 'End-to-end project'], { MARGINALIA_ANALYST: '' });
    if (created.code !== 0) throw new Error(created.stderr);
    const cli = (args: string[]) => runCli(args, env);

    if (host === 'desktop') {
      const binary = electronBinary();
      test.skip(binary === null, ELECTRON_MISSING);
      let app = await _electron.launch({ executablePath: binary ?? undefined, args: [join(ROOT, 'out', 'main', 'index.js')], env: { ...process.env, ...env, MARGINALIA_E2E: '1', MARGINALIA_PROJECT: projectPath } });
      const workbench: Workbench = {
        page: await app.firstWindow(),
        projectPath,
        settingsDir,
        host,
        cli,
        async reopen() {
          await app.close();
          app = await _electron.launch({ executablePath: binary ?? undefined, args: [join(ROOT, 'out', 'main', 'index.js')], env: { ...process.env, ...env, MARGINALIA_E2E: '1', MARGINALIA_PROJECT: projectPath } });
          workbench.page = await app.firstWindow();
          return workbench.page;
        },
      };
      await use(workbench);
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      return;
    }

    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    let server = await startServe(projectPath, settingsDir);
    const openPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (!(url.protocol === 'data:' || (url.hostname === '127.0.0.1' && url.protocol === 'http:'))) externalRequests.push(request.url());
      });
      await page.goto(server.url);
      return page;
    };
    const workbench: Workbench = {
      page: await openPage(),
      projectPath,
      settingsDir,
      host,
      cli,
      async reopen() {
        await workbench.page.context().close();
        await stopServe(server.child);
        server = await startServe(projectPath, settingsDir);
        workbench.page = await openPage();
        return workbench.page;
      },
    };
    await use(workbench);
    await browser.close();
    await stopServe(server.child);
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

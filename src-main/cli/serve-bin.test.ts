// Checks that `marginalia serve` started as the installed command answers the API from its core worker thread (the prebuilt CLI ships that worker too).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { temporaryDirectory } from '../test-support/project-fixture';
import { runCli } from './main';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

it('serves document.list through the bin', async () => {
  const project = join(dir.path, 'p.marginalia');
  const io = { stdout: () => {}, stderr: () => {}, env: { MARGINALIA_ANALYST: 'Ann', MARGINALIA_SETTINGS_DIR: join(dir.path, 's'), MARGINALIA_LOG_DIR: join(dir.path, 'l') } };
  expect(await runCli(['new', project, '--name', 'P'], io)).toBe(0);
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'marginalia.mjs');
  const child = spawn(process.execPath, [bin, 'serve', project, '--port', '0'], { env: { ...process.env, ...io.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/m);
        if (match?.[1]) resolve(new URL(match[1]));
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const response = await fetch(new URL('/api/document.list', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Marginalia': '1', Authorization: `Bearer ${url.searchParams.get('token')}` },
      body: '{}',
    });
    expect(await response.json()).toEqual({ ok: true, value: { documents: [], total: 0 } });
  } finally {
    child.kill('SIGTERM');
  }
});

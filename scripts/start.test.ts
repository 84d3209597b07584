// Checks that `npm start` without the Electron binary says so in one sentence, points to `marginalia serve`, and fails without a stack trace.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../e2e/electron-binary';

const ROOT = join(import.meta.dirname, '..');

describe('npm start', () => {
  it.skipIf(electronBinary() !== null)('without the Electron binary prints one sentence naming npx marginalia serve and exits 1', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'start.ts')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^The Electron binary is not installed [^\n]*npx marginalia serve <project>\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

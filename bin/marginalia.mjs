#!/usr/bin/env node
// Entry point of the `marginalia` command: checks the Node version, then runs the prebuilt CLI (out/cli/main.mjs,
// from `npm run build:cli`) when it is up to date with the sources, else the TypeScript sources through tsx.
import { readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(
    `marginalia: Node.js 22 or newer is needed (this is ${process.version}). Run it through npm (npx marginalia …), which uses the Node.js installed with the project.\n`,
  );
  process.exit(1);
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT, 'out', 'cli', 'main.mjs');
const INPUTS = join(ROOT, 'out', 'cli', 'inputs.json');

/**
 * Why the bundle cannot be used (a sentence), or null when it is there and no source file is newer. Each input is
 * statted, without an exception for a missing one (an installed copy may ship the bundle without its sources, and
 * then has no src-main folder at all: one stat says so).
 */
function bundleProblem() {
  let built;
  let inputs;
  try {
    built = statSync(BUNDLE).mtimeMs;
    inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  } catch {
    return 'the prebuilt CLI is not there (npm run build:cli makes it)';
  }
  if (!statSync(join(ROOT, 'src-main'), { throwIfNoEntry: false })) return null;
  const root = `${ROOT}/`;
  for (const input of inputs) {
    const changed = statSync(root + input, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (changed > built) return `${input} changed after the prebuilt CLI was built (npm run build:cli rebuilds it)`;
  }
  return null;
}

// MARGINALIA_CLI=bundle insists on the prebuilt CLI (its tests), MARGINALIA_CLI=source on the TypeScript sources.
const mode = process.env.MARGINALIA_CLI ?? 'auto';
const problem = mode === 'source' ? 'MARGINALIA_CLI=source' : bundleProblem();
if (problem && mode === 'bundle') {
  process.stderr.write(`marginalia: MARGINALIA_CLI=bundle, but ${problem}.\n`);
  process.exit(1);
}
let cli;
if (problem) {
  if (process.argv.includes('--verbose')) process.stderr.write(`marginalia: running the TypeScript sources through tsx: ${problem}.\n`);
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src-main/cli/main.ts');
} else {
  // V8 keeps the compiled bundle in the system's temporary folder, which saves about a fifth of each start.
  module.enableCompileCache?.();
  cli = await import(BUNDLE);
}
const code = await cli.runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;

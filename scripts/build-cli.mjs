// Builds the `marginalia` CLI once into JavaScript (out/cli/main.mjs) so the command starts without compiling TypeScript.
// esbuild (already installed with Vite) bundles our sources and the pure-JavaScript libraries into one ES module;
// native or self-loading packages stay in node_modules: better-sqlite3 (a native addon), jsdom (reads its own files
// at run time), pino (starts workers from file paths), pdfjs-dist (loads its worker, fonts and CMaps from its own
// folder), mammoth and tsx. The bundle sits two folders below the repository, as src-main/cli does, so paths the
// sources compute from import.meta.dirname (the built renderer) still hold.
import { mkdirSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(ROOT, 'out', 'cli', 'main.mjs');
/** The bundle's inputs (our files only), which bin/marginalia.mjs compares with the bundle to know it is up to date. */
export const CLI_INPUTS = join(ROOT, 'out', 'cli', 'inputs.json');
const EXTERNAL = ['better-sqlite3', 'jsdom', 'pino', 'tsx', 'electron', 'pdfjs-dist', 'mammoth'];

/** One bundle; returns our source files it was made from. */
async function bundle(entry, outfile) {
  const result = await build({
    entryPoints: [join(ROOT, ...entry.split('/'))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: EXTERNAL,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS libraries call require(); an ES module has none, so the bundle makes one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return Object.keys(result.metafile.inputs)
    .map((input) => relative(ROOT, join(ROOT, input)).split(sep).join('/'))
    .filter((input) => !input.startsWith('../') && !input.split('/').includes('node_modules'));
}

export async function buildCli() {
  const inputs = new Set(await bundle('src-main/cli/main.ts', CLI_BUNDLE));
  // `serve` starts the core in a worker thread from core-worker.js beside the module that starts it.
  for (const input of await bundle('src-main/core-process/core-worker.ts', join(dirname(CLI_BUNDLE), 'core-worker.js'))) inputs.add(input);
  // A changed lock file may mean other bundled library versions.
  mkdirSync(dirname(CLI_INPUTS), { recursive: true });
  writeFileSync(CLI_INPUTS, `${JSON.stringify([...inputs, 'package-lock.json'], null, 0)}\n`);
  return { bundle: CLI_BUNDLE, inputs: inputs.size };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildCli();
  process.stdout.write(`Built the CLI: ${relative(ROOT, built.bundle)} (${built.inputs} source files).\n`);
}

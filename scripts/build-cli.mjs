// Builds the `marginalia` CLI once into JavaScript (out/cli/main.mjs) so the command starts without compiling TypeScript.
// esbuild (already installed with Vite) bundles our sources and the pure-JavaScript libraries into ES modules;
// native or self-loading packages stay in node_modules: better-sqlite3 (a native addon), jsdom (reads its own files
// at run time), pino (starts workers from file paths), pdfjs-dist (loads its worker, fonts and CMaps from its own
// folder), mammoth and tsx. The bundle sits two folders below the repository, as src-main/cli does, so paths the
// sources compute from import.meta.dirname (the built renderer) still hold; so do its chunks, beside it.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'out', 'cli');
export const CLI_BUNDLE = join(OUT, 'main.mjs');
/** The bundle's inputs (our files only), which bin/marginalia.mjs compares with the bundle to know it is up to date. */
export const CLI_INPUTS = join(OUT, 'inputs.json');
const EXTERNAL = ['better-sqlite3', 'jsdom', 'pino', 'tsx', 'electron', 'pdfjs-dist', 'mammoth'];
/** Chunks are named `lazy-…`, so a rebuild can remove those of the previous build. */
const CHUNK_PREFIX = 'lazy-';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: EXTERNAL,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS libraries call require(); an ES module has none, so each output file makes one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

/** Our source files (not libraries) a build was made from. */
function sourceInputs(metafile) {
  return Object.keys(metafile.inputs)
    .map((input) => relative(ROOT, join(ROOT, input)).split(sep).join('/'))
    .filter((input) => !input.startsWith('../') && !input.split('/').includes('node_modules'));
}

export async function buildCli() {
  mkdirSync(OUT, { recursive: true });
  for (const file of readdirSync(OUT)) if (file.startsWith(CHUNK_PREFIX)) rmSync(join(OUT, file));
  // Code splitting: each `await import()` of the sources becomes a chunk of its own, so a command evaluates (and V8
  // compiles) only the modules it reaches. `marginalia list` then loads neither the HTTP server, the exporters nor
  // the file parsers.
  const cli = await build({
    ...common,
    entryPoints: { main: join(ROOT, 'src-main', 'cli', 'main.ts') },
    outdir: OUT,
    splitting: true,
    chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
    outExtension: { '.js': '.mjs' },
  });
  const inputs = new Set(sourceInputs(cli.metafile));
  // `serve` starts the core in a worker thread from core-worker.js beside the module that starts it.
  const worker = await build({ ...common, entryPoints: [join(ROOT, 'src-main', 'core-process', 'core-worker.ts')], outfile: join(OUT, 'core-worker.js') });
  for (const input of sourceInputs(worker.metafile)) inputs.add(input);
  // A changed lock file may mean other bundled library versions.
  writeFileSync(CLI_INPUTS, `${JSON.stringify([...inputs, 'package-lock.json'], null, 0)}\n`);
  const chunks = Object.keys(cli.metafile.outputs).filter((file) => basename(file).startsWith(CHUNK_PREFIX) && file.endsWith('.mjs'));
  return { bundle: CLI_BUNDLE, inputs: inputs.size, chunks: chunks.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildCli();
  process.stdout.write(`Built the CLI: ${relative(ROOT, built.bundle)} and ${built.chunks} chunks loaded on first use (${built.inputs} source files).\n`);
}

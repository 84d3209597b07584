// The CLI's tests run a second time against the prebuilt CLI: imports of src-main/cli/main.ts resolve to out/cli/main.mjs
// (built first by the global setup), and the spawned `marginalia` is told to use the bundle (MARGINALIA_CLI=bundle).
import { dirname, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

const root = import.meta.dirname;
const CLI_SOURCE = join(root, 'src-main', 'cli', 'main.ts');
const CLI_BUNDLE = join(root, 'out', 'cli', 'main.mjs');

const cliFromBundle: Plugin = {
  name: 'marginalia-cli-from-bundle',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const target = resolve(dirname(importer), source);
    return target === CLI_SOURCE || `${target}.ts` === CLI_SOURCE ? CLI_BUNDLE : null;
  },
};

export default defineConfig({
  plugins: [cliFromBundle],
  test: {
    include: ['src-main/cli/**/*.test.ts', 'src-main/store/older-formats.test.ts', 'src-main/core/repair.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    globalSetup: ['scripts/build-cli-for-tests.ts'],
    env: { MARGINALIA_CLI: 'bundle' },
  },
});

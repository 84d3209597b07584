// Vitest global setup of the CLI-bundle run: builds out/cli/main.mjs from the current sources before any test imports it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, 'build-cli.mjs')], { stdio: 'inherit' });
}

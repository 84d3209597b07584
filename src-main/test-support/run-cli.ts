// Runs the `marginalia` CLI in-process for tests: its exit code and output, with settings and logs in the test's folder.
import { join } from 'node:path';
import { runCli } from '../cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `marginalia …argv` as `analyst` (MARGINALIA_ANALYST) with its settings and log under `dir`, so no test
 * touches the user's own; `env` adds or overrides variables.
 */
export async function runCliIn(dir: string, analyst: string, argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { MARGINALIA_ANALYST: analyst, MARGINALIA_SETTINGS_DIR: join(dir, 's'), MARGINALIA_LOG_DIR: join(dir, 'logs'), ...env },
  });
  return { code, stdout, stderr };
}

/** Like runCliIn, for commands that must succeed: their stdout, or an error carrying what they wrote on stderr. */
export async function cliOutput(dir: string, analyst: string, argv: readonly string[]): Promise<string> {
  const run = await runCliIn(dir, analyst, argv);
  if (run.code !== 0) throw new Error(`marginalia ${argv.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

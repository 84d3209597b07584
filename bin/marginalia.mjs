#!/usr/bin/env node
// Entry point of the `marginalia` command: checks the Node version, then runs the TypeScript CLI through tsx.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(
    `marginalia: Node.js 22 or newer is needed (this is ${process.version}). Run it through npm (npx marginalia …), which uses the Node.js installed with the project.\n`,
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../src-main/cli/main.ts');
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;

#!/usr/bin/env bash
# Electron security lint: Electronegativity over the shipped sources of src-main and src-renderer; exits 1 on any finding.
#
# Scanned as one app (a copy of both folders without unit tests), so the global checks see the main process's
# navigation and permission handlers together with the renderer's CSP. Runs offline:
# AvailableSecurityFixesGlobalCheck (downloads Electron's release list) is excluded, as with `-x`, and the tool's
# start-up download of translations is stubbed out. The tool is driven through its Node API because its CLI needs
# commander 2, which it does not declare (our own commander 14 is what it would find).
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sarif="$work/electronegativity.sarif"

for dir in src-main src-renderer; do
  mkdir -p "$work/input/$dir"
  tar --exclude='*.test.ts' --exclude='*.test.tsx' -cf - -C "$dir" . | tar -xf - -C "$work/input/$dir"
done

# 1. Scan and write the SARIF report (the tool writes it asynchronously, so it is read in a second process).
node - "$work/input" "$sarif" <<'NODE'
const { createRequire } = require('node:module');
const path = require('node:path');
const [input, output] = process.argv.slice(2);
const requireFromTool = createRequire(require.resolve('@doyensec/electronegativity/package.json', { paths: [process.cwd()] }));
// Offline: the start-up request for updated translations answers "not found" at once; the bundled English is used.
require.cache[requireFromTool.resolve('got')] = { id: 'got', loaded: true, exports: async () => ({ statusCode: 404, body: '' }) };
const run = requireFromTool('./dist/runner.js');
const electronVersion = require(path.join(process.cwd(), 'node_modules/electron/package.json')).version;
run({
  input,
  output,
  isSarif: true,
  isRelative: true,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  electronVersionOverride: electronVersion,
}).then((result) => {
  const failed = result.errors.filter((e) => !e.tolerable);
  for (const error of result.errors) console.error(`${error.tolerable ? 'warning' : 'error'}: could not fully parse ${path.relative(input, error.file)}: ${error.message}`);
  console.log(`electronegativity ${requireFromTool('./package.json').version} (Electron ${electronVersion}): ${result.atomicChecks} atomic and ${result.globalChecks} global checks`);
  if (failed.length > 0) process.exitCode = 2;
}, (error) => {
  console.error('electronegativity failed:', error);
  process.exitCode = 2;
});
NODE

# 2. Count and print the findings.
node - "$sarif" <<'NODE'
const { readFileSync } = require('node:fs');
const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = (report.runs ?? []).flatMap((run) => run.results ?? []);
for (const result of results) {
  const where = result.locations?.[0]?.physicalLocation;
  const file = where?.artifactLocation?.uri ?? '?';
  console.log(`${file}:${where?.region?.startLine ?? '?'}  ${result.ruleId}  ${result.message?.text ?? ''}`);
}
console.log(`electronegativity: ${results.length} finding(s)`);
process.exit(results.length > 0 ? 1 : 0);
NODE

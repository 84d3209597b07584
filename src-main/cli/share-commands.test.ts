// The pack, merge and actors commands: sharing, previews, refusals of hostile files, combining actors.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tamper } from '../test-support/hostile-file';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';
import { MAX_MERGE_PREVIEWS } from '../../src-shared/api/limits';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (analyst: string, ...argv: string[]) => runCliIn(dir.path, analyst, argv);

const SAMPLE = join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt');

it('packs a project into one file and merges it into a teammate’s project, previewing first', async () => {
  const anna = join(dir.path, 'anna.marginalia');
  const ben = join(dir.path, 'ben.marginalia');
  const shared = join(dir.path, 'anna-shared.marginalia');
  await cli('Anna', 'new', anna);
  await cli('Anna', 'import', anna, SAMPLE);
  await cli('Anna', 'tag', anna, 'Diplomatic', '--kind', 'reliability_warning', '--quote', 'did not formally return to office', '--set', 'severity=high');
  expect((await cli('Anna', 'pack', anna, '--out', shared)).code).toBe(0);
  expect((await cli('Anna', 'pack', anna, '--out', shared)).code).toBe(1);

  await cli('Ben', 'new', ben);
  await cli('Ben', 'import', ben, SAMPLE);
  await cli('Ben', 'tag', ben, 'Diplomatic', '--kind', 'actor', '--quote', 'Kamala Harris');
  const before = readFileSync(ben);
  const preview = await cli('Ben', 'merge', ben, shared, '--dry-run');
  expect(preview.code).toBe(0);
  expect(preview.stdout).toMatch(/Would merge/);
  expect(preview.stdout).toMatch(/documents: 0 new, 1 already here/);
  expect(preview.stdout).toMatch(/new tags: 1 reliability warning by Anna/);
  expect(readFileSync(ben).equals(before)).toBe(true);

  const merged = await cli('Ben', 'merge', ben, shared);
  expect(merged.code).toBe(0);
  const exported = JSON.parse((await cli('Ben', 'export', ben, '--format', 'json', '--out', '-')).stdout) as { documents: unknown[]; annotations: { kind: string; analyst: string }[] };
  expect(exported.documents).toHaveLength(1);
  expect(exported.annotations.map((a) => `${a.kind}:${a.analyst}`).sort()).toEqual(['actor:Ben', 'reliability_warning:Anna']);
  expect((await cli('Ben', 'merge', ben, shared)).stdout).toMatch(/new tags: none/);
});

it('refuses a file that is not a project, with a non-zero exit and the project untouched', async () => {
  const ben = join(dir.path, 'ben.marginalia');
  await cli('Ben', 'new', ben);
  const fake = join(dir.path, 'fake.marginalia');
  writeFileSync(fake, 'SQLite format 3\0 but not really'.padEnd(200, 'x'));
  const before = readFileSync(ben);
  const result = await cli('Ben', 'merge', ben, fake);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^marginalia: .*fake\.marginalia/);
  expect(readFileSync(ben).equals(before)).toBe(true);
});

it('proposes actors that look like one across files, and combines them on request', async () => {
  const anna = join(dir.path, 'anna.marginalia');
  const ben = join(dir.path, 'ben.marginalia');
  const SOURCE = join(SAMPLE_DIR, '000_734da4ab211b7c49.txt');
  await cli('Anna', 'new', anna);
  await cli('Anna', 'import', anna, SOURCE);
  await cli('Anna', 'tag', anna, 'Miami', '--kind', 'actor', '--quote', 'Kyrylo Budanov', '--set', 'actor=Kyrylo Budanov');
  await cli('Anna', 'actors', anna); // lists without writing
  await cli('Ben', 'new', ben);
  await cli('Ben', 'import', ben, SOURCE);
  await cli('Ben', 'tag', ben, 'Miami', '--kind', 'claim', '--quote', 'Budanov', '--set', 'claimant=kyrylo budanov');
  const merged = await cli('Anna', 'merge', anna, ben);
  expect(merged.stdout).toMatch(/proposal: “kyrylo budanov” \([0-9a-f]{8}\) looks like “Kyrylo Budanov” \([0-9a-f]{8}\)/);
  expect(merged.stdout).toContain(`to treat them as one: marginalia actors ${anna} --combine `);
  const combined = await cli('Anna', 'actors', anna, '--combine', 'kyrylo budanov', '--into', 'Kyrylo Budanov');
  expect(combined.code).toBe(0);
  expect(combined.stderr).toMatch(/1 tag\(s\) updated/);
  expect(combined.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^[0-9a-f]{8} {2}Kyrylo Budanov \(person\) — 2 mention\(s\)$/)]);
  const exported = JSON.parse((await cli('Anna', 'export', anna, '--format', 'json', '--out', '-')).stdout) as { actors: { id: string; name: string; deletedAt: string | null }[]; annotations: { kind: string; attributes: { claimantId?: string; actorId?: string } }[] };
  const kept = exported.actors.find((a) => a.name === 'Kyrylo Budanov' && a.deletedAt === null);
  expect(exported.annotations.find((a) => a.kind === 'claim')?.attributes.claimantId).toBe(kept?.id);
  expect(exported.actors.filter((a) => a.deletedAt !== null)).toHaveLength(1); // the other one is kept as a tombstone
});

it('refuses a teammate’s file with a NUL in an analyst’s name, alone or second of several, for merge and --dry-run alike', async () => {
  const anna = join(dir.path, 'anna.marginalia');
  const ben = join(dir.path, 'ben.marginalia');
  const cleo = join(dir.path, 'cleo.marginalia');
  const [benFile, cleoFile] = [join(dir.path, 'ben-shared.marginalia'), join(dir.path, 'cleo-shared.marginalia')];
  for (const [name, path, out, quote] of [['Ben', ben, benFile, 'Kamala Harris'], ['Cleo', cleo, cleoFile, 'Steve Witkoff']] as const) {
    await cli(name, 'new', path);
    await cli(name, 'import', path, SAMPLE);
    await cli(name, 'tag', path, 'Diplomatic', '--kind', 'actor', '--quote', quote);
    await cli(name, 'pack', path, '--out', out);
  }
  tamper(cleoFile, "UPDATE analysts SET display_name = 'Cleo' || char(0) || 'x'");
  await cli('Anna', 'new', anna);
  await cli('Anna', 'import', anna, SAMPLE);
  const before = readFileSync(anna);
  for (const files of [[cleoFile], [benFile, cleoFile]]) {
    for (const dryRun of [[], ['--dry-run']]) {
      const result = await cli('Anna', 'merge', anna, ...files, ...dryRun);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^marginalia: “cleo-shared\.marginalia”: This file cannot be merged: an analyst’s name "Cleo\\u0000x" contains a control character\. Nothing was changed\.\n$/);
      expect(readFileSync(anna).equals(before)).toBe(true);
    }
  }
  expect((await cli('Anna', 'merge', anna, benFile)).stdout).toMatch(/new tags: 1 actor by Ben/);
});

it('refuses a merge of more files than previews can wait for, before reading any of them', async () => {
  const files = Array.from({ length: MAX_MERGE_PREVIEWS + 1 }, (_, i) => join(dir.path, `teammate-${i}.marginalia`));
  const result = await cli('Anna', 'merge', join(dir.path, 'anna.marginalia'), ...files);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(`marginalia: One merge takes at most ${MAX_MERGE_PREVIEWS} files; merge the others in another command.\n`);
});

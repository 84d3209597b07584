// Checks `marginalia actors`: the listing with mentions, rename, aliases, and combining two same-named actors by id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (analyst: string, ...argv: string[]) => runCliIn(dir.path, analyst, argv);

const SOURCE = join(SAMPLE_DIR, '000_734da4ab211b7c49.txt');

/** Anna's project after merging Ben's: each had made their own “Kyrylo Budanov”, so the registry holds two. */
async function twoBudanovs(): Promise<{ anna: string; merged: string }> {
  const anna = join(dir.path, 'anna.marginalia');
  const ben = join(dir.path, 'ben.marginalia');
  for (const [who, path] of [['Anna', anna], ['Ben', ben]] as const) {
    await cli(who, 'new', path);
    await cli(who, 'import', path, SOURCE);
  }
  await cli('Anna', 'tag', anna, 'Miami', '--kind', 'actor', '--quote', 'Kyrylo Budanov', '--set', 'actor=Kyrylo Budanov');
  await cli('Ben', 'tag', ben, 'Miami', '--kind', 'claim', '--quote', 'Budanov', '--set', 'claimant=Kyrylo Budanov');
  const merged = await cli('Anna', 'merge', anna, ben);
  expect(merged.code).toBe(0);
  return { anna, merged: merged.stdout };
}

const idsOf = (listing: string) => listing.trim().split('\n').map((line) => line.slice(0, 8));

describe('marginalia actors', () => {
  it('after a merge brings a second actor of the same name, says so and prints the command that combines them', async () => {
    const { anna, merged } = await twoBudanovs();
    expect(merged).toMatch(/the same name: two actors now answer to it/);
    const offered = /marginalia actors (\S+) --combine ([0-9a-f]{8}) --into ([0-9a-f]{8})/.exec(merged);
    expect(offered?.[1]).toBe(anna);
    const listing = (await cli('Anna', 'actors', anna)).stdout;
    expect(listing.match(/Kyrylo Budanov \(person\) — 1 mention\(s\)/g)).toHaveLength(2);

    const before = readFileSync(anna);
    const refused = await cli('Anna', 'actors', anna, '--combine', 'Kyrylo Budanov', '--into', 'Kyrylo Budanov');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/“Kyrylo Budanov” names 2 actors: Kyrylo Budanov \(person, [0-9a-f]{8}, 1 mention\(s\)\); Kyrylo Budanov/);
    expect(readFileSync(anna).equals(before)).toBe(true);

    const preview = await cli('Anna', 'actors', anna, '--combine', offered![2]!, '--into', offered![3]!, '--dry-run');
    expect(preview.stderr).toMatch(/Would make “Kyrylo Budanov” an alias of “Kyrylo Budanov” and update 1 tag\(s\); nothing changed/);
    expect(readFileSync(anna).equals(before)).toBe(true);
    const combined = await cli('Anna', 'actors', anna, '--combine', offered![2]!, '--into', offered![3]!);
    expect(combined.code).toBe(0);
    expect(combined.stdout.trim().split('\n')).toEqual([`${offered![3]}  Kyrylo Budanov (person) — 2 mention(s)`]);
  });

  it('renames an actor and adds and removes aliases, found by id prefix or alias', async () => {
    const project = join(dir.path, 'p.marginalia');
    await cli('Anna', 'new', project);
    await cli('Anna', 'import', project, SOURCE);
    await cli('Anna', 'tag', project, 'Miami', '--kind', 'actor', '--quote', 'Kyrylo Budanov', '--set', 'actor=Kyrylo Budanov');
    const [id] = idsOf((await cli('Anna', 'actors', project)).stdout);
    const added = await cli('Anna', 'actors', project, '--actor', id!, '--alias-add', 'Kirill Budanov', '--alias-add', 'K. Budanov');
    expect(added.stdout).toBe(`${id}  Kyrylo Budanov (person) — also: Kirill Budanov, K. Budanov — 1 mention(s)\n`);
    const renamed = await cli('Anna', 'actors', project, '--rename', 'kirill budanov', '--to', 'Kyrylo O. Budanov');
    expect(renamed.stdout).toMatch(/^[0-9a-f]{8} {2}Kyrylo O\. Budanov \(person\) — also: Kirill Budanov, K\. Budanov/);
    const removed = await cli('Anna', 'actors', project, '--actor', 'Kyrylo O. Budanov', '--alias-remove', 'k. budanov');
    expect(removed.stdout).toBe(`${id}  Kyrylo O. Budanov (person) — also: Kirill Budanov — 1 mention(s)\n`);
    const missing = await cli('Anna', 'actors', project, '--actor', id!, '--alias-remove', 'Nobody');
    expect(missing).toMatchObject({ code: 1, stderr: 'marginalia: “Kyrylo O. Budanov” has no alias “Nobody”.\n' });
    const json = JSON.parse((await cli('Anna', 'actors', project, '--json')).stdout) as { mentions: { total: number } }[];
    expect(json[0]?.mentions.total).toBe(1);
  });
});

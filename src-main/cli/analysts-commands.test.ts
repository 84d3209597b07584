// Checks `marginalia analysts` and analyst names on the command line: ambiguous names refused with candidates, id prefixes accepted.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (analyst: string, ...argv: string[]) => runCliIn(dir.path, analyst, argv);

const SOURCE = join(SAMPLE_DIR, '000_734da4ab211b7c49.txt');

/** A project where two different identities are both called Ben: one made here, one merged from a copy. */
async function twoBens(): Promise<string> {
  const project = join(dir.path, 'p.marginalia');
  const copy = join(dir.path, 'copy.marginalia');
  await cli('Anna', 'new', project, '--name', 'Shared');
  await cli('Anna', 'import', project, SOURCE);
  await cli('Anna', 'tag', project, 'Miami', '--kind', 'actor', '--quote', 'Kyrylo Budanov');
  copyFileSync(project, copy);
  await cli('Ben', 'tag', project, 'Miami', '--kind', 'actor', '--quote', 'Kyrylo Budanov');
  await cli('Ben', 'tag', copy, 'Miami', '--kind', 'claim', '--quote', 'Kyrylo Budanov');
  await cli('Ben', 'tag', copy, 'Miami', '--kind', 'figure', '--quote', 'Miami');
  expect((await cli('Anna', 'merge', project, copy)).code).toBe(0);
  return project;
}

interface Listed {
  id: string;
  name: string;
  tagCount: number;
  origin: string;
}
const listed = async (project: string) => JSON.parse((await cli('Anna', 'analysts', project, '--json')).stdout) as Listed[];

describe('marginalia analysts', () => {
  it('lists each identity with id, name, tag count and origin', async () => {
    const project = await twoBens();
    const lines = (await cli('Anna', 'analysts', project)).stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^[0-9a-f]{8} {2}Anna {2}\s+1 tag\(s\) {2}local {2}\(you\)$/),
      expect.stringMatching(/^[0-9a-f]{8} {2}Ben {3}\s+1 tag\(s\) {2}local$/),
      expect.stringMatching(/^[0-9a-f]{8} {2}Ben {3}\s+2 tag\(s\) {2}merged from “Shared”$/),
    ]);
  });

  it('refuses an ambiguous name with the candidates listed, and accepts an id prefix instead', async () => {
    const project = await twoBens();
    const bens = (await listed(project)).filter((a) => a.name === 'Ben');
    const refused = await cli('Anna', 'agreement', project, '--analysts', 'Anna,Ben');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `marginalia: “Ben” names 2 analysts in this project: Ben (${bens[0]!.id.slice(0, 8)}, local, 1 tag(s)); Ben (${bens[1]!.id.slice(0, 8)}, merged from “Shared”, 2 tag(s)). Name one by its id prefix.\n`,
    );
    const agreed = await cli('Anna', 'agreement', project, '--analysts', `Anna,${bens[1]!.id.slice(0, 6)}`, '--json');
    expect(agreed.code).toBe(0);
    expect((JSON.parse(agreed.stdout) as { overall: { units: { spansB: number } } }).overall.units.spansB).toBe(2);
  });

  it('combines two identities (undoably) and renames one in place', async () => {
    const project = await twoBens();
    const [local, merged] = (await listed(project)).filter((a) => a.name === 'Ben');
    const before = readFileSync(project);
    const preview = await cli('Anna', 'analysts', project, '--combine', merged!.id.slice(0, 8), '--into', local!.id.slice(0, 8), '--dry-run');
    expect(preview.stderr).toMatch(/^Would move 2 tag\(s\) from “Ben”/);
    expect(readFileSync(project).equals(before)).toBe(true);
    const combined = await cli('Anna', 'analysts', project, '--combine', merged!.id, '--into', local!.id.slice(0, 8));
    expect(combined.code).toBe(0);
    expect((await listed(project)).map((a) => [a.name, a.tagCount])).toEqual([
      ['Anna', 1],
      ['Ben', 3],
    ]);
    await cli('Anna', 'undo', project);
    expect((await listed(project)).map((a) => a.tagCount)).toEqual([1, 1, 2]);
    await cli('Anna', 'redo', project);
    const renamed = await cli('Anna', 'analysts', project, '--rename', 'ben', '--to', 'Ben Okafor', '--json');
    expect(JSON.parse(renamed.stdout)).toEqual([expect.objectContaining({ name: 'Anna' }), expect.objectContaining({ id: local!.id, name: 'Ben Okafor', tagCount: 3 })]);
  });
});

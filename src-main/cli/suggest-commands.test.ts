// Checks `marginalia suggest`: listing as JSON, rejecting by key, accept-all for one actor with a dry run first,
// and a bad --kind refused with the file unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (...argv: string[]) => runCliIn(dir.path, 'Anna', argv);

interface Listed {
  suggestions: { key: string; kind: string; quote: string; actor?: string; source: string }[];
  counts: { total: number };
}

describe('marginalia suggest', () => {
  it('lists, rejects and accepts all suggestions for one actor', async () => {
    const project = join(dir.path, 'p.marginalia');
    await cli('new', project);
    await cli('import', project, join(SAMPLE_DIR, '002_1d2e21283015eb8c.txt'));
    await cli('tag', project, 'Ukraine Seeks', '--kind', 'actor', '--quote', 'Sergei Lavrov', '--set', 'actor=Sergei Lavrov', '--set', 'actorKind=person');
    const listed = JSON.parse((await cli('suggest', project, '--kind', 'actor', '--json')).stdout) as Listed;
    const lavrov = listed.suggestions.filter((s) => s.actor === 'Sergei Lavrov' && s.source === 'actor-name');
    expect(lavrov.map((s) => s.quote)).toEqual(['Lavrov']);

    const figure = (JSON.parse((await cli('suggest', project, '--kind', 'figure', '--json')).stdout) as Listed).suggestions[0];
    expect(figure?.quote).toBe('$800 billion');
    const rejected = await cli('suggest', project, '--reject', figure?.key ?? '', '--kind', 'figure');
    expect(rejected.stderr).toMatch(/Rejected 1 suggestion/);
    expect(rejected.stdout).not.toContain('$800 billion');

    const preview = await cli('suggest', project, '--accept-all', '--kind', 'actor', '--actor', 'Sergei Lavrov', '--dry-run');
    expect(preview.stderr).toMatch(/Would accept 1 suggestion\(s\); nothing changed/);
    const accepted = await cli('suggest', project, '--accept-all', '--kind', 'actor', '--actor', 'Sergei Lavrov');
    expect(accepted.stderr).toMatch(/Accepted all 1: 1 tag\(s\) created/);
    expect(accepted.stdout).not.toMatch(/“Lavrov” → Sergei Lavrov/);
  });

  it('refuses an unknown --kind in one line and leaves the file as it was', async () => {
    const project = join(dir.path, 'p.marginalia');
    await cli('new', project);
    const before = readFileSync(project);
    const refused = await cli('suggest', project, '--kind', 'person');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('marginalia: --kind takes actor, figure or claim, not “person”.\n');
    expect(readFileSync(project).equals(before)).toBe(true);
  });
});

// Checks `marginalia checks` (findings with evidence, --dismiss remembered) and `marginalia actor-roles` (recording a dated role).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (...argv: string[]) => runCliIn(dir.path, 'Ada', argv);

describe('marginalia checks', () => {
  it('lists a figure slip with its evidence, and forgets it once dismissed unless --all', async () => {
    const path = join(dir.path, 'p.marginalia');
    await cli('new', path);
    writeFileSync(join(dir.path, 'a.txt'), 'Plan A\n\nThe prosperity plan for reconstruction is worth 800 billion dollars.\n');
    writeFileSync(join(dir.path, 'b.txt'), 'Plan B\n\nThe prosperity plan for reconstruction is worth 8000 billion dollars.\n');
    await cli('import', path, join(dir.path, 'a.txt'), join(dir.path, 'b.txt'));
    expect((await cli('checks', path)).stdout).toBe('No findings.\n');
    await cli('tag', path, 'Plan A', '--kind', 'figure', '--quote', '800 billion dollars');
    await cli('tag', path, 'Plan B', '--kind', 'figure', '--quote', '8000 billion dollars');
    const text = await cli('checks', path);
    expect(text.stdout).toMatch(/^Figures that disagree: Two figures in USD about the same thing \(.*\) differ 10-fold\.\n {2}suggested warning: Factual error; key figures:[0-9a-f]{32}\n/);
    expect(text.stdout).toMatch(/“Plan A”.* 800 billion dollars — 800,000,000,000 USD\n/);
    const [finding] = JSON.parse((await cli('checks', path, '--json')).stdout) as { key: string }[];
    expect((await cli('checks', path, '--dismiss', finding?.key ?? '')).code).toBe(0);
    expect((await cli('checks', path)).stdout).toBe('No findings.\n');
    expect((await cli('checks', path, '--all')).stdout).toMatch(/^Figures that disagree \(dismissed\): /);
  });

  it('records an actor’s dated role with actor-roles and lists it', async () => {
    const path = join(dir.path, 'p.marginalia');
    await cli('new', path);
    writeFileSync(join(dir.path, 'a.txt'), 'Talks\n\nDefense Minister Umerov arrived.\n');
    await cli('import', path, join(dir.path, 'a.txt'));
    await cli('search', path, 'Umerov', '--tag', 'actor', '--set', 'actor=Rustem Umerov');
    const added = await cli('actor-roles', path, '--actor', 'Rustem Umerov', '--role', 'Defense Minister', '--from', '2023-09-06', '--to', '2025-07-17');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('Rustem Umerov: Defense Minister, 2023-09-06 – 2025-07-17\n');
    expect((await cli('actor-roles', path, '--role', 'Defense Minister')).stderr).toBe('marginalia: --role needs --actor <name> and --from <date>.\n');
  });
});

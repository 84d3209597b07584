// Checks `marginalia tags`: the project-wide table as text and JSON, filtered by kind and by actor name.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (...argv: string[]) => runCliIn(dir.path, 'Ada', argv);

describe('marginalia tags', () => {
  it('lists the tags of every document, and only those naming an actor when --actor says so', async () => {
    const path = join(dir.path, 'p.marginalia');
    await cli('new', path);
    await cli('import', path, ...readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt')).map((f) => join(SAMPLE_DIR, f)));
    expect((await cli('search', path, 'Budanov', '--tag', 'actor', '--set', 'actor=Kyrylo Budanov')).code).toBe(0);
    expect((await cli('search', path, 'Umerov', '--tag', 'actor', '--set', 'actor=Rustem Umerov')).code).toBe(0);
    const all = JSON.parse((await cli('tags', path, '--json')).stdout) as { actorName: string; documentTitle: string; quote: string }[];
    const budanov = JSON.parse((await cli('tags', path, '--actor', 'Kyrylo Budanov', '--json')).stdout) as typeof all;
    expect(budanov.length).toBeGreaterThan(0);
    expect(budanov.length).toBeLessThan(all.length);
    expect(budanov.every((r) => r.actorName === 'Kyrylo Budanov' && r.quote === 'Budanov')).toBe(true);
    expect(new Set(all.map((r) => r.documentTitle)).size).toBeGreaterThan(1);
    const text = await cli('tags', path, '--kind', 'actor', '--actor', 'Rustem Umerov');
    expect(text.stdout).toMatch(/Actor {2}actor: Rustem Umerov {2}by Ada .*Umerov\n/);
    expect(text.stdout).toMatch(new RegExp(`\\n${all.length - budanov.length} tag\\(s\\)\\.\\n$`));
    expect((await cli('tags', path, '--kind', 'figure')).stdout).toBe('No tag matches.\n');
  });
});

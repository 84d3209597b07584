// Checks that import-annotations is all-or-nothing: the CLI killed (SIGKILL) at any moment of a 30,000-annotation import leaves 0 or all of them.
import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAnnotationCount } from '../../store/annotations';
import { importDocument } from '../document-service';
import { createProject, openProject } from '../session';
import { temporaryDirectory } from '../../test-support/project-fixture';

const COUNT = 30_000;
const REPO = join(import.meta.dirname, '..', '..', '..');
let dir: ReturnType<typeof temporaryDirectory>;
let base: string;
let file: string;

beforeAll(() => {
  dir = temporaryDirectory();
  base = join(dir.path, 'base.marginalia');
  const words = Array.from({ length: COUNT }, (_, i) => `w${String(i).padStart(5, '0')}`);
  const session = createProject(base, 'Kill test', { analystName: 'Ada' });
  const request = { source: { type: 'text' as const, text: words.join(' '), title: 'Words' } };
  const { document } = importDocument(session, request);
  session.close();
  const items = words.map((word, i) => ({
    type: 'Annotation',
    id: `https://example.org/annotations/${i}`,
    body: { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
    target: {
      source: `urn:sha256:${document.sha256}`,
      selector: [
        { type: 'TextQuoteSelector', exact: word },
        { type: 'TextPositionSelector', start: i * (word.length + 1), end: i * (word.length + 1) + word.length },
      ],
    },
  }));
  file = join(dir.path, 'annotations.json');
  writeFileSync(file, JSON.stringify(items));
});
afterAll(() => dir.remove());

/** Runs `marginalia import-annotations` on a copy of the base project; kills its process group after `killAfterMs`. */
async function importRun(name: string, killAfterMs?: number): Promise<{ path: string; ms: number; killed: boolean }> {
  const path = join(dir.path, `${name}.marginalia`);
  copyFileSync(base, path);
  const started = Date.now();
  const child = spawn('npx', ['tsx', 'bin/marginalia.mjs', 'import-annotations', path, file, '--format', 'w3c', '--analyst', 'Ada'], {
    cwd: REPO,
    detached: true, // its own process group: npx, tsx and node die together
    stdio: 'ignore',
  });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), killAfterMs);
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
  clearTimeout(timer);
  return { path, ms: Date.now() - started, killed: signal === 'SIGKILL' };
}

function tagCount(path: string): number {
  const session = openProject(path);
  try {
    return liveAnnotationCount(session.db);
  } finally {
    session.close();
  }
}

describe('import-annotations killed mid-way', () => {
  it('leaves 0 or all 30,000 tags, whenever it is killed', { timeout: 300_000 }, async () => {
    const complete = await importRun('complete');
    expect(tagCount(complete.path)).toBe(COUNT);
    const outcomes: number[] = [];
    let killedRuns = 0;
    for (const fraction of [0.5, 0.7, 0.9]) {
      const run = await importRun(`killed-${fraction}`, Math.round(complete.ms * fraction));
      if (run.killed) killedRuns++;
      outcomes.push(tagCount(run.path));
    }
    expect(killedRuns).toBeGreaterThan(0);
    for (const count of outcomes) expect([0, COUNT]).toContain(count);
  });
});

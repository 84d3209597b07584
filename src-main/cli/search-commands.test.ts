// Checks `marginalia search`: hits as text and JSON, one document, refusals, and --tag tagging every hit in one undo step.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (...argv: string[]) => runCliIn(dir.path, 'Ada', argv);

async function sampleProject(): Promise<string> {
  const path = join(dir.path, 'p.marginalia');
  await cli('new', path);
  const files = readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt')).map((f) => join(SAMPLE_DIR, f));
  expect((await cli('import', path, ...files)).code).toBe(0);
  return path;
}

interface JsonHit {
  documentId: string;
  start: number;
  end: number;
  quote: string;
  snippet: string;
}

describe('marginalia search', () => {
  it('lists the hits of the sample articles with offsets and the quote in its passage, as text and as JSON', async () => {
    const path = await sampleProject();
    const text = await cli('search', path, 'Budanov');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/\[Budanov\]/);
    const json = JSON.parse((await cli('search', path, 'Budanov', '--json')).stdout) as { hits: JsonHit[]; documentCount: number };
    expect(json.documentCount).toBe(3);
    expect(json.hits.length).toBeGreaterThanOrEqual(5);
    for (const hit of json.hits) {
      expect(hit.quote).toBe('Budanov');
      expect(hit.snippet).toContain('Budanov');
      expect(hit.end - hit.start).toBe(7);
    }
  });

  it('finds a phrase in one document only when --document names it', async () => {
    const path = await sampleProject();
    const all = JSON.parse((await cli('search', path, '"intelligence chief"', '--json')).stdout) as { hits: JsonHit[] };
    const documentId = all.hits[0]?.documentId ?? '';
    expect(all.hits.length).toBeGreaterThan(0);
    const one = JSON.parse((await cli('search', path, '"intelligence chief"', '--document', documentId, '--json')).stdout) as { hits: JsonHit[] };
    expect(one.hits.every((h) => h.documentId === documentId)).toBe(true);
  });

  it('refuses a malformed search in one line', async () => {
    const path = await sampleProject();
    const result = await cli('search', path, '(Budanov OR');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('marginalia: The search “(Budanov OR” is not valid: it ends where a word was expected.\n');
  });

  it('tags every hit with the attributes given, in one step that one undo takes back, after saying how many', async () => {
    const path = await sampleProject();
    const hits = (JSON.parse((await cli('search', path, 'Budanov', '--json')).stdout) as { hits: JsonHit[] }).hits;
    const preview = await cli('search', path, 'Budanov', '--tag', 'actor', '--set', 'actor=Kyrylo Budanov', '--dry-run');
    expect(preview.stderr).toMatch(new RegExp(`^Would tag ${hits.length} hit\\(s\\) in 3 document\\(s\\) as actor; nothing changed\\.`));
    const tagged = await cli('search', path, 'Budanov', '--tag', 'actor', '--set', 'actor=Kyrylo Budanov');
    expect(tagged.code).toBe(0);
    expect(tagged.stderr).toMatch(new RegExp(`\nTagged ${hits.length} hit\\(s\\) in 3 document\\(s\\) as actor;`));
    const listed = JSON.parse((await cli('actors', path, '--json')).stdout) as { name: string; mentions: { total: number } }[];
    expect(listed.find((a) => a.name === 'Kyrylo Budanov')?.mentions.total).toBe(hits.length);
    const again = await cli('search', path, 'Budanov', '--tag', 'actor', '--set', 'actor=Kyrylo Budanov');
    expect(again.stderr).toMatch(new RegExp(`Nothing to tag \\(${hits.length} already tagged so`));
    expect((await cli('undo', path)).stdout).toBe(`Undid: Tag ${hits.length} hits of “Budanov” as actor\n`);
    const after = JSON.parse((await cli('actors', path, '--json')).stdout) as { name: string; mentions: { total: number } }[];
    expect(after.find((a) => a.name === 'Kyrylo Budanov')?.mentions.total).toBe(0);
  });
});

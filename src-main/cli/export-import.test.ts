// The CLI's export in every format, and round trips through the importable ones (W3C, REFI-QDA) into fresh projects.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { cliOutput } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (...argv: string[]) => cliOutput(dir.path, 'Ada', argv);

interface Tag {
  kind: string;
  start: number | null;
  end: number | null;
  quote: string | null;
  attributes: Record<string, unknown>;
  note: string;
  deletedAt: string | null;
  documentId: string;
}
interface Exported {
  documents: { id: string; sha256: string; text: string }[];
  annotations: Tag[];
  actors: { id: string; name: string }[];
}

const EMOJI_ARTICLE = 'Talks in Davos 🇺🇦\n\n👍🏽 Envoys said the 𝕏 plan is worth $800 billion, and Trump did not formally return to office.\n';

/** A project with tags of every kind, with emoji and astral characters before the tagged spans. */
async function taggedProject(): Promise<string> {
  const project = join(dir.path, 'source.marginalia');
  const emoji = join(dir.path, 'emoji.txt');
  writeFileSync(emoji, EMOJI_ARTICLE);
  await cli('new', project);
  await cli('import', project, emoji, join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt'));
  await cli('tag', project, 'Talks in Davos', '--kind', 'figure', '--quote', '$800 billion');
  await cli('tag', project, 'Talks in Davos', '--kind', 'claim', '--quote', 'Trump did not formally return to office', '--set', 'status=false', '--set', 'claimant=Envoy Team', '--note', 'checked');
  await cli('tag', project, 'Talks in Davos', '--kind', 'actor', '--quote', 'Trump', '--set', 'actor=Donald Trump');
  await cli('tag', project, 'Talks in Davos', '--kind', 'reliability_warning', '--quote', 'did not formally return to office', '--set', 'severity=high', '--set', 'category=factual_error', '--set', 'correction=Inaugurated 20 January 2025');
  await cli('tag', project, 'Diplomatic Mirage', '--kind', 'reliability_warning', '--set', 'category=outdated_role');
  return project;
}

async function exported(project: string): Promise<Exported> {
  return JSON.parse(await cli('export', project, '--format', 'json', '--out', '-')) as Exported;
}

/** The tags as comparable facts: kind, offsets, quote, attributes with actor ids turned into names, by document hash. */
function facts(data: Exported): string[] {
  const actorName = new Map(data.actors.map((a) => [a.id, a.name]));
  const hash = new Map(data.documents.map((d) => [d.id, d.sha256]));
  return data.annotations
    .filter((a) => a.deletedAt === null)
    .map((a) => {
      const attributes = Object.fromEntries(
        Object.entries(a.attributes).map(([k, v]) => [k, (k === 'actorId' || k === 'claimantId') && typeof v === 'string' ? actorName.get(v) : v]),
      );
      return JSON.stringify([hash.get(a.documentId), a.kind, a.start, a.end, a.quote, attributes]);
    })
    .sort();
}

describe('exports', () => {
  it('writes every format, with code-point offsets where the format counts them', async () => {
    const project = await taggedProject();
    for (const format of ['json', 'w3c', 'csv', 'qdpx', 'html']) {
      const out = join(dir.path, `out.${format}`);
      await cli('export', project, '--format', format, '--out', out);
      expect(existsSync(out), format).toBe(true);
    }
    const brat = join(dir.path, 'brat-out');
    await cli('export', project, '--format', 'brat', '--out', brat);
    const bratFiles = readdirSync(join(brat, 'brat'));
    expect(bratFiles.filter((f) => f.endsWith('.ann'))).toHaveLength(2);
    const ann = readFileSync(join(brat, 'brat', bratFiles.find((f) => f.startsWith('talks') && f.endsWith('.ann')) ?? ''), 'utf8');
    const text = [...EMOJI_ARTICLE];
    const figure = ann.split('\n').find((line) => line.includes('$800 billion'));
    const [, start, end] = /(\d+) (\d+)\t/.exec(figure ?? '') ?? [];
    expect(text.slice(Number(start), Number(end)).join('')).toBe('$800 billion');
    const csv = readFileSync(join(dir.path, 'out.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"Inaugurated 20 January 2025"'.replace(/"/g, '')); // present, quoted or not
    expect(readFileSync(join(dir.path, 'out.html'), 'utf8')).not.toMatch(/<script/i);
  });
});

describe('round trips through the importable formats', () => {
  it('w3c: export, then import into a fresh project with the same articles, gives the same tags', async () => {
    const project = await taggedProject();
    const w3c = join(dir.path, 'tags.jsonld');
    await cli('export', project, '--format', 'w3c', '--out', w3c);
    const fresh = join(dir.path, 'fresh.marginalia');
    const emoji = join(dir.path, 'emoji.txt');
    await cli('new', fresh);
    await cli('import', fresh, emoji, join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt'));
    const report = await cli('import-annotations', fresh, w3c, '--format', 'w3c');
    expect(report).toMatch(/^Imported 5 tag/);
    expect(facts(await exported(fresh))).toEqual(facts(await exported(project)));
  });

  it('qdpx: export, then import into an empty project (documents come from the sources), gives the same tags', async () => {
    const project = await taggedProject();
    const qdpx = join(dir.path, 'tags.qdpx');
    await cli('export', project, '--format', 'qdpx', '--out', qdpx);
    const fresh = join(dir.path, 'fresh.marginalia');
    await cli('new', fresh);
    const report = await cli('import-annotations', fresh, qdpx, '--format', 'qdpx');
    expect(report).toMatch(/^Imported 5 tag\(s\) and 2 document\(s\)/);
    expect(facts(await exported(fresh))).toEqual(facts(await exported(project)));
  });

  it('reports what it cannot anchor instead of dropping it', async () => {
    const project = await taggedProject();
    const w3c = join(dir.path, 'tags.jsonl');
    await cli('export', project, '--format', 'w3c', '--jsonl', '--out', w3c);
    const fresh = join(dir.path, 'fresh.marginalia');
    await cli('new', fresh);
    await cli('import', fresh, join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt'));
    const report = await cli('import-annotations', fresh, w3c, '--format', 'w3c');
    expect(report).toMatch(/^Imported 1 tag/);
    expect(report.match(/^Not imported — /gm)).toHaveLength(4);
    expect(report).toMatch(/No document in this project matches its source/);
  });
});

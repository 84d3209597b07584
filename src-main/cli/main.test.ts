// The `marginalia` CLI end to end: a whole session of commands, one-line errors, the analyst rule, every command's help, the bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCli } from './main';
import { runCliIn } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
let project: string;
beforeEach(() => {
  dir = temporaryDirectory();
  project = join(dir.path, 'talks.marginalia');
});
afterEach(() => dir.remove());

const cli = (...argv: string[]) => runCliIn(dir.path, 'Cli Analyst', argv, { MARGINALIA_SETTINGS_DIR: join(dir.path, 'settings') });

const samples = readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt')).map((f) => join(SAMPLE_DIR, f));

interface ExportShape {
  format: string;
  version: number;
  documents: { id: string; title: string; text: string; sha256: string; publishedAt: string | null }[];
  annotations: { documentId: string; kind: string; start: number; end: number; quote: string; prefix: string; suffix: string; attributes: Record<string, unknown>; analyst: string }[];
  actors: { name: string }[];
  analysts: { name: string }[];
}

describe('marginalia CLI', () => {
  it('creates a project, imports the five samples, lists, shows, tags and exports consistent quotes', async () => {
    expect((await cli('new', project, '--name', 'Ukraine talks')).code).toBe(0);
    const imported = await cli('import', project, ...samples);
    expect(imported.code).toBe(0);
    expect(imported.stdout.match(/^imported /gm)).toHaveLength(5);

    const again = await cli('import', project, samples[0] as string);
    expect(again.stdout).toMatch(/^duplicate/);

    const list = await cli('list', project, '--json');
    const documents = JSON.parse(list.stdout) as { id: string; title: string; publishedAt: string | null; originalName: string }[];
    expect(documents).toHaveLength(5);
    expect((await cli('list', project)).stdout).toMatch(/CLAIM/);

    const target = documents.find((d) => d.originalName === '000_734da4ab211b7c49.txt');
    expect(target).toBeDefined();
    const warningDoc = documents.find((d) => d.originalName === '004_27bf8040a9b2cbc5.txt');
    expect(warningDoc).toBeDefined();

    const tagged = await cli('tag', project, warningDoc?.id ?? '', '--kind', 'reliability_warning', '--quote', 'did not formally return to office',
      '--set', 'severity=high', '--set', 'category=factual_error', '--set', 'correction=Trump was inaugurated on 20 January 2025.', '--json');
    expect(tagged.code).toBe(0);
    const warning = JSON.parse(tagged.stdout);
    expect(warning.target.exact).toBe('did not formally return to office');
    expect(warning.attributes).toMatchObject({ severity: 'high', category: 'factual_error' });

    const second = await cli('tag', project, warningDoc?.id.slice(0, 8) ?? '', '--kind', 'actor', '--quote', 'Trump', '--nth', '2', '--set', 'actor=Donald Trump');
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Added “Donald Trump”/);
    expect(second.stdout).toMatch(/actor=“Donald Trump”/);

    const figure = await cli('tag', project, target?.id ?? '', '--kind', 'figure', '--start', '0', '--end', '5', '--set', 'amount=800', '--set', 'scale=1e9', '--set', 'unit=USD');
    expect(figure.code).toBe(0);

    const shown = await cli('show', project, warningDoc?.title ?? '');
    expect(shown.stdout).toMatch(/Tags \(2\):/);
    expect(shown.stdout).toMatch(/did not formally return to office/);

    const exported = await cli('export', project, '--format', 'json', '--out', '-');
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as ExportShape;
    expect(data).toMatchObject({ format: 'marginalia-export', version: 1 });
    expect(data.documents).toHaveLength(5);
    expect(data.annotations).toHaveLength(3);
    expect(data.actors.map((a) => a.name)).toEqual(['Donald Trump']);
    expect(data.analysts.map((a) => a.name)).toEqual(['Cli Analyst']);
    for (const a of data.annotations) {
      const text = data.documents.find((d) => d.id === a.documentId)?.text ?? '';
      expect(text.slice(a.start, a.end)).toBe(a.quote);
      expect(text.slice(a.start - a.prefix.length, a.start)).toBe(a.prefix);
      expect(text.slice(a.end, a.end + a.suffix.length)).toBe(a.suffix);
      expect(a.analyst).toBe('Cli Analyst');
    }
    const fig = data.annotations.find((a) => a.kind === 'figure');
    expect(fig?.attributes).toMatchObject({ amount: 800, scale: 1e9, value: 8e11, unit: 'USD' });

    const out = join(dir.path, 'export.json');
    expect((await cli('export', project, '--format', 'json', '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).annotations).toHaveLength(3);

    expect((await cli('undo', project)).stdout).toMatch(/^Undid: /);
    expect((await cli('redo', project)).stdout).toMatch(/^Redid: /);
  });

  it('reports every error on one line on stderr with a non-zero exit, leaving the project as it was', async () => {
    await cli('new', project);
    const empty = join(dir.path, 'empty.txt');
    writeFileSync(empty, '');
    const binary = join(dir.path, 'image.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const before = readFileSync(project);
    for (const args of [
      ['import', project, empty],
      ['import', project, binary],
      ['import', project, join(dir.path, 'missing.txt')],
      ['list', join(dir.path, 'nope.marginalia')],
      ['show', project, 'no such document'],
      ['tag', project, 'x', '--kind', 'opinion', '--quote', 'a'],
      ['new', project],
    ]) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(/^marginalia: [^\n]+\n$/);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(readFileSync(project).equals(before)).toBe(true);
    const listed = JSON.parse((await cli('list', project, '--json')).stdout);
    expect(listed).toEqual([]);
  });

  it('refuses to write without an analyst name, saying how to give one', async () => {
    let stderr = '';
    const code = await runCli(['new', project], { stdout: () => {}, stderr: (t) => (stderr += t), env: { MARGINALIA_SETTINGS_DIR: join(dir.path, 's') } });
    expect(code).toBe(0);
    const result = await runCli(['import', project, samples[0] as string], { stdout: () => {}, stderr: (t) => (stderr += t), env: { MARGINALIA_SETTINGS_DIR: join(dir.path, 's') } });
    expect(result).toBe(1);
    expect(stderr).toMatch(/--analyst/);
  });

  it('says on the import line how many invalid UTF-8 sequences were replaced, and in --json', async () => {
    await cli('new', project);
    const file = join(dir.path, 'cafe.txt');
    writeFileSync(file, Buffer.concat([Buffer.from('Le café\n\nUn article court. '), Buffer.from([0xff])]));
    const imported = await cli('import', project, file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^imported .* {2}\("cafe\.txt" had 1 invalid UTF-8 byte sequence, imported as \uFFFD \(the replacement character\)\.\)\n$/);
    const again = await cli('import', project, file, '--json');
    expect((JSON.parse(again.stdout) as { warnings: string[] }[])[0]?.warnings).toEqual([
      '"cafe.txt" had 1 invalid UTF-8 byte sequence, imported as \uFFFD (the replacement character).',
    ]);
  });

  it('lists every command in --help, and each answers its own --help with its usage', async () => {
    // Every command the sources declare (a literal .command('…'), and undo and redo, declared in a loop).
    const cliDir = import.meta.dirname;
    const declared = readdirSync(cliDir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .flatMap((f) => [...readFileSync(join(cliDir, f), 'utf8').matchAll(/\.command\('([a-z-]+)'\)/g)].map((m) => m[1] as string));
    const expected = [...declared, 'undo', 'redo'].sort();
    const help = await cli('--help');
    expect(help.code).toBe(0);
    const listed = [...(help.stdout.split('Commands:')[1] ?? '').matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1] as string).filter((c) => c !== 'help');
    expect(listed.sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(20);
    for (const command of expected) {
      const sub = await cli(command, '--help');
      expect(sub.code, command).toBe(0);
      expect(sub.stdout, command).toMatch(new RegExp(`^Usage: marginalia ${command} `));
    }
  });

  it('runs as the installed bin: --help, and a failure as one line with exit code 1', () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'marginalia.mjs');
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/^Usage: marginalia /);
    const failing = spawnSync(process.execPath, [bin, 'list', join(dir.path, 'missing.marginalia')], { encoding: 'utf8' });
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/^marginalia: There is no project file at [^\n]+\n$/);
  });

});

// Checks that what the CLI prints from a project (titles, names, quotes) cannot carry terminal escapes or bidi overrides.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test-support/project-fixture';
import { runCli } from './main';
import { visible } from './render';

/** Characters a terminal acts on or reorders: C0, DEL, C1, line separators, bidi marks, embeddings, overrides, isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('visible', () => {
  it('shows escape and control characters as control pictures and bidi controls by code point', () => {
    expect(visible('\u001b[31mred\u001b[0m')).toBe('␛[31mred␛[0m');
    expect(visible('a\tb\nc\u0000\u007f')).toBe('a␉b␊c␀␡');
    expect(visible('invoice\u202Efdp.exe')).toBe('invoice<U+202E>fdp.exe');
    expect(visible('\u2066x\u2069 \u200f \u0085')).toBe('<U+2066>x<U+2069> <U+200F> <U+0085>');
    expect(visible('Talks in Kyiv — 🇺🇦 “Zelensky”')).toBe('Talks in Kyiv — 🇺🇦 “Zelensky”');
  });

  it('leaves no character a terminal acts on, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const shown = visible(text);
        expect(UNSAFE.test(shown)).toBe(false);
        if (!UNSAFE.test(text)) expect(shown).toBe(text);
      }),
    );
  });
});

describe('the CLI output', () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => (dir = temporaryDirectory()));
  afterEach(() => dir.remove());

  it('prints a hostile title in list and show with its escapes and overrides visible', async () => {
    let stdout = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: () => {}, env: { MARGINALIA_ANALYST: 'Ada', MARGINALIA_SETTINGS_DIR: join(dir.path, 's') } };
    const project = join(dir.path, 'p.marginalia');
    const article = join(dir.path, 'a.txt');
    writeFileSync(article, 'Breaking \u001b]0;owned\u0007\u001b[2J news \u202Egnp.exe\n\nThe delegations met on Monday.\n');
    expect(await runCli(['new', project], io)).toBe(0);
    expect(await runCli(['import', project, article], io)).toBe(0);
    expect(await runCli(['tag', project, 'Breaking', '--kind', 'claim', '--quote', 'delegations'], io)).toBe(0);
    stdout = '';
    expect(await runCli(['list', project], io)).toBe(0);
    expect(await runCli(['show', project, 'Breaking'], io)).toBe(0);
    expect(stdout).toContain('Breaking ␛]0;owned␇␛[2J news <U+202E>gnp.exe');
    expect(UNSAFE.test(stdout.replaceAll('\n', ''))).toBe(false);
  });
});

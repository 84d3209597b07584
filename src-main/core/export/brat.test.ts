// The brat export: .txt/.ann pairs, entity types, offsets, safe file names and the annotation config.
import { describe, expect, it } from 'vitest';
import { BRAT_ENTITY_TYPES, bratAnnotationConf, exportBrat, safeBaseName } from './brat';
import { documentOf, EMOJI_DOCUMENT, sampleSnapshot } from './snapshot-fixture';
import type { ExportedFile } from './types';

const snapshot = sampleSnapshot();

interface TextBound {
  id: string;
  type: string;
  fragments: [number, number][];
  text: string;
}

/** Reads .ann lines the way brat does: tab-separated fields, `start end` pairs joined by ';'. */
function readAnn(ann: string): { t: TextBound[]; a: string[][]; notes: string[][] } {
  expect(ann === '' || ann.endsWith('\n')).toBe(true);
  const lines = ann.split('\n').filter((l) => l !== '');
  const t = lines
    .filter((l) => l.startsWith('T'))
    .map((line) => {
      const [id, typeAndOffsets, text] = line.split('\t') as [string, string, string];
      const [type, ...rest] = typeAndOffsets.split(' ');
      const fragments = rest
        .join(' ')
        .split(';')
        .map((pair) => pair.split(' ').map(Number) as [number, number]);
      return { id, type: type!, fragments, text };
    });
  const a = lines.filter((l) => l.startsWith('A')).map((l) => l.split(/[\t ]/));
  const notes = lines.filter((l) => l.startsWith('#')).map((l) => l.split('\t'));
  expect(t.length + a.length + notes.length).toBe(lines.length);
  return { t, a, notes };
}

function fileAt(files: ExportedFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return file.content as string;
}

describe('brat export', () => {
  const files = exportBrat(snapshot);
  const emojiName = 'brat/ukraine-talks-800-billion-d0c00000';

  it('writes a .txt and an .ann per document, with safe names, plus annotation.conf and visual.conf', () => {
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        `${emojiName}.ann`,
        `${emojiName}.txt`,
        'brat/con-d0c00000.ann',
        'brat/con-d0c00000.txt',
        'brat/annotation.conf',
        'brat/visual.conf',
      ].sort(),
    );
    for (const file of files) expect(file.path).toMatch(/^brat\/[a-z0-9][a-z0-9.-]*$/);
    expect(fileAt(files, `${emojiName}.txt`)).toBe(EMOJI_DOCUMENT.text);
  });

  it('counts offsets in code points, so every fragment matches the text as brat (Python) slices it', () => {
    const text = Array.from(EMOJI_DOCUMENT.text);
    const { t } = readAnn(fileAt(files, `${emojiName}.ann`));
    const live = snapshot.annotations.filter((a) => a.documentId === EMOJI_DOCUMENT.id && a.deletedAt === null && a.target);
    expect(t).toHaveLength(live.length);
    for (const bound of t) {
      const fragmentTexts = bound.fragments.map(([s, e]) => text.slice(s, e).join(''));
      expect(bound.text).toBe(fragmentTexts.join(' '));
      for (const fragment of fragmentTexts) expect(fragment).not.toContain('\n');
    }
    expect(t[0]).toEqual({ id: 'T1', type: 'Figure', fragments: [[21, 33]], text: '$800 billion' });
  });

  it('splits a span that crosses a line break into fragments', () => {
    const { t } = readAnn(fileAt(files, `${emojiName}.ann`));
    const multi = t.find((b) => b.fragments.length > 1)!;
    expect(multi.type).toBe('Claim');
    expect(multi.text).toBe('The fund would reach $800 billion by 2030, according to the draft');
    expect(multi.fragments).toHaveLength(2);
    expect(multi.fragments[1]![0]).toBe(multi.fragments[0]![1] + 1);
  });

  it('writes enumerable attributes as A lines and everything else as one AnnotatorNotes line', () => {
    const { t, a, notes } = readAnn(fileAt(files, `${emojiName}.ann`));
    const idOf = (text: string) => t.find((b) => b.text === text)!.id;
    const claim = idOf('Kyrylo Budanov “did not formally return to office”');
    expect(a).toContainEqual([expect.stringMatching(/^A\d+$/), 'Status', claim, 'disputed']);
    expect(notes).toContainEqual([
      expect.stringMatching(/^#\d+$/),
      `AnnotatorNotes ${claim}`,
      'Contradicted by the decree of 2 January; see the registry. | Claimant: Rustem Umerov',
    ]);
    const warning = idOf('did not formally return to office');
    expect(a).toContainEqual([expect.stringMatching(/^A\d+$/), 'Severity', warning, 'high']);
    expect(a).toContainEqual([expect.stringMatching(/^A\d+$/), 'Category', warning, 'outdated_role']);
    expect(notes.find((n) => n[1] === `AnnotatorNotes ${warning}`)?.[2]).toBe('Correction: He was reappointed on 2 January, 2026.');
    expect(notes.find((n) => n[1] === `AnnotatorNotes ${idOf('$800 billion')}`)?.[2]).toBe(
      'Headline figure, "rounded" | Figure: 800 × 1000000000 = 800000000000 USD',
    );
    expect(notes.find((n) => n[1] === `AnnotatorNotes ${idOf('Kyrylo Budanov')}`)?.[2]).toBe('Actor: Kyrylo Budanov');
  });

  it('declares in annotation.conf every entity type and attribute value the .ann files use', () => {
    const conf = bratAnnotationConf();
    expect(fileAt(files, 'brat/annotation.conf')).toBe(conf);
    for (const section of ['[entities]', '[relations]', '[events]', '[attributes]']) expect(conf).toContain(section);
    for (const type of Object.values(BRAT_ENTITY_TYPES)) expect(conf.split('\n')).toContain(type);
    const declared = new Map(
      conf
        .split('\n')
        .filter((l) => l.includes('Value:'))
        .map((l) => [l.split('\t')[0]!, l.split('Value:')[1]!.split('|')]),
    );
    for (const path of [`${emojiName}.ann`, 'brat/con-d0c00000.ann']) {
      for (const [, name, , value] of readAnn(fileAt(files, path)).a) expect(declared.get(name!)).toContain(value);
    }
  });

  it('leaves out deleted tags and document-level warnings, which brat cannot hold', () => {
    const { t } = readAnn(fileAt(files, `${emojiName}.ann`));
    expect(t.filter((b) => b.text === '$800 billion')).toHaveLength(1);
    expect(t.map((b) => b.type)).toEqual(['Figure', 'Actor', 'Claim', 'Reliability_warning', 'Claim']);
  });

  it('makes file names from titles that cannot escape the folder or collide', () => {
    const id = '12345678-9abc-4def-8000-000000000000';
    expect(safeBaseName({ id, title: '../../etc/passwd' })).toBe('etc-passwd-12345678');
    expect(safeBaseName({ id, title: 'Ünïcödé Straße — 🇺🇦' })).toBe('unicode-strasse-12345678');
    expect(safeBaseName({ id, title: 'Буданов повернувся: «Україна»' })).toBe('budanov-povernuvsya-ukrayina-12345678');
    expect(safeBaseName({ id, title: '🇺🇦🇺🇦' })).toBe('document-12345678');
    expect(safeBaseName({ id, title: '.hidden' })).toBe('hidden-12345678');
    expect(safeBaseName({ id, title: 'x'.repeat(300) })).toHaveLength(48 + 9);
    const twin = documentOf('d0c00000-ffff-4000-8000-000000000009', 'CON', 'Another text.');
    const paths = exportBrat({ ...snapshot, documents: [...snapshot.documents, twin] }).map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain('brat/con-d0c00000ffff40008000000000000009.txt');
  });
});

// Tests for epub.ts on EPUB files built in memory: the spine in order, chapter headings, metadata; scripts and remote resources dropped.
import { describe, expect, it } from 'vitest';
import { makeEpub } from '../../test-support/office-files';
import { parseImportedFile } from './parse-article';
import { blockProblems } from './validate';

const twoChapters = makeEpub({
  title: 'The Race for Guarantees',
  creator: 'Ben Reporter',
  date: '2026-01-22',
  chapters: [
    { file: 'second.xhtml', body: '<h1>Davos</h1><p>The second round moved to <a href="https://example.invalid">Davos</a>.</p><img src="https://example.invalid/pixel.png" alt="tracker"/>' },
    { file: 'first.xhtml', body: '<h1>Miami</h1><p>The envoys met in <em>Miami</em>.</p><script>globalThis.epubScriptRan = true;</script><style>p{}</style>' },
  ],
  spine: [1, 0],
});

describe('an EPUB with two chapters', () => {
  it('reads the chapters in spine order with their headings, below the title', async () => {
    const article = await parseImportedFile('race.epub', twoChapters);
    expect(blockProblems(article.text, article.blocks)).toEqual([]);
    expect(article.blocks.map((b) => [b.type, b.level ?? null, article.text.slice(b.start, b.end)])).toEqual([
      ['heading', 1, 'The Race for Guarantees'],
      ['heading', 2, 'Miami'],
      ['paragraph', null, 'The envoys met in Miami.'],
      ['heading', 2, 'Davos'],
      ['paragraph', null, 'The second round moved to Davos.'],
    ]);
  });

  it('reads title, creator and date from the package metadata', async () => {
    const article = await parseImportedFile('race.epub', twoChapters);
    expect(article).toMatchObject({ format: 'epub', title: 'The Race for Guarantees', author: 'Ben Reporter', publishedAt: '2026-01-22' });
  });

  it('drops scripts, styles and remote resources without running or fetching them', async () => {
    const article = await parseImportedFile('race.epub', twoChapters);
    expect(article.text).not.toMatch(/epubScriptRan|example\.invalid|tracker|p\{\}/);
    expect((globalThis as { epubScriptRan?: boolean }).epubScriptRan).toBeUndefined();
  });

  it('refuses an EPUB without its container file', async () => {
    const broken = makeEpub({ title: 'x', chapters: [] });
    const { unzipSync, zipSync } = await import('fflate');
    const { 'META-INF/container.xml': _dropped, ...rest } = unzipSync(broken);
    await expect(parseImportedFile('broken.epub', zipSync(rest))).rejects.toMatchObject({
      code: 'import_damaged',
      message: '"broken.epub" is damaged or is not really an EPUB e-book (it has no META-INF/container.xml), so its text cannot be read.',
    });
  });
});

// Checks how an imported annotation's document is found: site suffixes removed from titles, and quotes deciding only when one document stands out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../src-shared/model/document';
import { documentByClues, documentByQuotes, withoutSiteSuffix } from './find-document';

const meta = (id: string, title: string, extra: Partial<DocumentMeta> = {}): DocumentMeta =>
  ({ id, title, originalName: `${id}.txt`, sha256: id.padEnd(64, '0'), ...extra }) as DocumentMeta;

describe('withoutSiteSuffix', () => {
  it('removes the last “ | Site”, “ - Site”, “ — Site” part and nothing else', () => {
    expect(withoutSiteSuffix('Kyiv without heating | News Example')).toBe('Kyiv without heating');
    expect(withoutSiteSuffix('Talks - day 2 - Example News')).toBe('Talks - day 2');
    expect(withoutSiteSuffix('Talks resume — The Site')).toBe('Talks resume');
    expect(withoutSiteSuffix('Self-determination in 2026')).toBe('Self-determination in 2026');
    expect(withoutSiteSuffix('| Only a site')).toBe('| Only a site');
  });

  it('gives back a title without separators unchanged, and a suffixed one as it was before the suffix', () => {
    // No separator in either part, not even one its edge would make next to the separator between them ("| !").
    const plain = fc.string({ maxLength: 40 }).filter((t) => !/\s(\||-|–|—|·|::)\s/.test(` ${t} `) && t.trim() !== '' && t === t.trim());
    fc.assert(
      fc.property(plain, fc.constantFrom(' | ', ' - ', ' — ', ' – '), plain, (title, separator, site) => {
        expect(withoutSiteSuffix(title)).toBe(title);
        expect(withoutSiteSuffix(`${title}${separator}${site}`)).toBe(title);
      }),
    );
  });
});

describe('documentByClues and documentByQuotes', () => {
  const documents = [meta('a', 'Kyiv without heating'), meta('b', 'Other news', { originalName: 'other-news.html' })];

  it('trusts the content hash first, then the file name of the URL, then the title with or without the site', () => {
    expect(documentByClues({ sourceId: `urn:sha256:${'b'.padEnd(64, '0')}`, sourceTitle: 'Kyiv without heating' }, documents)).toMatchObject({ how: 'hash', document: { id: 'b' } });
    expect(documentByClues({ sourceId: 'https://example.org/2026/other-news.html' }, documents)).toMatchObject({ how: 'source', document: { id: 'b' } });
    expect(documentByClues({ sourceTitle: 'KYIV without heating | News Example' }, documents)).toMatchObject({ how: 'title', document: { id: 'a' } });
    expect(documentByClues({ sourceId: 'https://example.org/x', sourceTitle: 'Unknown' }, documents)).toBeUndefined();
  });

  it('picks by quotes only the document holding more than half of them and more than any other', () => {
    const texts: Record<string, string> = { a: 'one two three', b: 'one four' };
    const textOf = (d: DocumentMeta) => texts[d.id]!;
    expect(documentByQuotes(['one', 'two', 'three'], documents, textOf)?.id).toBe('a');
    expect(documentByQuotes(['one'], documents, textOf)).toBeUndefined(); // in both: a tie
    expect(documentByQuotes(['two', 'four', 'five', 'six'], documents, textOf)).toBeUndefined(); // none holds most
  });
});

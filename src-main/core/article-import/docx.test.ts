// Tests for docx.ts on DOCX files built in memory: title, headings, list, table, footnote, properties, date; refusals.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDocx } from '../../test-support/office-files';
import { parseImportedFile } from './parse-article';
import { ImportRefusal } from './refusal';
import { blockProblems } from './validate';

const briefing = makeDocx({
  title: 'Properties title',
  author: 'Ana Analyst',
  created: '2026-01-18T09:00:00Z',
  body: [
    { style: 'Title', text: 'Guarantees Briefing' },
    { text: '21 January 2026' },
    { style: 'Heading1', text: 'Background' },
    { text: 'The envoys met in Miami.', footnote: 1 },
    { listItem: 'A reassurance force' },
    { listItem: 'Air patrols' },
    { style: 'Heading2', text: 'Numbers' },
    { table: [['Country', 'Troops'], ['France', '5,000']] },
  ],
  footnotes: { 1: 'Reported by two outlets.' },
});

describe('a DOCX with a title, headings, a list, a table and a footnote', () => {
  it('keeps each as its block, the footnote at the end', async () => {
    const article = await parseImportedFile('briefing.docx', briefing);
    expect(blockProblems(article.text, article.blocks)).toEqual([]);
    expect(article.blocks.map((b) => [b.type, b.level ?? null, article.text.slice(b.start, b.end)])).toEqual([
      ['heading', 1, 'Guarantees Briefing'],
      ['paragraph', null, '21 January 2026'],
      ['heading', 2, 'Background'],
      ['paragraph', null, 'The envoys met in Miami.[1]'],
      ['list_item', null, 'A reassurance force'],
      ['list_item', null, 'Air patrols'],
      ['heading', 3, 'Numbers'],
      ['table_cell', null, 'Country'],
      ['table_cell', null, 'Troops'],
      ['table_cell', null, 'France'],
      ['table_cell', null, '5,000'],
      ['paragraph', null, '[1] Reported by two outlets.'],
    ]);
  });

  it('takes the title from the Title style, the author from the properties and the date paragraph as the published date', async () => {
    const article = await parseImportedFile('briefing.docx', briefing);
    expect(article).toMatchObject({ format: 'docx', title: 'Guarantees Briefing', author: 'Ana Analyst', publishedAt: '2026-01-21' });
  });

  it('falls back to the title and creation date of the document properties', async () => {
    const plain = makeDocx({ title: 'Properties title', created: '2026-01-18T09:00:00Z', body: [{ text: 'Only a paragraph of text.' }] });
    const article = await parseImportedFile('plain.docx', plain);
    expect(article).toMatchObject({ title: 'Properties title', publishedAt: '2026-01-18', author: null });
  });

  it('refuses a zip that is not a Word document, and one that unpacks to far more than it weighs', async () => {
    const notWord = zipSync({ 'readme.txt': strToU8('hello') });
    await expect(parseImportedFile('notes.docx', notWord)).rejects.toMatchObject({ code: 'import_damaged' });
    // A small zip whose central directory declares that its document inflates to 200 MB.
    const bomb = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    const directory = bomb.findIndex((_, i) => bomb[i] === 0x50 && bomb[i + 1] === 0x4b && bomb[i + 2] === 0x01 && bomb[i + 3] === 0x02);
    new DataView(bomb.buffer).setUint32(directory + 24, 200 * 1024 * 1024, true);
    const refusal = await parseImportedFile('bomb.docx', bomb).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ImportRefusal);
    expect(refusal).toMatchObject({ code: 'import_too_large' });
  });
});

// Tests for pdf.ts on the fixture PDFs (scripts/make-import-fixtures.py): paragraphs, pages, furniture, title and date; refusals; scripts never run.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTextPdf, type PdfTextLine } from '../../test-support/pdf-files';
import { parseImportedFile } from './parse-article';
import { ImportRefusal } from './refusal';
import { blockProblems } from './validate';
import type { ParsedArticle } from './types';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));

async function refusal(promise: Promise<unknown>): Promise<ImportRefusal> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ImportRefusal) return e;
    throw e;
  }
  throw new Error('expected an ImportRefusal');
}

function blockTexts(article: ParsedArticle): Array<{ type: string; level?: number; page?: number; text: string }> {
  return article.blocks.map((b) => ({ type: b.type, ...(b.level ? { level: b.level } : {}), page: b.page, text: article.text.slice(b.start, b.end) }));
}

describe('a three-page PDF brief with a running header, page numbers and hyphenated line ends', () => {
  it('gives back its paragraphs whole, each with the page it starts on', async () => {
    const article = await parseImportedFile('brief.pdf', fixture('brief-3-pages.pdf'));
    expect(blockProblems(article.text, article.blocks)).toEqual([]);
    expect(blockTexts(article)).toEqual([
      { type: 'heading', level: 1, page: 1, text: 'Security Guarantees for Ukraine' },
      { type: 'paragraph', page: 1, text: '20 January 2026' },
      { type: 'heading', level: 2, page: 1, text: 'Background' },
      { type: 'paragraph', page: 1, text: 'The talks in Miami were the first direct negotiations between the envoys since the summer. Both delegations described them as constructive.' },
      { type: 'paragraph', page: 1, text: 'Observers noted that the so-called Trump-Putin channel remained open throughout the week, while European officials were kept informed.' },
      { type: 'heading', level: 2, page: 2, text: 'What Europe Offers' },
      { type: 'paragraph', page: 2, text: 'European capitals proposed a reassurance force of up to twenty thousand troops, stationed away from the front line and supported by air patrols.' },
      // Paragraphs told apart by their indented first line only.
      { type: 'paragraph', page: 2, text: 'The proposal depends on a ceasefire that holds for at least thirty days.' },
      // Continued on page 3 mid-word: one paragraph, on the page it starts on.
      { type: 'paragraph', page: 2, text: 'Finance ministers are still discussing who would pay for the force and for the long-term reconstruction of the damaged energy grid.' },
      { type: 'heading', level: 2, page: 3, text: 'Outlook' },
      { type: 'paragraph', page: 3, text: 'A second round of talks is expected in Davos. Its outcome will decide whether the guarantees are written into a treaty.' },
    ]);
  });

  it('drops the running header and the page numbers', async () => {
    const article = await parseImportedFile('brief.pdf', fixture('brief-3-pages.pdf'));
    expect(article.text).not.toContain('Institute for Peace Studies');
    expect(article.text).not.toMatch(/^\d+$/m);
  });

  it('reads the title from the largest text, the date line as the published date, and the author from the document information', async () => {
    const article = await parseImportedFile('brief.pdf', fixture('brief-3-pages.pdf'));
    expect(article).toMatchObject({
      format: 'pdf',
      title: 'Security Guarantees for Ukraine',
      publishedAt: '2026-01-20',
      author: 'Institute for Peace Studies',
    });
  });

  it('is recognised as a PDF by its bytes whatever its name', async () => {
    const article = await parseImportedFile('brief.txt', fixture('brief-3-pages.pdf'));
    expect(article.format).toBe('pdf');
  });
});

describe('refused PDFs', () => {
  it('refuses an encrypted PDF with a sentence about its password, and opens it with the password', async () => {
    const r = await refusal(parseImportedFile('secret.pdf', fixture('encrypted-password-secret.pdf')));
    expect(r.code).toBe('import_encrypted');
    expect(r.message).toBe(
      '"secret.pdf" is protected by a password; import it with its password (marginalia import --password …) or save an unprotected copy first.',
    );
    const wrong = await refusal(parseImportedFile('secret.pdf', fixture('encrypted-password-secret.pdf'), { password: 'guess' }));
    expect(wrong.message).toBe('The password given for "secret.pdf" is not the right one.');
    const opened = await parseImportedFile('secret.pdf', fixture('encrypted-password-secret.pdf'), { password: 'secret' });
    expect(opened.text).toBe('Only readers with the password see this sentence.');
  });

  it('refuses a PDF without a text layer with a sentence saying it needs OCR', async () => {
    const r = await refusal(parseImportedFile('scan.pdf', fixture('no-text-layer.pdf')));
    expect(r.code).toBe('import_no_text');
    expect(r.message).toBe(
      '"scan.pdf" has no text to import: its pages are only images (a scan, perhaps). Run it through OCR (text recognition) first and import the result.',
    );
  });

  it('refuses a file called .pdf that is not one', async () => {
    const r = await refusal(parseImportedFile('fake.pdf', new TextEncoder().encode('%PDF-1.7\nnot really a PDF at all')));
    expect(r.code).toBe('import_damaged');
    expect(r.message).toBe('"fake.pdf" is damaged or is not really a PDF file, so its text cannot be read.');
  });
});

describe('a PDF with an OpenAction JavaScript and a link', () => {
  afterEach(() => vi.restoreAllMocks());

  it('imports its text; the script is neither run nor extracted, and nothing is fetched', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const evalSpy = vi.spyOn(globalThis, 'eval');
    const article = await parseImportedFile('scripted.pdf', fixture('open-action-javascript.pdf'));
    expect(article.text).toBe('This briefing opens with a script that must never run.');
    expect(article.title).toBe('Briefing with a script');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(evalSpy).not.toHaveBeenCalled();
    // The fixture really carries the script: the test would mean nothing otherwise.
    expect(new TextDecoder('latin1').decode(fixture('open-action-javascript.pdf'))).toContain('app.alert');
  });
});

describe('bold headings across pages', () => {
  it('finds a bold body-size heading on every page, the bold font first seen on an earlier page', async () => {
    const body = (text: string, y: number): PdfTextLine => ({ text, x: 72, y, size: 11 });
    const page = (heading: string | null, sentence: string): PdfTextLine[] => [
      ...(heading ? [{ text: heading, x: 72, y: 760, size: 11, bold: true }] : []),
      body(`${sentence} The delegations met again on Tuesday and talked for six hours about the terms.`, 730),
      body('Neither side published a statement afterwards, and the envoys left for their capitals.', 716),
    ];
    const pdf = makeTextPdf([page('Background', 'The first round ended.'), page(null, 'The second round began.'), page('Outlook', 'A third round is planned.')]);
    const article = await parseImportedFile('bold.pdf', pdf);
    expect(blockTexts(article).filter((b) => b.type === 'heading')).toEqual([
      { type: 'heading', level: 2, page: 1, text: 'Background' },
      { type: 'heading', level: 2, page: 3, text: 'Outlook' },
    ]);
  });
});

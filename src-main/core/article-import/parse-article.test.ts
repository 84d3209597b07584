// Tests for parse-article.ts: the sample articles, format dispatch, refusals, pasted text and throughput.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportRefusal, MAX_IMPORT_BYTES, formatForFileName, parseArticleFile, parsePastedText } from './parse-article';
import type { ParsedArticle } from './parse-article';
import { blockProblems } from './validate';

const SAMPLE_DIR = new URL('../../../resources/sample/', import.meta.url);
const samples = readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt')).sort();
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function refusal(fn: () => unknown): ImportRefusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportRefusal) return e;
    throw e;
  }
  throw new Error('expected an ImportRefusal');
}

function expectValid(article: ParsedArticle): void {
  expect(blockProblems(article.text, article.blocks)).toEqual([]);
  expect(article.title.trim()).not.toBe('');
}

const EXPECTED_TITLES: Record<string, string> = {
  '000_734da4ab211b7c49.txt': "Miami Negotiations and Davos Maneuvers: The U.S. Calculations and European Rifts Behind Ukraine's Security Guarantees",
  '001_53db5d5361afbcfc.txt': "Miami Secret Talks and Davos Suspense: Ukraine's Peace Process Enters a Critical Game Period",
  '002_1d2e21283015eb8c.txt': 'Ukraine Seeks US Security Guarantees Amid Tense Talks',
  '003_756f07eddf996290.txt': "The Race to Lock Down Ukraine's Peace",
  '004_27bf8040a9b2cbc5.txt': 'A Diplomatic Mirage? An Analysis of the Trump-Putin Envoys’ Meeting in Davos on Ukraine (January 2026)',
};

describe('sample articles', () => {
  it('has the five samples', () => {
    expect(samples).toHaveLength(5);
  });

  it.each(samples)('%s parses with exact offsets and real structure', (file) => {
    const raw = readFileSync(new URL(file, SAMPLE_DIR), 'utf8');
    const article = parseArticleFile(file, readFileSync(new URL(file, SAMPLE_DIR)));
    const content = raw.replace(/\r\n?/g, '\n');
    const firstLine = content.split('\n').find((l) => l.trim() !== '')?.trim();

    expect(article.format).toBe('txt');
    expect(article.sourceEncoding).toBe('utf-8');
    expect(article.text).toBe(content);
    // The headline, not the page furniture above it, nor a "Title:" label.
    expect(article.title).toBe(EXPECTED_TITLES[file]);
    expect(content.includes(article.title)).toBe(true);
    expect(firstLine).toBeDefined();
    expect(article.blocks.length).toBeGreaterThan(10);
    expectValid(article);
    for (const b of article.blocks) {
      const blockText = article.text.slice(b.start, b.end);
      expect(blockText).not.toContain('\n');
      expect(blockText).toBe(blockText.trim());
    }
    const titleBlock = article.blocks.find((b) => article.text.slice(b.start, b.end).includes(article.title.slice(0, 30)));
    expect(titleBlock).toMatchObject({ type: 'heading', level: 1 });
    expect(article.text.slice(article.blocks[0]?.start, article.blocks[0]?.end)).toBe(firstLine);

    // Every non-empty line of the file is covered by exactly one block.
    const nonEmptyLines = content.split('\n').filter((l) => l.trim() !== '').length;
    expect(article.blocks).toHaveLength(nonEmptyLines);

    const dateLine = content
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 5)
      .map((l) => /^\s*(\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(l))
      .find((m) => m !== null);
    expect(article.publishedAt).toBe(dateLine ? `${dateLine[3]}-${dateLine[2]}-${dateLine[1]}` : null);
  });

  it('reads the known dates and headings of the first samples', () => {
    const a = parseArticleFile('000.txt', readFileSync(new URL(samples[0] as string, SAMPLE_DIR)));
    expect(a.publishedAt).toBe('2026-01-20');
    const headings = a.blocks.filter((b) => b.type === 'heading' && b.level === 2).map((b) => a.text.slice(b.start, b.end));
    expect(headings).toContain('Miami: From "Substantive" Dialogue to Unfinished Agenda');
    const b = parseArticleFile('001.txt', readFileSync(new URL(samples[1] as string, SAMPLE_DIR)));
    expect(b.publishedAt).toBe('2026-01-19');
    const e = parseArticleFile('004.txt', readFileSync(new URL(samples[4] as string, SAMPLE_DIR)));
    expect(e.blocks.some((x) => x.type === 'list_item')).toBe(true);
  });
});

describe('line endings and BOM', () => {
  it('normalises CRLF, lone CR and a BOM, keeping offsets consistent', () => {
    const body = 'A longer paragraph that runs past one hundred characters so that it reads as body text in the article.';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`Headline\r\n\r\n20/01/2026\r\n\r\n  ${body}\r\rSecond line\r\n`)]);
    const a = parseArticleFile('crlf.txt', bytes);
    expect(a.text).toBe(`Headline\n\n20/01/2026\n\n  ${body}\n\nSecond line\n`);
    expect(a.text).not.toContain('\r');
    expect(a.text).not.toContain('\uFEFF');
    expectValid(a);
    expect(a.blocks.map((b) => a.text.slice(b.start, b.end))).toEqual(['Headline', '20/01/2026', body, 'Second line']);
    expect(a.publishedAt).toBe('2026-01-20');
  });

  it('normalises Markdown line endings too', () => {
    const a = parseArticleFile('n.md', utf8('# Title\r\n\r\nLine one\r\nline two\r\n'));
    expect(a.text).toBe('Title\n\nLine one line two');
    expect(a.format).toBe('md');
  });
});

describe('format dispatch and refusals', () => {
  it('maps extensions to formats, case-insensitively and ignoring directories', () => {
    expect(formatForFileName('a.TXT')).toBe('txt');
    expect(formatForFileName('dir/a.b.Markdown')).toBe('md');
    expect(formatForFileName('C:\\x\\page.HTM')).toBe('html');
    expect(formatForFileName('notes.PDF')).toBe('pdf');
    expect(formatForFileName('notes.rtf')).toBeNull();
    expect(formatForFileName('README')).toBeNull();
    expect(formatForFileName('.txt')).toBeNull();
  });

  it('refuses unsupported formats before reading the bytes', () => {
    const r = refusal(() => parseArticleFile('/home/ana/notes.rtf', utf8('{\\rtf1')));
    expect(r.code).toBe('import_unsupported_format');
    expect(r.message).toBe('"notes.rtf" is not a supported format: Marginalia imports .txt, .md, .markdown, .html, .htm, .pdf, .docx and .epub files.');
    expect(r).toBeInstanceOf(Error);
    expect(r.name).toBe('ImportRefusal');
  });

  it('refuses empty and whitespace-only files', () => {
    const e = refusal(() => parseArticleFile('x.txt', new Uint8Array()));
    expect(e.code).toBe('import_empty');
    expect(e.message).toBe('"x.txt" is empty.');
    expect(refusal(() => parseArticleFile('y.md', utf8('   \n\n\t'))).code).toBe('import_empty');
    expect(refusal(() => parseArticleFile('z.html', utf8('\n'))).code).toBe('import_empty');
  });

  it('refuses Markdown with no readable text', () => {
    const r = refusal(() => parseArticleFile('img.md', utf8('![only](image.png)\n\n---\n')));
    expect(r.code).toBe('import_empty');
    expect(r.message).toContain('"img.md"');
  });

  it('refuses binary content behind a text extension', () => {
    const png = refusal(() => parseArticleFile('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])));
    expect(png.code).toBe('import_binary');
    expect(png.message).toContain('"photo.txt" looks like a binary file, not text.');
    const nul = refusal(() => parseArticleFile('nul.md', new Uint8Array([0x61, 0x62, 0, 0, 0x63])));
    expect(nul.code).toBe('import_binary');
    expect(nul.message).toContain('"nul.md"');
  });

  it('refuses files over 10 MiB', () => {
    const r = refusal(() => parseArticleFile('big.txt', new Uint8Array(MAX_IMPORT_BYTES + 1024 * 1024)));
    expect(r.code).toBe('import_too_large');
    expect(r.message).toBe('"big.txt" is 11.0 MB; the largest article Marginalia imports is 10 MB.');
  });

  it('refuses undecodable bytes', () => {
    const r = refusal(() => parseArticleFile('odd.txt', new Uint8Array([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x81, 0x8d, 0x8f, 0x90, 0x9d])));
    expect(['import_encoding', 'import_binary']).toContain(r.code);
    expect(r.message).toContain('"odd.txt"');
  });

  it('reads a windows-1252 .txt file', () => {
    const bytes = Uint8Array.from('Caf\xe9 notes\n\nThe \x93quoted\x94 price was \x80 5.\n', (c) => c.charCodeAt(0));
    const a = parseArticleFile('w.txt', bytes);
    expect(a.sourceEncoding).toBe('windows-1252');
    expect(a.text).toBe('Café notes\n\nThe “quoted” price was € 5.\n');
    expect(a.title).toBe('Café notes');
  });
});

describe('parsePastedText', () => {
  it('parses like .txt with format paste', () => {
    const a = parsePastedText('\uFEFFPasted headline\r\n\r\n20 January 2026\r\n- a point\r\n');
    expect(a.format).toBe('paste');
    expect(a.sourceEncoding).toBe('utf-8');
    expect(a.text).toBe('Pasted headline\n\n20 January 2026\n- a point\n');
    expect(a.title).toBe('Pasted headline');
    expect(a.publishedAt).toBe('2026-01-20');
    expect(a.blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list_item']);
    expectValid(a);
  });

  it('uses a given title and refuses empty or binary paste', () => {
    expect(parsePastedText('body line', 'My title').title).toBe('My title');
    expect(parsePastedText('body line', '   ').title).toBe('body line');
    const e = refusal(() => parsePastedText(' \n '));
    expect(e.code).toBe('import_empty');
    expect(e.message).toBe('The pasted text is empty.');
    expect(refusal(() => parsePastedText('a\u0000b')).code).toBe('import_binary');
  });

  it('refuses pasted text over 10 MiB', () => {
    const r = refusal(() => parsePastedText('é'.repeat(MAX_IMPORT_BYTES / 2 + 10)));
    expect(r.code).toBe('import_too_large');
    expect(r.message).toMatch(/^The pasted text is .+ MB; the largest article Marginalia imports is 10 MB\.$/);
  });
});

describe('throughput', () => {
  it('parses 1,000 plain-text articles of ~10 KB well within 5 s', () => {
    const sample = readFileSync(new URL(samples[0] as string, SAMPLE_DIR)).subarray(0, 10 * 1024);
    // Cut at a newline so the slice stays valid UTF-8.
    const end = sample.lastIndexOf(0x0a);
    const article = sample.subarray(0, end);
    // Processor time, not the clock: other work on a busy machine does not count.
    const started = process.cpuUsage();
    let blocks = 0;
    for (let i = 0; i < 1000; i++) blocks += parseArticleFile(`a${i}.txt`, article).blocks.length;
    const used = process.cpuUsage(started);
    const elapsed = (used.user + used.system) / 1000;
    expect(blocks).toBeGreaterThan(1000 * 10);
    expect(elapsed).toBeLessThan(2500);
  });
});

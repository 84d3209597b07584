// Tests for pdf-layout.ts: joining hyphenated line ends, dropping running headers and page numbers, and telling headings and paragraphs apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropPageFurniture, joinLines, layoutPdfLines, type PdfLine, type PdfPageBox } from './pdf-layout';

const boxes = (pages: number): Map<number, PdfPageBox> => new Map(Array.from({ length: pages }, (_, i) => [i + 1, { height: 800 }]));
const line = (page: number, y: number, text: string, extra: Partial<PdfLine> = {}): PdfLine => ({ page, text, x: 72, y, size: 11, bold: false, ...extra });

describe('joinLines', () => {
  it('joins a word hyphenated after a lowercase letter when the next line starts in lowercase', () => {
    expect(joinLines('direct nego-', 'tiations began')).toBe('direct negotiations began');
  });

  it('keeps the hyphen of a compound broken before a capital ("Trump-" + "Putin")', () => {
    expect(joinLines('the so-called Trump-', 'Putin channel')).toBe('the so-called Trump-Putin channel');
  });

  it('joins other lines with one space', () => {
    expect(joinLines('Both', 'delegations')).toBe('Both delegations');
    expect(joinLines('costs rose by 20 -', 'or more')).toBe('costs rose by 20 - or more');
  });

  it('never loses or adds a letter: the result is the two lines with at most the hyphen removed and a space added', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][a-zA-Z -]{0,20}$/), fc.stringMatching(/^[A-Za-z][a-zA-Z -]{0,20}$/), (a, b) => {
        const joined = joinLines(a, b);
        const letters = (s: string): string => s.replace(/[^A-Za-z]/g, '');
        expect(letters(joined)).toBe(letters(a) + letters(b));
        expect([a + b, `${a} ${b}`, a.slice(0, -1) + b]).toContain(joined);
      }),
    );
  });
});

describe('dropPageFurniture', () => {
  it('drops a header repeated at the same place on most pages and page numbers near the edges, but keeps body text', () => {
    const lines = [1, 2, 3].flatMap((p) => [line(p, 770, 'Policy Brief 7/2026'), line(p, 400, `Body text of page ${p}.`), line(p, 30, `Page ${p} of 3`)]);
    expect(dropPageFurniture(lines, boxes(3)).map((l) => l.text)).toEqual(['Body text of page 1.', 'Body text of page 2.', 'Body text of page 3.']);
  });

  it('keeps a line near the top that appears on one page only, and a number in the middle of a page', () => {
    const lines = [line(1, 770, 'Executive summary'), line(1, 400, '42'), line(2, 400, 'More text.')];
    expect(dropPageFurniture(lines, boxes(2)).map((l) => l.text)).toEqual(['Executive summary', '42', 'More text.']);
  });
});

describe('layoutPdfLines', () => {
  it('makes larger text a heading, a short bold line a lower heading, and splits paragraphs at a wide gap', () => {
    const lines = [
      line(1, 700, 'A Big Title', { size: 24 }),
      line(1, 660, 'Section', { size: 16 }),
      line(1, 640, 'A bold subsection', { bold: true }),
      line(1, 620, 'First paragraph line one'),
      line(1, 606, 'and line two.'),
      line(1, 580, 'Second paragraph.'),
    ];
    const { pieces, largestText } = layoutPdfLines(lines, boxes(1));
    expect(largestText).toBe('A Big Title');
    expect(pieces).toEqual([
      { type: 'heading', level: 1, text: 'A Big Title', page: 1 },
      { type: 'heading', level: 2, text: 'Section', page: 1 },
      { type: 'heading', level: 3, text: 'A bold subsection', page: 1 },
      { type: 'paragraph', text: 'First paragraph line one and line two.', page: 1 },
      { type: 'paragraph', text: 'Second paragraph.', page: 1 },
    ]);
  });

  it('starts a new paragraph on the next page when the last one ended a sentence', () => {
    const lines = [line(1, 400, 'It ended here.'), line(2, 700, 'then a new one began.')];
    expect(layoutPdfLines(lines, boxes(2)).pieces.map((p) => p.page)).toEqual([1, 2]);
  });
});

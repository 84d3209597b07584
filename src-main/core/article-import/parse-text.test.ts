// Tests for parse-text.ts: block structure, title, headings, lists, quotes and dates of plain text.
import { describe, expect, it } from 'vitest';
import { parsePlainText } from './parse-text';
import { blockProblems } from './validate';

const LONG = 'This paragraph is long enough to count as body text, because it runs well past one hundred characters in total.';

function shape(text: string): Array<[string, string, number | undefined]> {
  const parsed = parsePlainText(text);
  expect(blockProblems(parsed.text, parsed.blocks)).toEqual([]);
  return parsed.blocks.map((b) => [b.type, parsed.text.slice(b.start, b.end), b.level]);
}

describe('parsePlainText', () => {
  it('keeps the text exactly and makes one block per non-empty line', () => {
    const text = `Title line\n\n  ${LONG}  \n\n\n${LONG}\n`;
    const parsed = parsePlainText(text);
    expect(parsed.text).toBe(text);
    expect(parsed.blocks).toHaveLength(3);
    expect(shape(text)).toEqual([
      ['heading', 'Title line', 1],
      ['paragraph', LONG, undefined],
      ['paragraph', LONG, undefined],
    ]);
    // The range skips the line's surrounding spaces, which stay in the text.
    expect(parsed.blocks[1]?.start).toBe(text.indexOf(LONG));
  });

  it('uses the first non-empty line as title and finds a date line near the top', () => {
    const parsed = parsePlainText(`\n\n  The Headline  \n\n20/01/2026\n\n${LONG}\n`);
    expect(parsed.title).toBe('The Headline');
    expect(parsed.publishedAt).toBe('2026-01-20');
    expect(parsed.blocks[1]?.type).toBe('paragraph');
  });

  it('ignores date lines far from the top', () => {
    const lines = ['Title', LONG, LONG, LONG, LONG, LONG, '20/01/2026', LONG];
    expect(parsePlainText(lines.join('\n')).publishedAt).toBeNull();
  });

  it('makes short capitalised lines before prose level-2 headings, and nothing else', () => {
    const text = [
      'Title',
      LONG,
      'What Comes Next',
      LONG,
      'This short line ends a sentence.',
      LONG,
      'lowercase start is not a heading',
      LONG,
      'Daily Brief',
      'Following',
      LONG,
    ].join('\n\n');
    expect(shape(text).map(([type, t, level]) => `${type}${level ?? ''}:${t.slice(0, 20)}`)).toEqual([
      'heading1:Title',
      `paragraph:${LONG.slice(0, 20)}`,
      'heading2:What Comes Next',
      `paragraph:${LONG.slice(0, 20)}`,
      'paragraph:This short line ends',
      `paragraph:${LONG.slice(0, 20)}`,
      'paragraph:lowercase start is n',
      `paragraph:${LONG.slice(0, 20)}`,
      'paragraph:Daily Brief',
      'heading2:Following',
      `paragraph:${LONG.slice(0, 20)}`,
    ]);
  });

  it('reads list items (bullet skipped, number kept) and block quotes (marker skipped)', () => {
    const text = ['Title', '- first item', '* second item', '• third item', '1. numbered item', '> quoted words', '>', '-'].join('\n');
    const parsed = parsePlainText(text);
    expect(parsed.text).toBe(text);
    expect(shape(text)).toEqual([
      ['heading', 'Title', 1],
      ['list_item', 'first item', undefined],
      ['list_item', 'second item', undefined],
      ['list_item', 'third item', undefined],
      ['list_item', '1. numbered item', undefined],
      ['blockquote', 'quoted words', undefined],
      ['paragraph', '>', undefined],
      ['paragraph', '-', undefined],
    ]);
  });

  it('cuts a very long first line for the title but keeps it whole in the text', () => {
    const first = `${'word '.repeat(80)}end`;
    const parsed = parsePlainText(`${first}\n${LONG}`);
    expect(parsed.title.length).toBeLessThanOrEqual(201);
    expect(parsed.title.endsWith('…')).toBe(true);
    expect(parsed.text.slice(parsed.blocks[0]?.start, parsed.blocks[0]?.end)).toBe(first);
  });

  it('lets an explicit title win', () => {
    expect(parsePlainText(`First line\n${LONG}`, { title: '  Given  ' }).title).toBe('Given');
  });
});

describe('the title of a saved page', () => {
  it('skips short page furniture above the headline', () => {
    const text = 'Logo\nDaily Brief\nThe Race to Lock Down the Peace\n\nAfter nearly four years of war, allies are racing to finalize commitments.\n';
    const body = parsePlainText(text);
    expect(body.title).toBe('The Race to Lock Down the Peace');
    expect(body.blocks[2]).toMatchObject({ type: 'heading', level: 1 });
  });
  it('keeps a short first line as the title when prose follows it', () => {
    expect(parsePlainText('Café notes\nThe price was 5 euros.\n').title).toBe('Café notes');
  });
  it('drops a leading "Title:" label from the title but not from the text', () => {
    const text = 'Title: A Diplomatic Mirage\n\nBody text of the paper goes here.\n';
    const body = parsePlainText(text);
    expect(body.title).toBe('A Diplomatic Mirage');
    expect(body.text).toBe(text);
  });
});

// Tests for markdown-chunks.ts: chunk boundaries never change what the Markdown means, and pathological nesting is refused.
import { describe, expect, it } from 'vitest';
import { MarkdownTooComplex, splitMarkdown } from './markdown-chunks';
import { parseArticleFile } from './parse-article';
import { parseMarkdown } from './parse-markdown';
import { ImportRefusal } from './refusal';

const SECTION = (i: number): string =>
  `## Section ${i}\n\nParagraph ${i} with a [reference link][ref] and *emphasis*.\n\n- item ${i}a\n- item ${i}b\n\n` +
  '```\nfenced line one\n\nNot a heading inside the fence\n```\n\n' +
  `<!--\n\nhidden comment ${i}\n\n-->\n\nAfter comment ${i}.\n\n`;

const LONG_DOC = `${Array.from({ length: 400 }, (_, i) => SECTION(i)).join('')}[ref]: https://example.com/ref\n`;

describe('splitMarkdown', () => {
  it('leaves short documents whole', () => {
    expect(splitMarkdown('# A\n\nB\n')).toEqual(['# A\n\nB\n']);
  });

  it('splits long documents only between top-level blocks, never inside fences or comments', () => {
    const chunks = splitMarkdown(LONG_DOC);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect((chunk.match(/^```$/gm) ?? []).length % 2).toBe(0);
      expect((chunk.match(/^<!--$/gm) ?? []).length).toBe((chunk.match(/^-->$/gm) ?? []).length);
    }
    // Without the definitions copied to each chunk, the chunks are the document.
    const definition = '[ref]: https://example.com/ref';
    for (const chunk of chunks) expect(chunk.endsWith(`\n\n${definition}\n`)).toBe(true);
    const stripped = chunks.map((c) => c.slice(0, c.length - definition.length - 3));
    expect(stripped.join('')).toBe(LONG_DOC);
  });

  it('parses a chunked document exactly as its sections parse alone', () => {
    const parsed = parseMarkdown(LONG_DOC, 'doc');
    const one = parseMarkdown(`${SECTION(7)}[ref]: https://example.com/ref\n`, 'doc');
    expect(parsed.blocks).toHaveLength(400 * one.blocks.length);
    expect(parsed.text).toContain('Paragraph 399 with a reference link and emphasis.');
    expect(parsed.text).toContain('Not a heading inside the fence');
    expect(parsed.text).not.toContain('hidden comment');
    expect(parsed.text).not.toContain('example.com');
    expect(parsed.text).not.toContain('[ref]');
    const headings = parsed.blocks.filter((b) => b.type === 'heading').length;
    expect(headings).toBe(400);
  });

  it('makes emphasis delimiters literal when a chunk holds thousands of them', () => {
    const chunks = splitMarkdown(`${'*'.repeat(3000)}x${'*'.repeat(3000)}`);
    expect(chunks[0]?.startsWith('\\*\\*')).toBe(true);
  });

  it('refuses pathological nesting', () => {
    expect(() => splitMarkdown(`${'>'.repeat(500)} deep`)).toThrow(MarkdownTooComplex);
    const deepList = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n');
    expect(() => splitMarkdown(deepList)).toThrow(MarkdownTooComplex);
    expect(() => splitMarkdown('```\n' + `${' '.repeat(400)}- in code\n` + '```\n')).not.toThrow();
  });
});

describe('Markdown worst cases stay bounded', () => {
  it('parses many short lists in linear time', () => {
    // Unchunked, mdast-util-from-markdown needs ~5 s for this (quadratic in the number of lists).
    const doc = '- a\n- b\n\nPara.\n\n'.repeat(4000);
    expect(splitMarkdown(doc).length).toBeGreaterThan(5);
    // Processor time, not the clock: other work on a busy machine does not count.
    const started = process.cpuUsage();
    const parsed = parseMarkdown(doc, 'lists');
    expect(parsed.blocks).toHaveLength(12000);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(10_000);
  });

  it('refuses deep nesting with a clear message', () => {
    const bytes = new TextEncoder().encode(`${'>'.repeat(20_000)} quote\n`);
    let refusal: unknown = null;
    try {
      parseArticleFile('nest.md', bytes);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(ImportRefusal);
    expect((refusal as ImportRefusal).code).toBe('import_too_large');
    expect((refusal as ImportRefusal).message).toContain('"nest.md" nests lists, quotes or inline markup too deeply');
  });
});

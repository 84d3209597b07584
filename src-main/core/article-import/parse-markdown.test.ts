// Tests for parse-markdown.ts: readable text from Markdown, front matter, tables and markup removal.
import { describe, expect, it } from 'vitest';
import { parseMarkdown, splitFrontMatter } from './parse-markdown';
import { blockProblems } from './validate';

function blocksOf(markdown: string): Array<[string, string, number | undefined]> {
  const parsed = parseMarkdown(markdown, 'fallback');
  expect(blockProblems(parsed.text, parsed.blocks)).toEqual([]);
  return parsed.blocks.map((b) => [b.type, parsed.text.slice(b.start, b.end), b.level]);
}

const ARTICLE = `---
title: "Harbour Talks Resume"
author: Amira Castell
date: 2026-01-21
site_name: The Coastal Ledger
tags: [ports, talks]
---

# Harbour talks resume after the storm

Negotiators met **again** on _Tuesday_, see [the report](https://example.com/report "Report") and
![a chart](chart.png) the \`dredging\` plan.

## What is on the table

- Who funds the *breakwater*
- How spoil is disposed of
  - nested detail

1. First numbered
2. Second numbered

> We are closer than we have been in a decade.
>
> Second quoted paragraph.

Line one with a hard break\\
line two after it.

\`\`\`
code line one
    code line two
\`\`\`

<div class="ad">raw html block</div>

| Item | Estimate |
| ---- | -------: |
| Breakwater **repair** | 4.2 million |
| Dredging \\| spoil | 1.1 million |

---

Closing paragraph with <span>inline html</span> text.
`;

describe('parseMarkdown', () => {
  it('reads front matter and leaves it out of the text', () => {
    const parsed = parseMarkdown(ARTICLE, 'fallback');
    expect(parsed.title).toBe('Harbour Talks Resume');
    expect(parsed.author).toBe('Amira Castell');
    expect(parsed.publishedAt).toBe('2026-01-21');
    expect(parsed.outlet).toBe('The Coastal Ledger');
    expect(parsed.text).not.toContain('---');
    expect(parsed.text).not.toContain('title:');
    expect(parsed.text).not.toContain('ports');
  });

  it('turns the Markdown into readable blocks joined by blank lines', () => {
    expect(blocksOf(ARTICLE)).toEqual([
      ['heading', 'Harbour talks resume after the storm', 1],
      ['paragraph', 'Negotiators met again on Tuesday, see the report and the dredging plan.', undefined],
      ['heading', 'What is on the table', 2],
      ['list_item', 'Who funds the breakwater', undefined],
      ['list_item', 'How spoil is disposed of', undefined],
      ['list_item', 'nested detail', undefined],
      ['list_item', 'First numbered', undefined],
      ['list_item', 'Second numbered', undefined],
      ['blockquote', 'We are closer than we have been in a decade.', undefined],
      ['blockquote', 'Second quoted paragraph.', undefined],
      ['paragraph', 'Line one with a hard break', undefined],
      ['paragraph', 'line two after it.', undefined],
      ['paragraph', 'code line one', undefined],
      ['paragraph', 'code line two', undefined],
      ['table_cell', 'Item', undefined],
      ['table_cell', 'Estimate', undefined],
      ['table_cell', 'Breakwater repair', undefined],
      ['table_cell', '4.2 million', undefined],
      ['table_cell', 'Dredging | spoil', undefined],
      ['table_cell', '1.1 million', undefined],
      ['paragraph', 'Closing paragraph with inline html text.', undefined],
    ]);
    const { text } = parseMarkdown(ARTICLE, 'fallback');
    expect(text.startsWith('Harbour talks resume after the storm\n\nNegotiators met again')).toBe(true);
    for (const markup of ['**', '](', 'https://example.com', 'chart.png', '`', '<div', '<span', '| ---', '\\']) {
      expect(text).not.toContain(markup);
    }
  });

  it('takes the title from the first heading, else the first line, else the file name', () => {
    expect(parseMarkdown('Intro words.\n\n## Real Heading\n\nBody.', 'f').title).toBe('Real Heading');
    expect(parseMarkdown('Just a paragraph\nover two lines.', 'f').title).toBe('Just a paragraph over two lines.');
    expect(parseMarkdown('![only an image](x.png)', 'notes').title).toBe('notes');
  });

  it('finds a date paragraph near the top when there is no front matter', () => {
    expect(parseMarkdown('# Title\n\n20 January 2026\n\nBody text.', 'f').publishedAt).toBe('2026-01-20');
  });

  it('does not mistake a thematic break for front matter', () => {
    const { frontMatter, body } = splitFrontMatter('Intro\n\n---\n\nMore');
    expect(frontMatter).toBeNull();
    expect(body).toBe('Intro\n\n---\n\nMore');
  });
});

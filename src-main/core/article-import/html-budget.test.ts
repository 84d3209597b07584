// Tests for html-budget.ts and the HTML import's refusals: hostile pages measured as HTML is really parsed, refused or imported within the budget.
import { describe, expect, it } from 'vitest';
import { Deadline, HTML_BUDGET, HTML_COSTS, measureHtml, workLimitMs } from './html-budget';
import { parseHtml } from './parse-html';
import { ImportRefusal } from './refusal';

const attributes = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}`).join(' ');

function refusal(html: string, options: Parameters<typeof parseHtml>[3] = {}): ImportRefusal {
  try {
    parseHtml(html, 'bomb.html', 'bomb', options);
  } catch (e) {
    if (e instanceof ImportRefusal) return e;
    throw e;
  }
  throw new Error('expected an ImportRefusal');
}

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i % 50}`).join(' ');

const UNCHANGED = '; the project was not changed. Save the article as text and import that instead.';

describe('measureHtml', () => {
  it('measures depth, elements, text and attributes of the tree a real HTML parser builds, and their cost', () => {
    // html 1, head 2, body 2, div 3, p 4, br 5, img 5 (implied head included; void elements sit one level in); "a" in p.
    const html = '<html><body><div id=a class=b><p>a<br><img src=x></p></div></body></html>';
    const m = measureHtml(html);
    expect(m).toMatchObject({
      within: true,
      shape: { depth: 5, elements: 7, nesting: 22, textRuns: 1, textNesting: 4, attributes: 3, attributesPerElement: 2 },
    });
    const c = HTML_COSTS;
    const us = html.length * c.char + 7 * c.element + 22 * c.elementDepth + 3 * c.attribute + c.textRun + 4 * c.textDepth;
    expect(m.shape.workMs).toBeCloseTo(us / 1000, 6);
  });

  it('counts each run of text the tokenizer appends, at its depth', () => {
    // "one two" is three runs (word, space, word); the second paragraph's text sits one level deeper.
    expect(measureHtml('<p>one two</p><div><p>x</p></div>').shape).toMatchObject({ textRuns: 4, textNesting: 3 * 3 + 4 });
  });

  it('nests <div/>: HTML ignores the slash on non-void elements', () => {
    const m = measureHtml(`<body>${'<div/>'.repeat(50)}x</body>`);
    expect(m.shape.depth).toBe(52);
  });

  it('keeps sloppy but shallow HTML shallow (implied end tags)', () => {
    const sloppy =
      `<table>${'<tr><td>a<td>b'.repeat(3000)}</table><ul>${'<li>x'.repeat(3000)}</ul>` +
      `${'<p>para'.repeat(3000)}<dl>${'<dt>t<dd>d'.repeat(3000)}</dl><select>${'<option>o'.repeat(3000)}</select>`;
    expect(measureHtml(sloppy).shape.depth).toBeLessThanOrEqual(6);
  });

  it('ignores tags inside comments, scripts, styles and textareas', () => {
    const html = `<!-- ${'<div>'.repeat(50)} --><script>${'"<div>"'.repeat(50)}</script><style>${'<div>'.repeat(50)}</style><textarea>${'<div>'.repeat(50)}</textarea><p>x</p>`;
    expect(measureHtml(html).shape.depth).toBe(3);
  });

  it('stops at the first limit it passes', () => {
    expect(measureHtml('<div>'.repeat(100_000))).toMatchObject({ within: false, exceeded: 'depth', shape: { depth: 1001 } });
    expect(measureHtml(`<p ${attributes(300)}>x`)).toMatchObject({ within: false, exceeded: 'attributesPerElement', shape: { attributesPerElement: 201 } });
    const stopped = measureHtml('<b>x</b>'.repeat(1000), { ...HTML_BUDGET, workMs: 5, workMsPerMb: 0 });
    expect(stopped).toMatchObject({ within: false, exceeded: 'work' });
    expect(stopped.shape.elements).toBeGreaterThan(0);
    expect(stopped.shape.elements).toBeLessThan(200);
    expect(stopped.shape.workMs).toBeGreaterThan(5);
  });

  it('gives a larger page more work: the same elements are refused alone and read within more text', () => {
    const elements = '<b>x</b>'.repeat(60_000);
    expect(measureHtml(`<body>${elements}</body>`)).toMatchObject({ within: false, exceeded: 'work' });
    const padded = `<body>${elements}<p>${'y'.repeat(2_000_000)}</p></body>`;
    const m = measureHtml(padded);
    expect(m.within).toBe(true);
    expect(m.shape.workMs).toBeLessThanOrEqual(workLimitMs(padded.length));
    expect(m.shape.workMs).toBeGreaterThan(HTML_BUDGET.workMs);
  });

  it('counts attributes, elements nested deep and text nested deep as work', () => {
    expect(measureHtml(`<p ${attributes(150)}>x</p>`.repeat(1000))).toMatchObject({ within: false, exceeded: 'work' });
    expect(measureHtml(`${'<div>'.repeat(500)}${'<b>x</b>'.repeat(3000)}`)).toMatchObject({ within: false, exceeded: 'work' });
    const text = words(20_000);
    expect(measureHtml(`<body>${'<div>'.repeat(900)}${text}</body>`)).toMatchObject({ within: false, exceeded: 'work' });
    expect(measureHtml(`<body><div>${text}</div></body>`).within).toBe(true);
  });

  it('counts repeated attribute names and attributes on end tags (the tokenizer reads them all)', () => {
    expect(measureHtml('<p a a a>x</p b c>').shape).toMatchObject({ attributes: 5, attributesPerElement: 3 });
  });

  it('measures the tree built by misnested formatting tags, not only the stack of open elements', () => {
    // Each </b> closes the formatting element; the parser reopens <i> inside every new <p>.
    const m = measureHtml(`<body>${'<b><i><p>x</b>'.repeat(20)}</body>`);
    expect(m.within).toBe(true);
    expect(m.shape.elements).toBeGreaterThan(60);
  });
});

describe('Deadline', () => {
  it('refuses once its processor-time budget is spent, not before', () => {
    const open = new Deadline(60_000, () => new Error('late'));
    expect(() => open.check()).not.toThrow();
    expect(open.remainingMs()).toBeGreaterThan(0);
    const spent = new Deadline(-1, () => new Error('late'));
    expect(() => spent.check()).toThrow('late');
  });
});

describe('parseHtml on hostile pages (each refused or imported within the budget)', () => {
  it('refuses 1,500 levels of <div/> with a sentence, instead of running Readability for a minute', { timeout: 20_000 }, () => {
    const r = refusal(`<body>${'<div/>'.repeat(1500)}text</body>`);
    expect(r.code).toBe('import_too_large');
    expect(r.message).toBe(`"bomb.html" nests its HTML elements more than 1,000 levels deep, more than Marginalia reads${UNCHANGED}`);
  });

  it('refuses 3,000 levels of <div/>', { timeout: 20_000 }, () => {
    expect(refusal(`<body>${'<div/>'.repeat(3000)}text</body>`).message).toContain('nests its HTML elements more than 1,000 levels deep');
  });

  it('refuses extreme nesting without overflowing the stack', { timeout: 20_000 }, () => {
    const r = refusal(`<body>${'<div>'.repeat(200_000)}text${'</div>'.repeat(200_000)}</body>`);
    expect(r.message).toContain('more than 1,000 levels deep');
  });

  it('refuses deeply nested inline tags', { timeout: 20_000 }, () => {
    expect(refusal(`<body>${'<b><i><u><s><em><span><a>'.repeat(20_000)}x</body>`).message).toContain('nests its HTML elements more than 1,000 levels deep');
  });

  it('refuses a paragraph with 100,000 attributes before the tokenizer compares them', { timeout: 20_000 }, () => {
    const r = refusal(`<p ${attributes(100_000)}>x</p>`);
    expect(r.code).toBe('import_too_large');
    expect(r.message).toBe(`"bomb.html" has an HTML element with more than 200 attributes, more than Marginalia reads${UNCHANGED}`);
  });

  it('refuses 1,000,000 tiny elements, saying what it counted before it stopped', { timeout: 20_000 }, () => {
    expect(refusal(`<body>${'<b></b>'.repeat(1_000_000)}</body>`).message).toMatch(
      /^"bomb\.html" has more HTML structure than a page of its size can hold \(7\.00 million characters: at least [\d,]+ elements and 0 attributes, nested up to 3 levels\), more than Marginalia reads; /,
    );
  });

  it('refuses 99,000 small elements in 0.79 MB (3 s of work, more than the page may take)', { timeout: 20_000 }, () => {
    expect(refusal(`<body>${'<b>x</b>'.repeat(99_000)}</body>`).message).toContain('has more HTML structure than a page of its size can hold');
  });

  it('refuses 500 elements with 199 attributes each (each within the limit per element)', { timeout: 20_000 }, () => {
    expect(refusal(`<body>${`<p ${attributes(199)}>x</p>`.repeat(500)}</body>`).message).toContain('has more HTML structure than a page of its size can hold');
  });

  it('refuses many elements a few hundred levels deep (each visits its ancestors)', { timeout: 20_000 }, () => {
    expect(refusal(`<body>${'<div>'.repeat(900)}${'<b>x</b>'.repeat(140_000)}</body>`).message).toContain(
      'nested up to 903 levels',
    );
  });

  it('refuses with a sentence when the time budget is spent between phases', () => {
    expect(refusal('<p>A plain page.</p>', { timeBudgetMs: -1 }).message).toBe(
      `"bomb.html" needs more than -0.0 s of work to read, more than Marginalia reads${UNCHANGED}`,
    );
  });

  it('still reads a page 900 levels deep (Readability skipped, body walked)', { timeout: 20_000 }, () => {
    const parsed = parseHtml(`<body>${'<div/>'.repeat(900)}deep text<p>after</p></body>`, 'd.html', 'd');
    expect(parsed.text).toBe('deep text\n\nafter');
  });
});

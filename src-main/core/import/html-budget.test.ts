// Tests for html-budget.ts and the HTML import's refusals: hostile pages measured as HTML is really parsed, refused or imported within the budget.
import { describe, expect, it } from 'vitest';
import { Deadline, HTML_BUDGET, measureHtml } from './html-budget';
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

const UNCHANGED = '; the project was not changed. Save the article as text and import that instead.';

describe('measureHtml', () => {
  it('measures depth, elements and attributes of the tree a real HTML parser builds', () => {
    // html 1, head 2, body 2, div 3, p 4, br 5, img 5 (implied head included; void elements sit one level in).
    const m = measureHtml('<html><body><div id=a class=b><p>a<br><img src=x></p></div></body></html>');
    expect(m).toEqual({ within: true, shape: { depth: 5, elements: 7, nesting: 22, attributes: 3, attributesPerElement: 2 } });
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
    expect(measureHtml('<b>x</b>'.repeat(1000), { ...HTML_BUDGET, elements: 10 })).toMatchObject({ within: false, exceeded: 'elements' });
    expect(measureHtml(`<p ${attributes(300)}>x`)).toMatchObject({ within: false, exceeded: 'attributesPerElement', shape: { attributesPerElement: 201 } });
    expect(measureHtml(`<p a b c>x</p>`.repeat(10), { ...HTML_BUDGET, attributes: 20 })).toMatchObject({ within: false, exceeded: 'attributes' });
    expect(measureHtml(`${'<div>'.repeat(500)}${'<b>x</b>'.repeat(3000)}`)).toMatchObject({ within: false, exceeded: 'nesting' });
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
    expect(refusal(`<body>${'<b><i><u><s><em><span><a>'.repeat(20_000)}x</body>`).message).toContain(
      'has too many deeply nested HTML elements (their depths add up to more than 1,000,000 levels)',
    );
  });

  it('refuses a paragraph with 100,000 attributes before the tokenizer compares them', { timeout: 20_000 }, () => {
    const r = refusal(`<p ${attributes(100_000)}>x</p>`);
    expect(r.code).toBe('import_too_large');
    expect(r.message).toBe(`"bomb.html" has an HTML element with more than 200 attributes, more than Marginalia reads${UNCHANGED}`);
  });

  it('refuses 1,000,000 tiny elements', { timeout: 20_000 }, () => {
    expect(refusal(`<body>${'<b></b>'.repeat(1_000_000)}</body>`).message).toBe(
      `"bomb.html" has more than 100,000 HTML elements, more than Marginalia reads${UNCHANGED}`,
    );
  });

  it('refuses many elements a few hundred levels deep (their depths add up past the budget)', { timeout: 20_000 }, () => {
    expect(refusal(`<body>${'<div>'.repeat(900)}${'<b>x</b>'.repeat(140_000)}</body>`).message).toContain(
      'has too many deeply nested HTML elements (their depths add up to more than 1,000,000 levels)',
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

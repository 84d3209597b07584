// Tests for html-depth.ts: the nesting/element estimate that guards jsdom against pathological pages.
import { describe, expect, it } from 'vitest';
import { scanHtmlShape } from './html-depth';
import { parseHtml } from './parse-html';
import { ImportRefusal } from './refusal';

describe('scanHtmlShape', () => {
  it('follows nesting, void elements and end tags', () => {
    expect(scanHtmlShape('<html><body><div><p>a<br><img src=x></p></div></body></html>')).toEqual({ depth: 4, elements: 6 });
    expect(scanHtmlShape('<div><div><div></div></div></div><div></div>').depth).toBe(3);
  });

  it('applies implied end tags, so sloppy but shallow HTML stays shallow', () => {
    const sloppy =
      `<table>${'<tr><td>a<td>b'.repeat(3000)}</table><ul>${'<li>x'.repeat(3000)}</ul>` +
      `${'<p>para'.repeat(3000)}<dl>${'<dt>t<dd>d'.repeat(3000)}</dl><select>${'<option>o'.repeat(3000)}</select>`;
    expect(scanHtmlShape(sloppy).depth).toBeLessThanOrEqual(3);
  });

  it('ignores tags inside comments, scripts, styles and textareas', () => {
    const html = `<!-- ${'<div>'.repeat(50)} --><script>${'"<div>"'.repeat(50)}</script><style>${'<div>'.repeat(50)}</style><textarea>${'<div>'.repeat(50)}</textarea><p>x</p>`;
    expect(scanHtmlShape(html).depth).toBe(1);
  });

  it('stops early past the limits', () => {
    const deep = '<div>'.repeat(100_000);
    expect(scanHtmlShape(deep, { depth: 1000 }).depth).toBe(1001);
    expect(scanHtmlShape('<b>x</b>'.repeat(1000), { elements: 10 }).elements).toBe(11);
  });
});

describe('parseHtml on pathological pages', () => {
  function refusal(html: string): ImportRefusal {
    try {
      parseHtml(html, 'bomb.html', 'bomb');
    } catch (e) {
      if (e instanceof ImportRefusal) return e;
      throw e;
    }
    throw new Error('expected an ImportRefusal');
  }

  it('refuses extreme nesting quickly instead of hanging or overflowing the stack', () => {
    const started = performance.now();
    const r = refusal(`<body>${'<div>'.repeat(200_000)}text${'</div>'.repeat(200_000)}</body>`);
    expect(r.code).toBe('import_too_large');
    expect(r.message).toContain('"bomb.html" nests its HTML elements more than 1,000 levels deep');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses pages with an absurd number of elements', () => {
    const r = refusal(`<p>${'<b>x</b>'.repeat(300_000)}</p>`);
    expect(r.code).toBe('import_too_large');
    expect(r.message).toContain('more than 250,000 HTML elements');
  });

  it('still reads moderately deep pages (Readability skipped, body walked)', () => {
    const parsed = parseHtml(`<body>${'<div>'.repeat(600)}deep text${'</div>'.repeat(600)}<p>after</p></body>`, 'd.html', 'd');
    expect(parsed.text).toBe('deep text\n\nafter');
  });
});

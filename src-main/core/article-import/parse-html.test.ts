// Tests for parse-html.ts: hostile input stays inert, article text and metadata are extracted, structure is kept.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DOMWindow } from 'jsdom';
import { parseArticleFile } from './parse-article';
import { parseHtml } from './parse-html';
import { ImportRefusal } from './refusal';
import { blockProblems } from './validate';

const hostileBytes = readFileSync(new URL('./fixtures/hostile.html', import.meta.url));
const PARAGRAPH =
  'Negotiators from the three port authorities met again on Tuesday morning, two days after the storm forced them to abandon the first session.';

function blockTexts(text: string, blocks: ReadonlyArray<{ start: number; end: number }>): string[] {
  return blocks.map((b) => text.slice(b.start, b.end));
}

const g = globalThis as Record<string, unknown>;

describe('parseArticleFile on hostile HTML', () => {
  const article = parseArticleFile('hostile.html', hostileBytes);

  it('keeps the article: paragraphs, list items, quote and table cells', () => {
    expect(article.format).toBe('html');
    expect(article.sourceEncoding).toBe('utf-8');
    expect(article.text).toContain(PARAGRAPH);
    expect(article.text).toContain('A further round is scheduled for next week');
    expect(article.text).toContain('Who funds the breakwater repairs');
    expect(article.text).toContain('Whether fishing fleets pay reduced berth fees');
    expect(article.text).toContain('We are closer than we have been in a decade, but the breakwater is still the hard part.');
    expect(article.text).toContain('Breakwater repair');
    expect(article.text).toContain('4.2 million');
    // Inline markup contributes its text only; a javascript: link keeps its visible text.
    expect(article.text).toContain('had sharpened minds rather than soured them');
    expect(article.text).toContain('could be ready click here within the month.');
  });

  it('drops scripts, handlers, URLs, styles, frames, forms and page furniture', () => {
    for (const banned of [
      'alert', 'script', 'onerror', 'onload', 'javascript:', 'evil.example', 'display:none', 'Home | World',
      'Copyright', '__pwned', 'svg text', 'Subscribe', 'you@example.com', 'injected', 'Enable JavaScript',
      'sponsored', 'front page', 'http', '<', '>',
    ]) {
      expect(article.text, banned).not.toContain(banned);
    }
  });

  it('finds the metadata', () => {
    expect(article.title).toBe('Harbour Talks Resume After Storm Delay');
    expect(article.author).toBe('Amira Castell');
    expect(article.outlet).toBe('The Coastal Ledger');
    expect(article.publishedAt).toBe('2026-01-21');
  });

  it('keeps the structure in valid blocks', () => {
    expect(blockProblems(article.text, article.blocks)).toEqual([]);
    const types = new Set(article.blocks.map((b) => b.type));
    for (const t of ['heading', 'paragraph', 'list_item', 'blockquote', 'table_cell'] as const) expect(types).toContain(t);
    const texts = blockTexts(article.text, article.blocks);
    expect(texts[0]).toBe('Harbour Talks Resume After Storm Delay');
    expect(article.blocks[0]).toMatchObject({ type: 'heading', level: 1 });
    const h2 = article.blocks[texts.indexOf('What is on the table')];
    expect(h2).toMatchObject({ type: 'heading', level: 2 });
    const cells = article.blocks.filter((b) => b.type === 'table_cell').map((b) => article.text.slice(b.start, b.end));
    expect(cells).toEqual(['Item', 'Estimate', 'Breakwater repair', '4.2 million', 'Annual dredging', '1.1 million']);
    const items = article.blocks.filter((b) => b.type === 'list_item').map((b) => article.text.slice(b.start, b.end));
    expect(items).toEqual(['Who funds the breakwater repairs', 'How dredging spoil is disposed of', 'Whether fishing fleets pay reduced berth fees']);
    // Canonical text is exactly the block texts joined by blank lines.
    expect(article.text).toBe(texts.join('\n\n'));
  });
});

describe('no script ever runs', () => {
  it('leaves globals and the jsdom window untouched by scripts and event handlers', () => {
    delete g.__pwned;
    delete g.__pwned2;
    delete g.__pwned3;
    const html = `<!doctype html><html><head><title>Inert</title>
      <script>globalThis.__pwned = true; window.__pwned = true;</script></head>
      <body onload="globalThis.__pwnedLoad = true; window.__pwnedLoad = true">
      <p>First paragraph of a page that tries to run code while it is parsed for import.</p>
      <img src="x" onerror="globalThis.__pwned2 = true; window.__pwned2 = true">
      <svg><script>globalThis.__pwned3 = true</script></svg>
      <iframe srcdoc="<script>parent.__pwned4 = true</script>"></iframe>
      <p>Second paragraph, still just text.</p></body></html>`;
    let observed: DOMWindow | null = null;
    const parsed = parseHtml(html, 'inert.html', 'inert', { observeWindow: (w) => (observed = w) });
    expect(parsed.text).toContain('First paragraph of a page');
    expect(parsed.text).toContain('Second paragraph, still just text.');
    expect(g.__pwned).toBeUndefined();
    expect(g.__pwned2).toBeUndefined();
    expect(g.__pwned3).toBeUndefined();
    expect(g.__pwned4).toBeUndefined();
    expect(g.__pwnedLoad).toBeUndefined();
    expect(observed).not.toBeNull();
    const w = observed as unknown as Record<string, unknown>;
    for (const key of ['__pwned', '__pwned2', '__pwned3', '__pwned4', '__pwnedLoad']) expect(w[key], key).toBeUndefined();
  });

  it('runs nothing from the hostile fixture either', () => {
    delete g.__pwned;
    delete g.__pwned2;
    delete g.__pwned3;
    let observed: DOMWindow | null = null;
    parseHtml(hostileBytes.toString('utf8'), 'hostile.html', 'hostile', { observeWindow: (w) => (observed = w) });
    const w = observed as unknown as Record<string, unknown>;
    for (const key of ['__pwned', '__pwned2', '__pwned3']) {
      expect(g[key], key).toBeUndefined();
      expect(w[key], key).toBeUndefined();
    }
  });
});

describe('HTML structure and metadata', () => {
  it('splits <br>, reads <pre> line by line, and types blocks by their innermost container', () => {
    const html = `<body><article>
      <h3>Sub <em>heading</em></h3>
      <p>one<br>two<br><br>three</p>
      <pre>line a
   line b

line c</pre>
      <blockquote><p>quoted one</p><p>quoted <b>two</b></p></blockquote>
      <ul><li><p>item para</p><ul><li>nested item</li></ul></li></ul>
      <div>loose   text
        in a div <span>with span</span></div>
      <table><tr><th>Name</th><th>Value</th></tr><tr><td><p>cell para</p></td><td>42</td></tr></table>
    </article></body>`;
    const parsed = parseHtml(html, 'x.html', 'x');
    expect(blockProblems(parsed.text, parsed.blocks)).toEqual([]);
    const got = parsed.blocks.map((b) => [b.type, parsed.text.slice(b.start, b.end)]);
    expect(got).toEqual([
      ['heading', 'Sub heading'],
      ['paragraph', 'one'],
      ['paragraph', 'two'],
      ['paragraph', 'three'],
      ['paragraph', 'line a'],
      ['paragraph', 'line b'],
      ['paragraph', 'line c'],
      ['blockquote', 'quoted one'],
      ['blockquote', 'quoted two'],
      ['list_item', 'item para'],
      ['list_item', 'nested item'],
      ['paragraph', 'loose text in a div with span'],
      ['table_cell', 'Name'],
      ['table_cell', 'Value'],
      ['table_cell', 'cell para'],
      ['table_cell', '42'],
    ]);
    expect(parsed.blocks[0]?.level).toBe(3);
    expect(parsed.title).toBe('x');
  });

  it('reads JSON-LD as data, <time datetime> and rel=author; malformed JSON-LD is ignored', () => {
    const body = '<p>Some article text that is long enough to be read as the body of this page.</p>';
    const ld = `<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},
      {"@type":"NewsArticle","headline":"LD Headline","datePublished":"2025-12-03T08:00:00+01:00",
       "author":[{"name":"A One"},{"name":"B Two"}],"publisher":{"@type":"Organization","name":"LD Times"}}]}</script>
      <script type="application/ld+json">{not json</script>`;
    const a = parseHtml(`<html><head>${ld}</head><body>${body}</body></html>`, 'a.html', 'a');
    expect(a.title).toBe('LD Headline');
    expect(a.author).toBe('A One, B Two');
    expect(a.outlet).toBe('LD Times');
    expect(a.publishedAt).toBe('2025-12-03');

    const b = parseHtml(
      `<html><head><title>Time Page</title></head><body><article><h1>Time Page</h1>
       <a rel="author" href="/jane">Jane Roe</a><time datetime="2024-02-29">29 Feb</time>${body}</article></body></html>`,
      'b.html',
      'b',
    );
    expect(b.publishedAt).toBe('2024-02-29');
    expect(b.author).toBe('Jane Roe');
    expect(b.title).toBe('Time Page');
  });

  it('falls back to the page body when Readability finds little, and refuses pages without text', () => {
    const tiny = parseHtml('<p>Just one short line.</p>', 'tiny.html', 'tiny');
    expect(tiny.text).toBe('Just one short line.');
    expect(tiny.title).toBe('tiny');

    const empty = (html: string): ImportRefusal => {
      try {
        parseHtml(html, 'blank.html', 'blank');
      } catch (e) {
        if (e instanceof ImportRefusal) return e;
      }
      throw new Error('expected refusal');
    };
    const r = empty('<html><head><title>Only a title</title><script>var x = "text";</script></head><body><nav>Menu</nav></body></html>');
    expect(r.code).toBe('import_empty');
    expect(r.message).toBe('"blank.html" contains no readable article text.');
    expect(empty('<img src="a.png"><svg><text>x</text></svg>').code).toBe('import_empty');
  });

  it('decodes windows-1252 HTML declared with <meta charset>', () => {
    const head = '<html><head><meta charset="windows-1252"><title>Caf\xe9 report</title></head><body><article>';
    const body = '<p>The caf\xe9 served cr\xe8me br\xfbl\xe9e; prices rose to \x805 and guests said \x93tr\xe8s bien\x94 \x96 twice.</p>';
    const bytes = Uint8Array.from(`${head}${body}</article></body></html>`, (c) => c.charCodeAt(0));
    const parsed = parseArticleFile('cafe.htm', bytes);
    expect(parsed.sourceEncoding).toBe('windows-1252');
    expect(parsed.title).toBe('Café report');
    expect(parsed.text).toContain('The café served crème brûlée; prices rose to €5 and guests said “très bien” – twice.');
    expect(parsed.text).not.toContain('\uFFFD');
  });
});

// Checks the HTML report: escaping and CSP, figures and actor counts, and who made each tag with its review decision.
import { describe, expect, it } from 'vitest';
import { escapeHtml, exportHtmlReport, figureDisplay, HTML_REPORT_CSP } from './html-report';
import { ANALYST_ID, BUDANOV_ID, documentOf, reviewedSnapshot, sampleSnapshot, tagOf } from './snapshot-fixture';
import type { ExportSnapshot } from './types';

const HOSTILE_TEXT = 'Officials said <script>alert(1)</script> & "more" <img src=x onerror=alert(2)> today.';

/** The sample snapshot plus a dated document whose quote, note, title and metadata are markup. */
function snapshotWithHostileDocument(): ExportSnapshot {
  const base = sampleSnapshot();
  const hostile = {
    ...documentOf('d0c00000-0000-4000-8000-000000000003', '<b>Breaking</b> & "news"', HOSTILE_TEXT),
    outlet: 'The <i>Daily</i> & Co',
    publishedAt: '2026-01-20',
    author: '</dd><script>x()</script>',
  };
  return {
    ...base,
    project: { ...base.project, name: 'Talks <style>body{display:none}</style>' },
    documents: [...base.documents, hostile],
    annotations: [
      ...base.annotations,
      tagOf(hostile, 'reliability_warning', '<script>alert(1)</script>', {
        severity: 'low',
        category: 'unverifiable_quote',
        correction: '</blockquote><a href="http://evil.example">click</a>',
      }),
      tagOf(hostile, 'claim', '& "more" <img src=x onerror=alert(2)>', { status: 'supported', claimantId: BUDANOV_ID }, { note: '<!-- & -->' }),
    ],
    actors: base.actors.map((a) => (a.id === BUDANOV_ID ? { ...a, name: 'Budanov <admin>' } : a)),
    analysts: [{ id: ANALYST_ID, name: '<Ada>' }],
  };
}

function report(snapshot: ExportSnapshot): string {
  const files = exportHtmlReport(snapshot);
  expect(files.map((f) => [f.path, f.mediaType])).toEqual([['report.html', 'text/html;charset=utf-8']]);
  return files[0]!.content as string;
}

/** The tag names the report itself writes; anything else would have come from the project's text. */
const OUR_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 p nav ol li a span main article section dl div dt dd blockquote table thead tbody tr th td'.split(' '),
);

describe('HTML report', () => {
  it('gives each document its sections in reading order: whole-document warnings, warnings, claims, figures, actors', () => {
    const html = report(sampleSnapshot());
    const first = html.slice(html.indexOf('<article class="document" id="doc-1">'), html.indexOf('<article class="document" id="doc-2">'));
    const order = ['document-warnings', 'reliability-warnings', 'claims', 'figures', 'actors'].map((c) => first.indexOf(`<section class="${c}">`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual(order.toSorted((a, b) => a - b));
    expect(first).toContain('AI-generated or fictional content');
    expect(first).toContain('<span class="badge severity">High severity</span> <span class="badge category">Outdated or wrong role</span>');
    expect(first).toContain('<span class="label">Correction:</span> He was reappointed on 2 January, 2026.');
    expect(first).toContain('<span class="badge status">Disputed</span> <span class="claimant"><span class="label">Claimant:</span> Rustem Umerov</span>');
    expect(first).toContain('<td class="value">8.0e11 USD (800 billion)</td>');
    expect(first).toMatch(/<td>Kyrylo Budanov<\/td><td class="count">1<\/td>/);
    // The deleted second "$800 billion" figure is not reported.
    expect(first.match(/<td class="quote-cell">\$800 billion<\/td>/g)).toHaveLength(1);
    expect(html.indexOf('id="doc-1"')).toBeLessThan(html.indexOf('id="doc-2"'));
    expect(html).toContain('break-before: page');
    expect(html).toMatch(/@media print/);
  });

  it('counts actor mentions per registry actor and shows the spellings', () => {
    const base = sampleSnapshot();
    const document = documentOf('d0c00000-0000-4000-8000-000000000004', 'Mentions', 'Budanov met Umerov. Kyrylo Budanov left; Budanov stayed. Zelensky spoke.');
    const mention = (quote: string, actorId: string | null, occurrence = 0) =>
      tagOf(document, 'actor', quote, { actorId: actorId as typeof BUDANOV_ID | null }, { occurrence });
    const html = report({
      ...base,
      documents: [document],
      annotations: [mention('Budanov', BUDANOV_ID), mention('Kyrylo Budanov', BUDANOV_ID), mention('Budanov', BUDANOV_ID, 2), mention('Zelensky', null)],
    });
    expect(html).toContain('<tr><td>Kyrylo Budanov</td><td class="count">3</td><td>Budanov; Kyrylo Budanov</td><td>Ada Analyst</td><td>3 not reviewed</td></tr>');
    expect(html).toContain('<tr><td>Zelensky <span class="muted">(not linked to the registry)</span></td><td class="count">1</td>');
  });

  it('escapes every character of hostile quotes, notes, titles and names', () => {
    const html = report(snapshotWithHostileDocument());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('<blockquote class="quote">&lt;script&gt;alert(1)&lt;/script&gt;</blockquote>');
    expect(html).toContain('&amp; &quot;more&quot; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<h2>&lt;b&gt;Breaking&lt;/b&gt; &amp; &quot;news&quot;</h2>');
    expect(html).toContain('<dd>The &lt;i&gt;Daily&lt;/i&gt; &amp; Co</dd>');
    expect(html).toContain('<dt>Published</dt><dd>20 January 2026</dd>');
    expect(html).toContain('Budanov &lt;admin&gt;');
    expect(html).toContain('<title>Talks &lt;style&gt;body{display:none}&lt;/style&gt; — Marginalia report</title>');
    // Every tag in the page is one the report writes; every & starts a reference.
    const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase());
    expect(tags.filter((t) => !OUR_TAGS.has(t))).toEqual([]);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    expect(html).not.toContain('<!--');
  });

  it('loads and runs nothing: a strict CSP, no script, no external resource or URL', () => {
    const hostile = report(snapshotWithHostileDocument());
    expect(hostile).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_REPORT_CSP}">`);
    expect(HTML_REPORT_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    // Links are only in-page anchors; no attribute, CSS or tag fetches anything.
    expect([...hostile.matchAll(/\b(href|src|srcset|action|formaction|data|poster)\s*=\s*"([^"]*)"/gi)].map((m) => `${m[1]}=${m[2]}`)).toEqual(
      ['href=#doc-1', 'href=#doc-2', 'href=#doc-3'],
    );
    expect(hostile).not.toMatch(/url\(|@import|<link|<iframe|<object|<embed|<base/i);
    // The article's text says http://evil.example; only as escaped text, never as a link.
    expect(hostile).toContain('&lt;a href=&quot;http://evil.example&quot;&gt;click&lt;/a&gt;');
    // A project whose texts hold no URL gives a page without any URL at all.
    const clean = report({ ...sampleSnapshot(), documents: [sampleSnapshot().documents[0]!], annotations: [] });
    expect(clean).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(clean).toContain('No tags in this document.');
  });

  it('writes figures as a normalised value with unit and the amount in words', () => {
    expect(figureDisplay({ amount: 800, scale: 1e9, unit: 'USD' })).toBe('8.0e11 USD (800 billion)');
    expect(figureDisplay({ amount: 1.25, scale: 1e12, unit: 'EUR' })).toBe('1.25e12 EUR (1.25 trillion)');
    expect(figureDisplay({ amount: 1_500_000, scale: 1, unit: 'troops' })).toBe('1.5e6 troops (1,500,000)');
    expect(figureDisplay({ amount: -14, scale: 1, unit: '°C' })).toBe('-14 °C');
    expect(figureDisplay({ amount: 380, scale: 1, unit: null })).toBe('380');
    expect(figureDisplay({ amount: 3, scale: 100, unit: null })).toBe('3.0e2 (3 × 1.0e2)');
    expect(figureDisplay({ amount: null, scale: 1e6, unit: 'USD' })).toBe('not set');
    expect(escapeHtml('a\u0000<b>\'"&\uD800')).toBe('a&lt;b&gt;&#39;&quot;&amp;');
  });

  it('says who made each tag and the review decision, striking a rejected tag through', () => {
    const html = report(reviewedSnapshot());
    const claim = /<li class="claim status-disputed decision-accepted">.*?<\/li>/s.exec(html)?.[0] ?? '';
    expect(claim).toContain('<p class="provenance"><span class="label">Tagged by</span> Ada Analyst · <span class="decision decision-accepted">Accepted</span> by Ben Reviewer</p>');
    const unreviewed = /<li class="claim status-unverified decision-undecided">.*?<\/li>/s.exec(html)?.[0] ?? '';
    expect(unreviewed).toContain('Ada Analyst · <span class="decision decision-undecided">Not reviewed</span></p>');
    expect(html).toContain('<td>Kyrylo Budanov</td><td>Ben Reviewer</td><td>1 rejected</td></tr>');
    expect(html).toMatch(/tr\.decision-rejected td\.quote-cell \{ text-decoration: line-through/);
    expect(html).toContain('<td>Ada Analyst</td><td><span class="decision decision-undecided">Not reviewed</span></td></tr>');
  });
});

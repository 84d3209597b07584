// Checks that tags on a PDF's text carry its page into the W3C export (an RFC 3778 FragmentSelector, still passing the W3C suite) and the HTML report.
import { describe, expect, it } from 'vitest';
import type { ExportSnapshot } from './types';
import { exportHtmlReport } from './html-report';
import { EMOJI_DOCUMENT, sampleSnapshot } from './snapshot-fixture';
import { loadW3cSuite } from './w3c-test-suite';
import { PDF_FRAGMENT_SPEC, w3cCollection, type W3cSpecificTarget } from './w3c';

/** The sample snapshot with its emoji article turned into a two-page PDF: page 3 up to offset 20, page 4 after. */
function pagedSnapshot(): ExportSnapshot {
  const snapshot = sampleSnapshot();
  const documents = snapshot.documents.map((d) =>
    d.id === EMOJI_DOCUMENT.id
      ? { ...d, format: 'pdf' as const, blocks: [{ type: 'paragraph' as const, start: 0, end: 20, page: 3 }, { type: 'paragraph' as const, start: 20, end: d.text.length, page: 4 }] }
      : d,
  );
  return { ...snapshot, documents };
}

describe('pages of PDF articles in exports', () => {
  it('adds a FragmentSelector page=N beside the text selectors of tags on a PDF, and none elsewhere', () => {
    const items = w3cCollection(pagedSnapshot()).first.items;
    const figure = items.find((a) => (a.target as W3cSpecificTarget).selector?.some((s) => s.type === 'TextQuoteSelector' && s.exact === '$800 billion'));
    expect((figure?.target as W3cSpecificTarget).selector).toContainEqual({ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: 'page=4' });
    const plain = w3cCollection(sampleSnapshot()).first.items;
    expect(plain.flatMap((a) => (a.target as W3cSpecificTarget).selector ?? []).some((s) => s.type === 'FragmentSelector')).toBe(false);
  });

  it('still passes every MUST assertion of the W3C test suite', () => {
    const suite = loadW3cSuite();
    for (const annotation of w3cCollection(pagedSnapshot()).first.items) {
      expect(suite.check(annotation).filter((o) => !o.passed), annotation.id).toEqual([]);
    }
  });

  it('names the page of each passage in the HTML report', () => {
    const html = exportHtmlReport(pagedSnapshot()).map((f) => String(f.content)).join('');
    expect(html).toContain('<span class="page">(page 4)</span>');
    const plain = exportHtmlReport(sampleSnapshot()).map((f) => String(f.content)).join('');
    expect(plain).not.toContain('class="page"');
  });
});

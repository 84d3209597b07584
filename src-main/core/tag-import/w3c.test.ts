// Reading W3C Web Annotations (Hypothesis exports and other shapes) into candidate tags, and why the others yield none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorCandidate, kindFromLabel, parseW3cAnnotations, W3C_IMPORT_LIMITS, type ParsedW3cAnnotations } from './w3c';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const HYPOTHESIS_EXPORT = readFileSync(join(FIXTURES, 'hypothesis-export.json'), 'utf8');
const ARTICLE = readFileSync(join(FIXTURES, 'hypothesis-article.txt'), 'utf8');
const URI = 'https://news.example.org/2026/01/20/kyiv-without-heating';

function parsed(input: unknown): ParsedW3cAnnotations {
  const result = parseW3cAnnotations(input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorOf(input: unknown): { code: string; message: string } {
  const result = parseW3cAnnotations(input);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const annotation = (extra: Record<string, unknown> = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  id: 'http://example.org/anno1',
  type: 'Annotation',
  body: { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
  target: {
    source: 'http://example.org/page1',
    selector: [
      { type: 'TextQuoteSelector', exact: 'Kyiv' },
      { type: 'TextPositionSelector', start: 3, end: 7 },
    ],
  },
  ...extra,
});

describe('parseW3cAnnotations: a Hypothesis export', () => {
  const { candidates, skipped } = parsed(HYPOTHESIS_EXPORT);

  it('turns tagged annotations into candidates and says why the others yield none', () => {
    expect(candidates.map((c) => [c.index, c.kind])).toEqual([
      [0, 'claim'],
      [1, 'figure'],
      [2, 'reliability_warning'],
      [4, 'reliability_warning'],
      [6, 'actor'],
    ]);
    expect(skipped).toEqual([
      { index: 3, id: 'hX4q2TzEe-abcdEFGH4', reason: expect.stringContaining('names a Marginalia kind') },
      { index: 5, id: 'hX6q2TzEe-abcdEFGH6', reason: expect.stringContaining('names a Marginalia kind') },
    ]);
  });

  it('reads source, selectors, note, creator and dates the Hypothesis way', () => {
    expect(candidates[0]).toMatchObject({
      id: 'hX1q2TzEe-abcdEFGH1',
      sourceId: URI,
      sourceTitle: 'Kyiv without heating | News Example',
      quote: 'the talks in Miami were "productive"',
      prefix: 'urity and Defense Council, said ',
      suffix: '. Kyrylo Budanov, who did not fo',
      position: { start: 348, end: 384 },
      note: "Check against the Council's readout.",
      creator: { id: 'acct:ada_checks@hypothes.is', name: 'Ada Checks' },
      created: '2026-01-21T09:11:05.412Z',
      modified: '2026-01-21T09:21:44.007Z',
      problems: [],
    });
    const pageNote = candidates.find((c) => c.index === 4)!;
    expect(pageNote.quote).toBeUndefined();
    expect(pageNote.position).toBeUndefined();
    expect(pageNote.note).toBe('Several quotes in this piece cannot be traced.');
  });

  it('anchors every passage in the article text, whatever the page around it shifted', () => {
    const anchors = candidates.filter((c) => c.quote !== undefined).map((c) => ({ c, anchor: anchorCandidate(ARTICLE, c) }));
    for (const { c, anchor } of anchors) {
      expect(anchor, c.quote).not.toBeNull();
      expect(ARTICLE.slice(anchor!.start, anchor!.end)).toBe(c.quote);
    }
    // The page had navigation before the article: the claim's offsets are stale and the quote finds it.
    expect(anchors.find(({ c }) => c.kind === 'claim')!.anchor!.method).toBe('quote');
    // The figure's offsets were UTF-16 on the article itself, after 🇺🇦 and 🔥: they hold as they are.
    expect(anchors.find(({ c }) => c.kind === 'figure')!.anchor).toMatchObject({ method: 'position', start: c16('5,600 residential buildings') });
  });
});

function c16(quote: string): number {
  return ARTICLE.indexOf(quote);
}

describe('parseW3cAnnotations: shapes of input', () => {
  const one = annotation();
  const expectOneClaim = (input: unknown) => {
    const { candidates } = parsed(input);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ kind: 'claim', quote: 'Kyiv', position: { start: 3, end: 7 }, sourceId: 'http://example.org/page1' });
  };

  it('reads a single annotation, an array, a page, a collection, JSON text, JSON Lines and UTF-8 bytes', () => {
    expectOneClaim(one);
    expectOneClaim([one]);
    expectOneClaim({ type: 'AnnotationPage', items: [one] });
    expectOneClaim({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [one] } });
    expectOneClaim(JSON.stringify(one));
    expectOneClaim(`\uFEFF${JSON.stringify([one])}`);
    expectOneClaim(new TextEncoder().encode(JSON.stringify(one)));
    const lines = parsed(`${JSON.stringify(one)}\n\n${JSON.stringify(annotation({ id: 'x2' }))}\n`);
    expect(lines.candidates.map((c) => c.id)).toEqual(['http://example.org/anno1', 'x2']);
  });

  it('follows pages embedded through next', () => {
    const collection = {
      type: 'AnnotationCollection',
      first: { type: 'AnnotationPage', items: [one], next: { type: 'AnnotationPage', items: [annotation({ id: 'p2' })] } },
    };
    expect(parsed(collection).candidates.map((c) => c.id)).toEqual(['http://example.org/anno1', 'p2']);
  });

  it('refuses what is not annotations, with a code and a sentence', () => {
    expect(errorOf('{"type": "Annotation"')).toMatchObject({ code: 'import_unsupported_format', message: expect.stringMatching(/^The file is not JSON/) });
    expect(errorOf(`${JSON.stringify(one)}\nnot json\n`)).toMatchObject({ code: 'import_unsupported_format', message: expect.stringContaining('Line 2') });
    expect(errorOf({ title: 'a book' }).code).toBe('import_unsupported_format');
    expect(errorOf(42).code).toBe('import_unsupported_format');
    expect(errorOf({ type: 'AnnotationCollection', first: 'http://example.org/page1' }).message).toContain('only linked');
    expect(errorOf('   ').code).toBe('import_empty');
    expect(errorOf([]).code).toBe('import_empty');
    expect(errorOf(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])).code).toBe('import_encoding');
    expect(errorOf(new Array(W3C_IMPORT_LIMITS.annotations + 1).fill(one)).code).toBe('import_too_large');
  });
});

describe('parseW3cAnnotations: each annotation is checked', () => {
  const reasonFor = (item: unknown) => parsed([item]).skipped[0]?.reason;

  it('skips malformed selectors, saying which', () => {
    const target = (selector: unknown) => ({ source: 'http://example.org/page1', selector });
    expect(reasonFor(annotation({ target: target({ type: 'TextQuoteSelector', exact: 42 }) }))).toMatch(/TextQuoteSelector\.exact/);
    expect(reasonFor(annotation({ target: target({ type: 'TextQuoteSelector', exact: '' }) }))).toMatch(/empty exact quote/);
    expect(reasonFor(annotation({ target: target({ type: 'TextPositionSelector', start: 9, end: 2 }) }))).toMatch(/ends before it starts/);
    expect(reasonFor(annotation({ target: target({ type: 'TextPositionSelector', start: -1, end: 2 }) }))).toMatch(/TextPositionSelector\.start/);
    expect(reasonFor(annotation({ target: target({ type: 'XPathSelector', value: '/p[2]' }) }))).toMatch(/do not locate text/);
    expect(reasonFor(annotation({ target: target({ type: 'TextQuoteSelector', exact: 'x'.repeat(100_001) }) }))).toMatch(/longer than 100,000/);
    expect(reasonFor(annotation({ target: undefined }))).toBe('It has no target.');
    expect(reasonFor('just a string')).toBe('It is not an annotation object.');
  });

  it('skips a note too long to store and a whole-document target on anything but a warning', () => {
    const longNote = { type: 'TextualBody', purpose: 'describing', value: 'x'.repeat(20_001) };
    expect(reasonFor(annotation({ body: [{ type: 'TextualBody', purpose: 'tagging', value: 'claim' }, longNote] }))).toMatch(/longer than 20,000/);
    expect(reasonFor(annotation({ target: 'http://example.org/page1' }))).toMatch(/only a reliability warning can/);
  });

  it('keeps valid attributes of the kind, and reports invalid ones and unreadable dates as problems', () => {
    const { candidates } = parsed([
      annotation({
        'marginalia:attributes': { status: 'maybe', claimantId: null, claimant: 'Rustem Umerov' },
        created: 'yesterday',
      }),
      annotation({ 'marginalia:attributes': { status: 'supported', unrelated: 1 } }),
    ]);
    expect(candidates[0]!.attributes).toBeUndefined();
    expect(candidates[0]!.actorName).toBe('Rustem Umerov');
    expect(candidates[0]!.problems).toEqual([
      expect.stringContaining('“yesterday” is not an ISO 8601 date-time'),
      expect.stringMatching(/^Its claim attributes were dropped: attributes\.status Invalid option/),
    ]);
    expect(candidates[1]!.attributes).toEqual({ status: 'supported' });
  });

  it('takes the kind from tagging bodies, untyped tag bodies under a tagging motivation, or Hypothesis tags', () => {
    const kinds = (item: unknown) => parsed([item]).candidates.map((c) => c.kind);
    expect(kinds(annotation({ body: 'http://example.org/tag/claim' }))).toEqual([]);
    expect(kinds(annotation({ motivation: 'tagging', body: [{ value: 'Figure' }] }))).toEqual(['figure']);
    expect(kinds(annotation({ body: undefined, tags: ['actor', 'Claim', 'actor'] }))).toEqual(['actor', 'claim']);
    expect(kinds(annotation({ body: [{ type: 'TextualBody', purpose: 'describing', value: 'claim' }] }))).toEqual([]);
    expect(kindFromLabel('Reliability warning')).toBe('reliability_warning');
    expect(kindFromLabel('marginalia:reliability-warning')).toBe('reliability_warning');
    expect(kindFromLabel('claims')).toBeNull();
  });

  it('ignores positions inside a refining selector, which count within a fragment', () => {
    const refined = annotation({
      target: {
        source: 'http://example.org/book.epub',
        selector: { type: 'FragmentSelector', value: 'epubcfi(/6/4)', refinedBy: { type: 'TextPositionSelector', start: 5, end: 9 } },
      },
    });
    expect(reasonFor(refined)).toMatch(/do not locate text/);
    const quoted = annotation({
      target: { source: 'http://example.org/p', selector: { type: 'FragmentSelector', value: 'p5', refinedBy: { type: 'TextQuoteSelector', exact: 'Kyiv' } } },
    });
    expect(parsed([quoted]).candidates[0]).toMatchObject({ quote: 'Kyiv' });
    expect(parsed([quoted]).candidates[0]!.position).toBeUndefined();
  });
});

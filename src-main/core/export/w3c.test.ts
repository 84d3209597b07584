// The W3C Web Annotation export: one collection, code point selectors, what describes each tag, document-level targets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYST_ID, EMOJI_DOCUMENT, EMOJI_TEXT, PROJECT_ID, sampleSnapshot } from './snapshot-fixture';
import { exportW3c, w3cCollection, type W3cAnnotation, type W3cCollection, type W3cSpecificTarget } from './w3c';
import { loadW3cSuite, W3C_SUITE_DIR, w3cSuitePresent, type AssertionOutcome } from './w3c-test-suite';

const snapshot = sampleSnapshot();
const liveCount = snapshot.annotations.filter((a) => a.deletedAt === null).length;

function exportedCollection(): W3cCollection {
  const [file] = exportW3c(snapshot);
  expect(file?.path).toBe('annotations.jsonld');
  return JSON.parse(file!.content as string) as W3cCollection;
}

function exportedLines(): W3cAnnotation[] {
  const [file] = exportW3c(snapshot, { jsonLines: true });
  expect(file?.path).toBe('annotations.jsonl');
  const text = file!.content as string;
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as W3cAnnotation);
}

/** Code points of `text` from `start` to `end`: how a W3C consumer reads a TextPositionSelector. */
function codePointSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

describe('W3C export structure', () => {
  it('writes one AnnotationCollection with an embedded first page holding every live tag', () => {
    const collection = exportedCollection();
    expect(collection['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.id).toBe(`urn:uuid:${PROJECT_ID}`);
    expect(collection.label).toBe(snapshot.project.name);
    expect(collection.total).toBe(liveCount);
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.first.items).toHaveLength(liveCount);
    const deleted = snapshot.annotations.find((a) => a.deletedAt !== null)!;
    expect(collection.first.items.map((a) => a.id)).not.toContain(`urn:uuid:${deleted.id}`);
  });

  it('counts TextPositionSelector offsets in code points, after emoji, a flag and 𝕏 before the span', () => {
    const figure = exportedCollection().first.items.find((a) => a.body[0]?.value === 'figure')!;
    const target = figure.target as W3cSpecificTarget;
    const position = target.selector.find((s) => s.type === 'TextPositionSelector')!;
    // 👍🏽 = 2 code points (4 UTF-16 units), 🇺🇦 = 2 code points (4 units): "$800 billion" starts at UTF-16 25.
    expect(EMOJI_TEXT.indexOf('$800 billion')).toBe(25);
    expect(position).toEqual({ type: 'TextPositionSelector', start: 21, end: 33 });
    for (const annotation of exportedCollection().first.items) {
      const target = annotation.target;
      if (!('selector' in target)) continue;
      const quote = target.selector.find((s) => s.type === 'TextQuoteSelector')!;
      const at = target.selector.find((s) => s.type === 'TextPositionSelector')!;
      const document = snapshot.documents.find((d) => `urn:sha256:${d.sha256}` === target.source.id)!;
      expect(codePointSlice(document.text, at.start, at.end)).toBe(quote.exact);
    }
  });

  it('describes a tag with its kind, motivation, creator, dates, attributes and note', () => {
    const claim = exportedCollection().first.items.find(
      (a) => a.body[0]?.value === 'claim' && a['marginalia:attributes'].status === 'disputed',
    )!;
    expect(claim.motivation).toBe('assessing');
    expect(claim.creator).toEqual({ id: `urn:uuid:${ANALYST_ID}`, type: 'Person', name: 'Ada Analyst' });
    expect(claim.created).toBe('2026-01-20T10:00:00.000Z');
    expect(claim.modified).toBe('2026-01-21T11:30:00.000Z');
    expect(claim.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'claim' });
    expect(claim.body).toContainEqual({
      type: 'TextualBody',
      purpose: 'describing',
      value: 'Contradicted by the decree of 2 January;\nsee the registry.',
      format: 'text/plain',
    });
    expect(claim['marginalia:attributes']).toMatchObject({ status: 'disputed', claimant: 'Rustem Umerov' });
    const target = claim.target as W3cSpecificTarget;
    expect(target.type).toBe('SpecificResource');
    expect(target.source).toEqual({
      id: `urn:sha256:${EMOJI_DOCUMENT.sha256}`,
      type: 'Text',
      format: 'text/plain',
      title: EMOJI_DOCUMENT.title,
    });
    const quote = target.selector[0];
    expect(quote).toMatchObject({ type: 'TextQuoteSelector', exact: 'Kyrylo Budanov “did not formally return to office”' });
    const figure = exportedCollection().first.items.find((a) => a.body[0]?.value === 'figure')!;
    expect(figure.motivation).toBe('tagging');
    expect(figure['marginalia:attributes']).toEqual({ amount: 800, scale: 1e9, unit: 'USD', value: 8e11 });
  });

  it('targets the source itself, without selectors, for a document-level warning', () => {
    const warning = exportedCollection().first.items.find((a) => !('selector' in a.target))!;
    expect(warning.body[0]?.value).toBe('reliability_warning');
    expect(warning.target).toEqual({
      id: `urn:sha256:${EMOJI_DOCUMENT.sha256}`,
      type: 'Text',
      format: 'text/plain',
      title: EMOJI_DOCUMENT.title,
    });
  });

  it('writes JSON Lines with the same annotations, each standing alone with its @context', () => {
    const lines = exportedLines();
    expect(lines).toEqual(exportedCollection().first.items);
    for (const line of lines) expect(line['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
  });
});

describe('W3C Web Annotation test suite (annotationMusts.test)', () => {
  // The suite is kept in the repository (test-data/standards): a missing suite fails here, it is never skipped.
  it('finds the suite', () => expect(w3cSuitePresent(), W3C_SUITE_DIR).toBe(true));
  const suite = w3cSuitePresent() ? loadW3cSuite() : null;
  const failures = (outcomes: AssertionOutcome[]) =>
    outcomes.filter((o) => !o.passed).map((o) => `${o.assertion}: ${o.errorMessage}`);

  it('runs every MUST test file of the suite', () => {
    expect(suite!.mustTests.map((t) => t.testFile)).toContain(join('annotations', 'annotationMusts.test'));
    expect(suite!.mustTests.reduce((n, t) => n + t.assertions.length, 0)).toBeGreaterThanOrEqual(54);
  });

  it('passes every MUST assertion for every exported annotation, in the collection and as JSON Lines', () => {
    const annotations = [...exportedCollection().first.items, ...exportedLines()];
    expect(annotations).toHaveLength(2 * liveCount);
    let checked = 0;
    for (const annotation of annotations) {
      const outcomes = suite!.check(annotation);
      checked += outcomes.length;
      expect(failures(outcomes), annotation.id).toEqual([]);
    }
    expect(checked).toBeGreaterThanOrEqual(54 * 2 * liveCount);
  });

  it('fails an annotation that lost its @context, its type, its target or a valid creation date', () => {
    const [annotation] = w3cCollection(snapshot).first.items;
    const broken: Record<string, unknown>[] = [
      { ...annotation, '@context': undefined },
      { ...annotation, type: 'Note' },
      { ...annotation, target: undefined },
      { ...annotation, created: '20 January 2026' },
      { ...annotation, id: 'not a uri' },
    ].map((a) => JSON.parse(JSON.stringify(a)) as Record<string, unknown>);
    for (const candidate of broken) expect(failures(suite!.check(candidate)).length).toBeGreaterThan(0);
  });

  it('is a live check: it accepts the suite’s correct samples and rejects its incorrect ones', () => {
    const samples = (kind: string) => {
      const dir = join(W3C_SUITE_DIR, 'tools', 'samples', kind);
      return readdirSync(dir).flatMap((name) => {
        try {
          return [{ name, data: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown> }];
        } catch {
          return []; // some incorrect samples are deliberately not JSON
        }
      });
    };
    // Composite, List and Independents targets (anno11–13) are beyond these schemas; collections are not annotations.
    const correct = samples('correct').filter(
      ({ data }) => data.type === 'Annotation' && !['Composite', 'List', 'Independents'].includes(String((data.target as { type?: unknown })?.type)),
    );
    expect(correct.length).toBeGreaterThan(30);
    for (const { name, data } of correct) expect(failures(suite!.check(data)), name).toEqual([]);
    const incorrect = samples('incorrect');
    expect(incorrect.length).toBeGreaterThan(10);
    for (const { name, data } of incorrect) expect(failures(suite!.check(data)).length, name).toBeGreaterThan(0);
  });
});

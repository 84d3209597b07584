// W3C export then import gives back every live tag (kind, offsets, quote, attributes), and re-anchors when the text moved.
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-shared/model/annotation';
import { EMOJI_DOCUMENT, EMOJI_TEXT, sampleSnapshot } from '../export/snapshot-fixture';
import { annotationsInExportOrder } from '../export/snapshot-index';
import { exportW3c } from '../export/w3c';
import { textAnchorer } from './anchor';
import { parseW3cAnnotations, type AnnotationCandidate } from './w3c';

const snapshot = sampleSnapshot();
const live = annotationsInExportOrder(snapshot, { includeDeleted: false });

function candidatesFrom(content: string): AnnotationCandidate[] {
  const result = parseW3cAnnotations(content);
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.skipped).toEqual([]);
  return result.value.candidates;
}

/** What a re-imported tag must keep: kind, place (UTF-16), quote, attributes, note, author and dates. */
function essentials(a: Annotation) {
  return {
    kind: a.kind,
    sourceId: `urn:sha256:${snapshot.documents.find((d) => d.id === a.documentId)!.sha256}`,
    range: a.target ? { start: a.target.start, end: a.target.end } : null,
    quote: a.target?.exact ?? null,
    attributes: a.attributes,
    note: a.note,
    creatorId: `urn:uuid:${a.analystId}`,
    created: a.createdAt,
    modified: a.updatedAt,
  };
}

function reimported(candidates: AnnotationCandidate[]) {
  return candidates.map((c) => {
    const document = snapshot.documents.find((d) => `urn:sha256:${d.sha256}` === c.sourceId)!;
    const anchor = c.quote === undefined && c.position === undefined ? null : textAnchorer(document.text)(c);
    if (c.quote !== undefined) expect(anchor?.method, c.quote).toBe('position');
    return {
      kind: c.kind,
      sourceId: c.sourceId,
      range: anchor ? { start: anchor.start, end: anchor.end } : null,
      quote: anchor ? document.text.slice(anchor.start, anchor.end) : null,
      attributes: c.attributes,
      note: c.note ?? '',
      creatorId: c.creator?.id,
      created: c.created,
      modified: c.modified,
    };
  });
}

describe('W3C export → import round trip', () => {
  it('gives back every live tag with the same kind, UTF-16 offsets, quote and attributes, emoji before the spans', () => {
    expect(EMOJI_TEXT.startsWith('👍🏽 Ukraine 🇺🇦 talks: $800 billion')).toBe(true);
    const [file] = exportW3c(snapshot);
    expect(reimported(candidatesFrom(file!.content as string))).toEqual(live.map(essentials));
  });

  it('does the same from JSON Lines', () => {
    const [file] = exportW3c(snapshot, { jsonLines: true });
    expect(reimported(candidatesFrom(file!.content as string))).toEqual(live.map(essentials));
  });

  it('keeps the document title and the actor names that let another project match its registry', () => {
    const [file] = exportW3c(snapshot);
    const candidates = candidatesFrom(file!.content as string);
    const claim = candidates.find((c) => c.kind === 'claim' && c.attributes && 'status' in c.attributes && c.attributes.status === 'disputed')!;
    expect(claim).toMatchObject({ sourceTitle: EMOJI_DOCUMENT.title, actorName: 'Rustem Umerov', creator: { name: 'Ada Analyst' } });
    expect(candidates.find((c) => c.kind === 'actor')!.actorName).toBe('Kyrylo Budanov');
  });

  it('re-anchors by quote and context when the text moved: a new line inserted before the tags', () => {
    const [file] = exportW3c(snapshot);
    const moved = `Editor’s note 🗞️: updated.\n${EMOJI_TEXT}`;
    const anchor = textAnchorer(moved);
    for (const c of candidatesFrom(file!.content as string)) {
      if (c.quote === undefined || c.sourceId !== `urn:sha256:${EMOJI_DOCUMENT.sha256}`) continue;
      const found = anchor(c);
      expect(found?.method, c.quote).toBe('quote');
      expect(moved.slice(found!.start, found!.end)).toBe(c.quote);
    }
  });
});

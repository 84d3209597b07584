// Checks what the search panel lists and says: rows grouped by document, the marked snippet, counts, tag-all sentences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src-shared/api/contract';
import type { Actor } from '../../../src-shared/model/actor';
import { attributesOf, doneSentence, hitSummary, previewSentence, resultRows, snippetParts, taggingDescription, type Choice } from './search-model';

function hit(documentId: string, start: number): SearchHit {
  const text = `The envoy met Budanov in Kyiv. Budanov said more.`;
  return { documentId, title: `Doc ${documentId}`, start, end: start + 7, quote: text.slice(start, start + 7), snippet: text, snippetStart: 0 } as SearchHit;
}

const budanov = { id: 'a1', name: 'Kyrylo Budanov' } as Actor;
const choice = (patch: Partial<Choice>): Choice => ({ kind: 'actor', actorId: null, status: 'unverified', severity: 'medium', category: 'factual_error', ...patch });

describe('resultRows', () => {
  it('puts one heading before each document’s hits, with their count, only when grouped', () => {
    const hits = [hit('a', 14), hit('a', 31), hit('b', 14)];
    expect(resultRows(hits, true).map((r) => (r.type === 'document' ? `${r.title}:${r.count}` : r.index))).toEqual(['Doc a:2', 0, 1, 'Doc b:1', 2]);
    expect(resultRows(hits, false).map((r) => r.type)).toEqual(['hit', 'hit', 'hit']);
  });

  it('lists every hit exactly once, in order, whatever the documents', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 40 }), (ids) => {
        const hits = ids.map((id) => hit(id, 14));
        const rows = resultRows(hits, true);
        expect(rows.flatMap((r) => (r.type === 'hit' ? [r.index] : []))).toEqual(hits.map((_, i) => i));
        const headings = rows.filter((r) => r.type === 'document');
        expect(headings.reduce((sum, r) => sum + (r.type === 'document' ? r.count : 0), 0)).toBe(hits.length);
      }),
    );
  });
});

describe('snippetParts', () => {
  it('splits the snippet around the match', () => {
    expect(snippetParts(hit('a', 31))).toEqual(['The envoy met Budanov in Kyiv. ', 'Budanov', ' said more.']);
  });

  it('marks the match where the snippet starts later in the text', () => {
    expect(snippetParts({ ...hit('a', 14), start: 114, end: 121, snippetStart: 100 })).toEqual(['The envoy met ', 'Budanov', ' in Kyiv. Budanov said more.']);
  });
});

describe('counts and sentences', () => {
  it('counts hits, and documents for the project', () => {
    expect(hitSummary(5, 3, false, true)).toBe('5 hits in 3 documents');
    expect(hitSummary(1, 1, false, false)).toBe('1 hit');
    expect(hitSummary(0, 0, false, true)).toBe('No hits');
    expect(hitSummary(1000, 40, true, true)).toBe('1,000+ hits in 40 documents (the first listed)');
  });

  it('names the tagging with its actor, status or severity and category', () => {
    expect(taggingDescription(choice({ actorId: 'a1' }), [budanov])).toBe('actor Kyrylo Budanov');
    expect(taggingDescription(choice({}), [budanov])).toBe('actor (no actor linked)');
    expect(taggingDescription(choice({ kind: 'claim', status: 'disputed' }), [])).toBe('claim (disputed)');
    expect(taggingDescription(choice({ kind: 'reliability_warning', severity: 'high' }), [])).toBe('reliability warning (high, Factual error)');
  });

  it('asks before tagging and says how many were skipped', () => {
    expect(previewSentence({ tagged: 12, documentCount: 4, skipped: 0 }, 'actor Kyrylo Budanov')).toBe('Tag 12 hits in 4 documents as actor Kyrylo Budanov?');
    expect(previewSentence({ tagged: 1, documentCount: 1, skipped: 1 }, 'figure')).toBe('Tag 1 hit in 1 document as figure? 1 hit is already tagged so and is skipped.');
    expect(previewSentence({ tagged: 0, documentCount: 0, skipped: 5 }, 'figure')).toBe('Nothing to tag as figure: 5 hits are already tagged so and are skipped.');
    expect(doneSentence({ tagged: 12, documentCount: 4, skipped: 3 }, 'claim (unverified)')).toBe('Tagged 12 hits in 4 documents as claim (unverified); 3 hits already tagged so were skipped. Undo takes them all back.');
  });

  it('gives the kind’s attributes: an actor only when one is linked, none for a figure', () => {
    expect(attributesOf(choice({ actorId: 'a1' }))).toEqual({ actorId: 'a1' });
    expect(attributesOf(choice({}))).toBeUndefined();
    expect(attributesOf(choice({ kind: 'figure' }))).toBeUndefined();
    expect(attributesOf(choice({ kind: 'reliability_warning', severity: 'low', category: 'unsourced' }))).toEqual({ severity: 'low', category: 'unsourced' });
  });
});

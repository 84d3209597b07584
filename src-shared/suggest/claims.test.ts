// Checks the claim source: reported speech with a named speaker, the claimant linked when registered.
import { describe, expect, it } from 'vitest';
import { findClaims } from './claims';
import { computeSuggestions } from './index';

describe('claim suggestions', () => {
  it('finds "X said that", "according to X" and a quotation followed by "said X", with the speaker', () => {
    const text = 'Zelenskyy said that the deal was ready. The weather was cold. According to Rustem Umerov, talks went on. “We will not yield,” said Kuleba.';
    expect(findClaims(text).map((c) => [text.slice(c.start, c.end), c.speaker])).toEqual([
      ['Zelenskyy said that the deal was ready.', 'Zelenskyy'],
      ['According to Rustem Umerov, talks went on.', 'Rustem Umerov'],
      ['“We will not yield,” said Kuleba.', 'Kuleba'],
    ]);
  });

  it('does not take a pronoun for a speaker', () => {
    expect(findClaims('He said it was over.')).toEqual([]);
  });

  it('prefills the claimant with the registered actor named as speaker, title and all', () => {
    const [claim] = computeSuggestions({
      documents: [{ id: 'd', textHash: 'h', text: 'President Volodymyr Zelenskyy stated that peace was near.' }],
      actors: [{ id: 'z', name: 'Volodymyr Zelenskyy', kind: 'person', aliases: [] }],
      tags: [],
      rejected: new Set(),
      kind: 'claim',
    });
    expect(claim?.attributes).toEqual({ status: 'unverified', claimantId: 'z' });
    expect(claim?.actorId).toBe('z');
  });
});

// @vitest-environment jsdom
// Review mode helpers: walking differences, defaults for the analyst pair, attribute changes, figures, difference marks.
import { describe, expect, it } from 'vitest';
import type { Analyst } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import { attributeChanges, defaultPair, differenceMarks, formatFigure, isUndecided, nextUndecided, stepKey, type Difference } from './review-model';

function tag(id: string, analystId: string, status?: 'pending' | 'accepted' | 'rejected', attributes: Record<string, unknown> = {}): Annotation {
  return {
    id, documentId: 'd', kind: 'claim', note: '', analystId, createdAt: '', updatedAt: '', deletedAt: null,
    target: { start: 0, end: 1, exact: 'x', prefix: '', suffix: '' },
    attributes: { status: 'unverified', claimantId: null, ...attributes },
    review: status ? { status, reviewerId: 'r', reviewedAt: '', comment: '' } : null,
  } as unknown as Annotation;
}

function difference(key: string, a: string[], b: string[], type: Difference['type'] = 'overlap'): Difference {
  return { key, type, start: 0, end: 1, a, b };
}

describe('walking the differences', () => {
  const diffs = [difference('1', ['a1'], ['b1']), difference('2', ['a2'], []), difference('3', [], ['b3'])];
  const byId = new Map([tag('a1', 'A', 'accepted'), tag('b1', 'B', 'rejected'), tag('a2', 'A'), tag('b3', 'B', 'pending')].map((t) => [t.id, t]));

  it('knows a difference is undecided while any of its tags is pending', () => {
    expect(diffs.map((d) => isUndecided(d, byId))).toEqual([false, true, true]);
  });

  it('goes to the next undecided difference, wrapping around, or nowhere when all are decided', () => {
    expect(nextUndecided(diffs, '2', byId)).toBe('3');
    expect(nextUndecided(diffs, '3', byId)).toBe('2');
    expect(nextUndecided(diffs, null, byId)).toBe('2');
    expect(nextUndecided([diffs[0] as Difference], '1', byId)).toBeNull();
  });

  it('steps by one, stopping at either end', () => {
    expect(stepKey(diffs, '1', 1)).toBe('2');
    expect(stepKey(diffs, '1', -1)).toBe('1');
    expect(stepKey(diffs, '3', 1)).toBe('3');
    expect(stepKey(diffs, 'gone', 1)).toBe('1');
    expect(stepKey([], null, 1)).toBeNull();
  });
});

describe('the default pair of analysts', () => {
  const analysts = [{ id: 'x', name: 'Xena' }, { id: 'a', name: 'Anna' }, { id: 'b', name: 'Ben' }] as unknown as Analyst[];

  it('takes the first two analysts who tagged the document', () => {
    expect(defaultPair(analysts, [tag('1', 'b'), tag('2', 'a')])).toEqual(['a', 'b']);
  });

  it('fills up from the others, and gives nothing with fewer than two analysts', () => {
    expect(defaultPair(analysts, [tag('1', 'b')])).toEqual(['b', 'x']);
    expect(defaultPair(analysts.slice(0, 1), [])).toBeNull();
  });
});

it('names the attributes two tags differ on, with actors by name', () => {
  const actors = new Map([['act', { name: 'Kirill Dmitriev' }]]) as unknown as Parameters<typeof attributeChanges>[2];
  const a = tag('1', 'A', undefined, { status: 'disputed', claimantId: 'act' });
  const b = tag('2', 'B', undefined, { status: 'supported', claimantId: null });
  expect(attributeChanges(a, b, actors)).toEqual(['status: disputed → supported', 'claimant: Kirill Dmitriev → none']);
});

it('formats figures to three decimals and undefined ones as a dash', () => {
  expect([formatFigure(0.81234), formatFigure(-0.002), formatFigure(null), formatFigure(Number.NaN)]).toEqual(['0.812', '-0.002', '—', '—']);
});

it('gives every tag of a difference its type as mark', () => {
  const marks = differenceMarks([difference('k1', ['a1'], ['b1'], 'overlap'), difference('k2', ['a2'], [], 'only_a')]);
  expect(Object.fromEntries(marks)).toEqual({ a1: 'overlap', b1: 'overlap', a2: 'only_a' });
});

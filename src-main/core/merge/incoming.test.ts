// Checks that a tag read again from a checked private copy (annotationOfCheckedRow) is the tag annotationOfRow validated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textTargetFor } from '../../../src-shared/text/quote';
import { annotationOfCheckedRow, annotationOfRow, RecordInspector } from './incoming';

const DOCUMENT_ID = '4f6c1e1a-8d7b-4a39-9a0e-2b1f3c4d5e6f';
const TEXT = 'The envoy said on Monday that 40,000 troops would stay until 2027, and the minister denied it an hour later.';

/** An object's entries in a random order, so that JSON keys come in an order other than the schema's. */
const shuffled = (entries: [string, unknown][]) =>
  fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }).map((e) => Object.fromEntries(e));

const timestamp = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

const attributes = (kind: string) => {
  if (kind === 'claim')
    return fc.tuple(fc.constantFrom('unverified', 'supported', 'disputed', 'false'), fc.option(fc.uuid())).chain(([status, claimantId]) => shuffled([['status', status], ['claimantId', claimantId]]));
  if (kind === 'actor') return fc.option(fc.uuid()).chain((actorId) => shuffled([['actorId', actorId]]));
  if (kind === 'figure')
    return fc
      .tuple(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })), fc.constantFrom(1, 1e3, 1e6), fc.option(fc.string({ maxLength: 8 })))
      .chain(([amount, scale, unit]) => shuffled([['amount', amount], ['scale', scale], ['unit', unit]]));
  return fc
    .tuple(fc.constantFrom('low', 'medium', 'high'), fc.constantFrom('unsourced', 'other'), fc.string({ maxLength: 20 }))
    .chain(([severity, category, correction]) => shuffled([['severity', severity], ['category', category], ['correction', correction]]));
};

const review = fc.option(
  fc
    .tuple(fc.constantFrom('pending', 'accepted', 'rejected'), fc.uuid(), timestamp, fc.string({ maxLength: 20 }))
    .chain(([status, reviewerId, reviewedAt, comment]) => shuffled([['status', status], ['reviewerId', reviewerId], ['reviewedAt', reviewedAt], ['comment', comment]])),
);

/** A valid row of the annotations table, as SQLite gives it. */
const row = fc
  .record({
    kind: fc.constantFrom('claim', 'actor', 'figure', 'reliability_warning'),
    start: fc.nat(TEXT.length - 2),
    length: fc.integer({ min: 1, max: 30 }),
    wholeDocument: fc.boolean(),
    id: fc.uuid(),
    analystId: fc.uuid(),
    head: fc.uuid(),
    note: fc.string({ maxLength: 20 }),
    createdAt: timestamp,
    updatedAt: timestamp,
    deletedAt: fc.option(timestamp),
  })
  .filter((r) => TEXT.slice(r.start, r.start + r.length).trim() !== '')
  .chain((r) => fc.tuple(fc.constant(r), attributes(r.kind), review))
  .map(([r, attrs, rev]) => {
    const end = Math.min(TEXT.length, r.start + r.length);
    const target = r.kind === 'reliability_warning' && r.wholeDocument ? null : textTargetFor(TEXT, r.start, end);
    return {
      id: r.id, document_id: DOCUMENT_ID, kind: r.kind,
      start_offset: target?.start ?? null, end_offset: target?.end ?? null, exact: target?.exact ?? null, prefix: target?.prefix ?? null, suffix: target?.suffix ?? null,
      attributes: JSON.stringify(attrs), note: r.note, analyst_id: r.analystId, created_at: r.createdAt, updated_at: r.updatedAt, deleted_at: r.deletedAt,
      head_change_id: r.head, review: rev === null ? null : JSON.stringify(rev),
    };
  });

describe('a tag read again from the checked copy', () => {
  it('equals the validated tag, and its attributes and review serialise to the same JSON', () => {
    const texts = new Map([[DOCUMENT_ID, TEXT]]);
    fc.assert(
      fc.property(row, (raw) => {
        const validated = annotationOfRow(raw, 0, texts, new RecordInspector());
        const again = annotationOfCheckedRow(raw);
        expect(again).toStrictEqual(validated);
        expect(JSON.stringify(again.annotation.attributes)).toBe(JSON.stringify(validated.annotation.attributes));
        expect(JSON.stringify(again.annotation.review)).toBe(JSON.stringify(validated.annotation.review));
      }),
      { numRuns: 300 },
    );
  });
});

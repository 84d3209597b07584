// Checks that the in-memory tag table answers every filter, sort and page as the table's SQL does, and follows changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAG_TABLE_COLUMNS, tagTablePage, type TagTableFilters } from '../store/tag-table';
import { testProjects } from '../test-support/project-fixture';
import { TagTableIndex } from './tag-table-index';

const project = testProjects();

const TEXT = 'Budanov said 800 billion dollars were pledged; Ärzte, Ａrzt and 𝔘mlaut said 8000 troops, maybe 30 drones.';

describe('TagTableIndex', () => {
  it('gives the same page and total as the SQL query for any filters, sort and page (property)', async () => {
    const p = project();
    const docs = [await p.paste('Alpha', TEXT), await p.paste('Beta', `${TEXT} Two.`), await p.paste('Gamma', `${TEXT} Three.`)];
    const actor = (await p.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' })).id;
    const spans = [...TEXT.matchAll(/\S+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const tag = fc.record({
      doc: fc.constantFrom(...docs),
      span: fc.constantFrom(...spans),
      kind: fc.constantFrom('claim', 'figure', 'actor', 'reliability_warning'),
      status: fc.constantFrom('disputed', 'unverified', 'supported'),
      note: fc.option(fc.constantFrom('Check THIS', 'ärzte note', '𝔘 note'), { nil: undefined }),
    });
    // Quotes past U+FFFF and in U+E000–U+FFFF, where UTF-16 order and SQLite's differ, are always among them.
    const wide = ['Ａrzt', '𝔘mlaut'].map((word) => ({ doc: docs[0] ?? '', span: { start: TEXT.indexOf(word), end: TEXT.indexOf(word) + word.length }, kind: 'claim' as const, status: 'disputed' as const, note: undefined }));
    const tags = [...wide, ...(fc.sample(fc.array(tag, { minLength: 20, maxLength: 40 }), { numRuns: 1, seed: 11 })[0] ?? [])];
    const made = new Set<string>();
    for (const t of tags) {
      // One tag of a kind per passage and analyst.
      if (made.has(`${t.doc}:${t.span.start}:${t.kind}`)) continue;
      made.add(`${t.doc}:${t.span.start}:${t.kind}`);
      const attributes = t.kind === 'claim' ? { status: t.status } : t.kind === 'actor' ? { actorId: actor } : t.kind === 'reliability_warning' ? { severity: 'high', category: 'factual_error' } : undefined;
      await p.call('annotation.create', { documentId: t.doc, kind: t.kind, target: t.span, ...(attributes ? { attributes } : {}), ...(t.note ? { note: t.note } : {}) } as never);
    }
    await p.call('document.remove', { id: docs[2] ?? '' });
    // None, one or two filters at once (more would leave nothing to page through).
    const one: fc.Arbitrary<TagTableFilters> = fc.oneof(
      fc.record({ kinds: fc.subarray(['claim', 'figure', 'actor', 'reliability_warning']) }),
      fc.record({ statuses: fc.subarray(['disputed', 'unverified', 'high']) }),
      fc.record({ reviews: fc.subarray(['undecided', 'accepted']) }),
      fc.constant({ actorId: actor }),
      fc.record({ documentId: fc.constantFrom(...docs) }),
      fc.record({ unit: fc.constantFrom('USD', 'troops') }),
      fc.record({ text: fc.constantFrom('', 'said', 'ärzte', 'check this', '𝔘', '8000') }),
    );
    const filters = fc.oneof(fc.constant({}), one, fc.tuple(one, one).map(([x, y]) => ({ ...x, ...y })));
    const index = p.session.part(TagTableIndex);
    fc.assert(
      fc.property(filters, fc.constantFrom(...TAG_TABLE_COLUMNS), fc.boolean(), fc.nat(30), fc.integer({ min: 1, max: 15 }), (filter, column, descending, offset, limit) => {
        const sql = tagTablePage(p.session.db, filter, { column, descending }, { offset, limit });
        expect(index.page(p.session.db, filter, { column, descending }, { offset, limit })).toEqual({ ids: sql.rows.map((r) => r.id), total: sql.total });
      }),
      { numRuns: 300 },
    );
  });

  it('follows the project: a new tag, an edit and a removed document show in the next page', async () => {
    const p = project();
    const a = await p.paste('Alpha', TEXT);
    const b = await p.paste('Beta', `${TEXT} Two.`);
    const index = p.session.part(TagTableIndex);
    const total = () => index.page(p.session.db, {}, { column: 'date', descending: true }, { offset: 0, limit: 10 }).total;
    expect(total()).toBe(0);
    const claim = await p.call('annotation.create', { documentId: a, kind: 'claim', target: { start: 0, end: 7 } });
    await p.call('annotation.create', { documentId: b, kind: 'claim', target: { start: 0, end: 7 } });
    expect(total()).toBe(2);
    await p.call('annotation.update', { id: claim.id, attributes: { status: 'disputed' } } as never);
    expect(index.page(p.session.db, { statuses: ['disputed'] }, { column: 'date', descending: true }, { offset: 0, limit: 10 }).ids).toEqual([claim.id]);
    await p.call('document.remove', { id: b });
    expect(total()).toBe(1);
  });
});

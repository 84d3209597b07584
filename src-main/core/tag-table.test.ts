// Checks annotation.query and annotation.groups: live tags only, each filter narrowing, sorting, pages, groups, and the filtered CSV export.
import { describe, expect, it } from 'vitest';
import { testProjects, type TestProject } from '../test-support/project-fixture';
import { TagTableIndex } from './tag-table-index';

const project = testProjects();

/** Two documents: a disputed claim by Budanov, two figures, a high-severity warning, and a deleted actor tag. */
async function tagged(): Promise<{ p: TestProject; a: string; b: string; budanov: string }> {
  const p = project();
  const text = 'Budanov said 800 billion dollars were pledged, and 8000 billion dollars later.';
  const a = (await p.call('document.import', { source: { type: 'text', title: 'Alpha', text } })).document.id;
  const b = (await p.call('document.import', { source: { type: 'text', title: 'Beta', text: `${text} Again.` } })).document.id;
  const budanov = (await p.call('actor.create', { name: 'Kyrylo Budanov', kind: 'person' })).id;
  const span = (t: string, quote: string) => ({ start: t.indexOf(quote), end: t.indexOf(quote) + quote.length });
  await p.call('annotation.create', { documentId: a, kind: 'claim', target: { start: 0, end: 46 }, attributes: { status: 'disputed', claimantId: budanov } });
  await p.call('annotation.create', { documentId: a, kind: 'figure', target: span(text, '800 billion dollars') });
  await p.call('annotation.create', { documentId: b, kind: 'figure', target: span(text, '8000 billion dollars') });
  await p.call('annotation.create', { documentId: b, kind: 'reliability_warning', target: null, attributes: { severity: 'high', category: 'factual_error' } });
  const deleted = await p.call('annotation.create', { documentId: b, kind: 'actor', target: span(text, 'Budanov'), attributes: { actorId: budanov } });
  await p.call('annotation.delete', { id: deleted.id });
  return { p, a, b, budanov };
}

describe('annotation.query', () => {
  it('lists every live tag with its document, analyst, actor, status and value', async () => {
    const { p, budanov } = await tagged();
    const { rows, total } = await p.call('annotation.query', { sort: { column: 'kind' } });
    expect(total).toBe(4);
    expect(rows.map((r) => r.kind)).toEqual(['claim', 'figure', 'figure', 'reliability_warning']);
    expect(rows[0]).toMatchObject({ documentTitle: 'Alpha', actorId: budanov, actorName: 'Kyrylo Budanov', status: 'disputed', analystName: 'Ada Analyst', review: null });
    expect(rows.filter((r) => r.kind === 'figure').map((r) => [r.value, r.unit]).sort()).toEqual([[800e9, 'USD'], [8000e9, 'USD']].sort());
    expect(rows[3]).toMatchObject({ status: 'high', category: 'factual_error', quote: null });
  });

  it('answers the first page from the file at once, then reads the table into memory for the next pages, with the same rows', async () => {
    const { p } = await tagged();
    const index = p.session.part(TagTableIndex);
    const first = await p.call('annotation.query', { sort: { column: 'kind' } });
    expect(index.ready).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(index.ready).toBe(true);
    expect(await p.call('annotation.query', { sort: { column: 'kind' } })).toEqual(first);
    expect((await p.call('annotation.query', { kinds: ['figure'] })).total).toBe(2);
  });

  it('narrows by kind, actor, status, document and text, every filter at once', async () => {
    const { p, a, b, budanov } = await tagged();
    const count = async (request: object) => (await p.call('annotation.query', request)).total;
    expect(await count({ kinds: ['figure'] })).toBe(2);
    expect(await count({ actorId: budanov })).toBe(1);
    expect(await count({ statuses: ['disputed', 'high'] })).toBe(2);
    expect(await count({ documentId: b })).toBe(2);
    expect(await count({ text: '8000 BILLION' })).toBe(1);
    expect(await count({ kinds: ['figure'], documentId: a })).toBe(1);
    expect(await count({ reviews: ['undecided'] })).toBe(4);
    expect(await count({ reviews: ['accepted'] })).toBe(0);
  });

  it('sorts by value with tags without one last, either way', async () => {
    const { p } = await tagged();
    const values = async (descending: boolean) => (await p.call('annotation.query', { sort: { column: 'value', descending } })).rows.map((r) => r.value);
    expect(await values(false)).toEqual([800e9, 8000e9, null, null]);
    expect(await values(true)).toEqual([8000e9, 800e9, null, null]);
  });

  it('pages through the rows: each tag on exactly one page, the total on every page', async () => {
    const { p } = await tagged();
    const pages = [0, 1, 2, 3].map((offset) => p.call('annotation.query', { sort: { column: 'document' }, offset, limit: 1 }));
    const results = await Promise.all(pages);
    expect(results.every((r) => r.total === 4 && r.rows.length === 1)).toBe(true);
    expect(new Set(results.map((r) => r.rows[0]?.id)).size).toBe(4);
  });

  it('gives the total with a page past the last row, and none when nothing matches', async () => {
    const { p } = await tagged();
    expect(await p.call('annotation.query', { offset: 10, limit: 5 })).toEqual({ rows: [], total: 4 });
    expect(await p.call('annotation.query', { text: 'no such words' })).toEqual({ rows: [], total: 0 });
  });

  it('narrows figures by unit', async () => {
    const { p, a } = await tagged();
    const text = (await p.call('document.get', { id: a })).text;
    const start = text.indexOf('Budanov');
    await p.call('annotation.create', { documentId: a, kind: 'figure', target: { start, end: start + 7 }, attributes: { amount: 3, scale: 1, unit: 'people' } });
    expect((await p.call('annotation.query', { unit: 'people' })).rows.map((r) => r.value)).toEqual([3]);
    expect((await p.call('annotation.query', { unit: 'USD' })).total).toBe(2);
  });
});

describe('annotation.groups', () => {
  it('groups figures by unit with their smallest, largest and total value, claims by status, tags by actor', async () => {
    const { p, budanov } = await tagged();
    const groups = async (by: 'actor' | 'status' | 'unit', filters: object = {}) => (await p.call('annotation.groups', { by, ...filters })).groups;
    expect(await groups('unit')).toEqual([{ value: 'USD', label: 'USD', count: 2, minValue: 800e9, maxValue: 8000e9, totalValue: 8800e9 }]);
    expect((await groups('status')).map((g) => [g.value, g.count])).toEqual([['disputed', 1]]);
    expect((await groups('actor')).map((g) => [g.value, g.label, g.count])).toEqual([[budanov, 'Kyrylo Budanov', 1]]);
    expect(await groups('unit', { text: '8000' })).toEqual([{ value: 'USD', label: 'USD', count: 1, minValue: 8000e9, maxValue: 8000e9, totalValue: 8000e9 }]);
  });
});

describe('export.project with the table’s filters', () => {
  it('writes only the rows the table shows in CSV', async () => {
    const { p } = await tagged();
    const { files } = await p.call('export.project', { format: 'csv', tags: { kinds: ['figure'], text: '8000' } });
    const lines = Buffer.from(files[0]?.contentBase64 ?? '', 'base64').toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Figure,8000 billion dollars,Beta,/);
  });
});

// Analyst labels: the id prefix is added exactly when another analyst shares the name (ignoring case and spacing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Analyst } from '../../src-shared/api/contract';
import { analystLabel, idPrefix } from './analyst-label';

const analyst = (id: string, name: string) => ({ id, name }) as Analyst;

describe('analystLabel', () => {
  it('names a unique analyst by name alone and same-named ones with their id prefix', () => {
    const ada = analyst('aaaaaaaa-0000-4000-8000-000000000001', 'Ada');
    const ben1 = analyst('bbbbbbbb-0000-4000-8000-000000000002', 'Ben');
    const ben2 = analyst('cccccccc-0000-4000-8000-000000000003', ' ben ');
    const all = [ada, ben1, ben2];
    expect(analystLabel(ada, all)).toBe('Ada');
    expect(analystLabel(ben1, all)).toBe('Ben (bbbbbbbb)');
    expect(analystLabel(ben2, all)).toBe(' ben  (cccccccc)');
  });

  it('gives every analyst of a list a distinct label when their ids differ in the prefix', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 8 }), name: fc.constantFrom('Ada', 'Ben', 'ben', 'Cy') }), { selector: (a) => a.id }), (list) => {
        const all = list.map((a) => analyst(a.id, a.name));
        const labels = all.map((a) => analystLabel(a, all).toLowerCase().trim());
        expect(new Set(labels).size).toBe(all.length);
        for (const a of all) expect(analystLabel(a, all).includes(idPrefix(a.id))).toBe(all.some((o) => o.id !== a.id && o.name.toLowerCase() === a.name.toLowerCase()));
      }),
    );
  });
});

// Checks how the tag table words figures' values, its filters, its groups' filters and its export's file name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFilters, formatValue, groupFilter, tableExportName } from './tag-table-format';

const names = { actor: (id: string) => `actor ${id}`, analyst: (id: string) => `analyst ${id}`, document: (id: string) => `document ${id}` };

describe('formatValue', () => {
  it('reads values in billions, millions and plain numbers with the unit', () => {
    expect(formatValue(8e11, 'USD')).toBe('800 billion USD');
    expect(formatValue(1.5e6, 'people')).toBe('1.5 million people');
    expect(formatValue(42, null)).toBe('42');
    expect(formatValue(null, 'USD')).toBe('');
  });
});

describe('describeFilters', () => {
  it('names every filter in order and nothing when none is set', () => {
    expect(describeFilters({}, names)).toBe('');
    expect(describeFilters({ kinds: ['figure'], actorId: 'a1', unit: 'USD', text: 'billion' }, names)).toBe('figures, actor a1, in USD, “billion”');
  });
});

describe('groupFilter', () => {
  it('turns a group into the filter of its grouping, and null into none', () => {
    const group = { value: 'disputed', label: 'disputed', count: 3, minValue: null, maxValue: null, totalValue: null };
    expect(groupFilter('status', group)).toEqual({ statuses: ['disputed'] });
    expect(groupFilter('unit', { ...group, value: 'USD' })).toEqual({ unit: 'USD' });
    expect(groupFilter('actor', null)).toEqual({ actorId: undefined });
  });
});

describe('tableExportName', () => {
  it('names the project and the filters', () => {
    expect(tableExportName('Ukraine talks', 'figures, in USD')).toBe('Ukraine-talks-tags-figures-in-USD.csv');
    expect(tableExportName('Talks', '')).toBe('Talks-tags.csv');
  });

  it('is always a plain file name ending in .csv, whatever the project and the filters say', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (project, description) => {
        const name = tableExportName(project, description);
        expect(name).toMatch(/^[\p{L}\p{N}_-]+\.csv$/u);
      }),
    );
  });
});

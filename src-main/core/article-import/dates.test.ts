// Tests for dates.ts: date-only lines and metadata date values to ISO 'YYYY-MM-DD'.
import { describe, expect, it } from 'vitest';
import { isoDate, parseDateLine, toIsoDate } from './dates';

describe('parseDateLine', () => {
  it.each([
    ['20/01/2026', '2026-01-20'],
    ['20.1.2026', '2026-01-20'],
    ['5.3.2026', '2026-03-05'],
    ['2026-01-20', '2026-01-20'],
    ['2026/1/20', '2026-01-20'],
    ['20 January 2026', '2026-01-20'],
    ['20th Jan 2026', '2026-01-20'],
    ['January 20, 2026', '2026-01-20'],
    ['Jan. 20, 2026', '2026-01-20'],
    ['Tuesday, 20 January 2026', '2026-01-20'],
    ['Published: 20/01/2026', '2026-01-20'],
    ['Updated on January 20, 2026 at 10:15 am GMT', '2026-01-20'],
    ['01/20/2026', '2026-01-20'], // only readable month-first
    ['  19/01/2026  ', '2026-01-19'],
  ])('reads %j as %s', (line, iso) => {
    expect(parseDateLine(line)).toBe(iso);
  });

  it.each([
    'On January 20, 2026, at the 56th annual World Economic Forum',
    '31/02/2026',
    '20/13/2026',
    '2026',
    'In 3 days: Second Round of Trilateral Talks',
    '20/01/26',
    'Davos 2026',
  ])('rejects %j', (line) => {
    expect(parseDateLine(line)).toBeNull();
  });
});

describe('toIsoDate', () => {
  it('keeps the written date of ISO timestamps (no time-zone shift)', () => {
    expect(toIsoDate('2026-01-21T10:00:00Z')).toBe('2026-01-21');
    expect(toIsoDate('2026-01-21T23:30:00-08:00')).toBe('2026-01-21');
    expect(toIsoDate('2026-01-21')).toBe('2026-01-21');
  });

  it('reads compact and written dates, and rejects the rest', () => {
    expect(toIsoDate('20260121')).toBe('2026-01-21');
    expect(toIsoDate('Wed, 21 Jan 2026 10:00:00 GMT')).toBe('2026-01-21');
    expect(toIsoDate('yesterday')).toBeNull();
    expect(toIsoDate('')).toBeNull();
    expect(toIsoDate(null)).toBeNull();
    expect(toIsoDate('2026-02-30')).toBeNull();
  });

  it('validates calendar dates', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2026, 2, 29)).toBeNull();
    expect(isoDate(1500, 1, 1)).toBeNull();
  });
});

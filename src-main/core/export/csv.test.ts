// Checks the CSV export: encoding and line ends, readable columns first and offsets last, live tags only, formula defence.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, csvText, exportCsv } from './csv';
import { EMOJI_DOCUMENT, EMOJI_TEXT, reviewedSnapshot } from './snapshot-fixture';

/** A strict RFC 4180 reader (CRLF record ends), to prove what a spreadsheet program would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') {
      if (cell !== '') throw new Error(`quote inside an unquoted cell at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break outside quotes at ${i}`);
    else cell += c;
  }
  if (quoted || cell !== '' || row.length > 0) throw new Error('the last record is not terminated by CRLF');
  return rows;
}

const snapshot = reviewedSnapshot();

function exported(): { raw: string; records: Record<string, string>[] } {
  const [file] = exportCsv(snapshot);
  expect(file?.path).toBe('annotations.csv');
  expect(file?.mediaType).toMatch(/^text\/csv/);
  const raw = file!.content as string;
  const [header, ...rows] = parseCsv(raw.slice(1));
  expect(header).toEqual([...CSV_COLUMNS]);
  return { raw, records: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

describe('CSV export', () => {
  it('is UTF-8 with a BOM, CRLF line ends, and one row per live tag: a deleted tag is never exported', () => {
    const { raw, records } = exported();
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(raw).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(raw.replaceAll('\r\n', '').includes('\r')).toBe(false);
    const deleted = snapshot.annotations.filter((a) => a.deletedAt !== null);
    expect(deleted).toHaveLength(1);
    expect(records).toHaveLength(snapshot.annotations.length - 1);
    expect(records.some((r) => r.annotation_id === deleted[0]!.id)).toBe(false);
  });

  it('starts each row with kind, quote, document, analyst and review status; ids and offsets come last', () => {
    expect(CSV_COLUMNS.slice(0, 5)).toEqual(['kind', 'quote', 'document', 'analyst', 'status']);
    expect(CSV_COLUMNS.slice(-6)).toEqual(['start_utf16', 'end_utf16', 'start_codepoint', 'end_codepoint', 'prefix', 'suffix']);
    const { records } = exported();
    expect(records.find((r) => r.kind === 'Actor')).toMatchObject({ quote: 'Kyrylo Budanov', analyst: 'Ben Reviewer', status: 'rejected', reviewed_by: 'Ben Reviewer' });
    expect(records.find((r) => r.claim_status === 'disputed')).toMatchObject({ kind: 'Claim', analyst: 'Ada Analyst', status: 'accepted' });
    expect(records.find((r) => r.claim_status === 'unverified')).toMatchObject({ status: 'undecided', reviewed_by: '' });
    expect(records.find((r) => r.warning_category === 'ai_generated')).toMatchObject({ kind: 'Reliability warning', document: EMOJI_DOCUMENT.title });
  });

  it('gives offsets in UTF-16 units and in code points, after emoji before the span', () => {
    const figure = exported().records.find((r) => r.kind === 'Figure' && r.figure_unit === 'USD')!;
    expect(figure).toMatchObject({ quote: '$800 billion', start_utf16: '25', end_utf16: '37', start_codepoint: '21', end_codepoint: '33' });
    expect(EMOJI_TEXT.slice(25, 37)).toBe('$800 billion');
    expect(Array.from(EMOJI_TEXT).slice(21, 33).join('')).toBe('$800 billion');
    expect(figure).toMatchObject({ figure_amount: '800', figure_scale: '1000000000', figure_value: '800000000000', figure_unit: 'USD' });
    expect(figure.note).toBe('Headline figure, "rounded"');
    expect(exported().raw).toContain('"Headline figure, ""rounded"""');
  });

  it('writes every attribute column of its kind with registry names', () => {
    const { records } = exported();
    expect(records.find((r) => r.claim_status === 'disputed')).toMatchObject({
      claimant: 'Rustem Umerov',
      analyst: 'Ada Analyst',
      note: 'Contradicted by the decree of 2 January;\nsee the registry.',
    });
    expect(records.find((r) => r.kind === 'Actor')).toMatchObject({ actor: 'Kyrylo Budanov', claim_status: '' });
    expect(records.find((r) => r.warning_category === 'outdated_role')).toMatchObject({
      warning_severity: 'high',
      warning_correction: 'He was reappointed on 2 January, 2026.',
    });
    const documentLevel = records.find((r) => r.warning_category === 'ai_generated')!;
    expect(documentLevel).toMatchObject({ quote: '', start_utf16: '', end_codepoint: '', prefix: '' });
    const multiLine = records.find((r) => r.quote?.includes('\n'))!;
    expect(multiLine.quote).toBe('The fund would reach $800 billion by 2030,\naccording to the draft');
  });

  it('defuses cells a spreadsheet would run as formulas, but keeps numbers as numbers', () => {
    const { records } = exported();
    const claim = records.find((r) => r.claim_status === 'false')!;
    expect(claim.quote).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(claim.note).toBe(`'@SUM(1+1)`);
    expect(claim.document).toBe('CON');
    expect(records.find((r) => r.figure_amount === '380')!.quote).toBe(`'+380`);
    const minus = records.find((r) => r.figure_unit === '°C')!;
    expect(minus).toMatchObject({ quote: `'-14 degrees`, figure_amount: '-14', figure_value: '-14', note: `'-14` });
  });

  it('quotes cells per RFC 4180 and prefixes TAB and CR starts', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('\tcmd')).toBe(`'\tcmd`);
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('=1+1')).toBe(`'=1+1`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(null)).toBe('');
    expect(csvText([['a', 'b'], ['c', null]])).toBe('a,b\r\nc,\r\n');
  });
});

describe('the page column', () => {
  it('gives the page of a PDF the passage starts on, and stays empty for articles without pages', () => {
    const paged = reviewedSnapshot();
    const documents = paged.documents.map((d) =>
      d.id === EMOJI_DOCUMENT.id
        ? { ...d, format: 'pdf' as const, blocks: [{ type: 'paragraph' as const, start: 0, end: 20, page: 3 }, { type: 'paragraph' as const, start: 20, end: d.text.length, page: 4 }] }
        : d,
    );
    const [file] = exportCsv({ ...paged, documents });
    const [header, ...rows] = parseCsv((file?.content as string).slice(1));
    const figure = rows.find((r) => r[header!.indexOf('quote')] === '$800 billion');
    expect(figure?.[header!.indexOf('page')]).toBe('4');
    expect(exported().records.every((r) => r.page === '')).toBe(true);
  });
});

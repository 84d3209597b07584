// Recognising publication dates (date-only lines in text, metadata values in HTML/front matter) as ISO 'YYYY-MM-DD'.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const LABEL = '(?:(?:published|posted|updated|last updated|date|dated)(?:\\s+on)?\\s*:?\\s*)?';
const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\\.?,?\\s+)?';
/** An optional time after the date: "10:00", "T10:00:00Z", ", 10.30 am GMT", "10:00:00 +0100". */
const TIME = '(?:(?:,?\\s*(?:at\\s+)?|T)\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2}(?:\\.\\d+)?)?\\s*(?:[ap]\\.?m\\.?)?\\s*(?:z|utc|gmt|[a-z]{2,4}t|[+-]\\d{2}:?\\d{2})?)?';
const END = `${TIME}\\.?$`;

const NUMERIC_DMY = new RegExp(`^${LABEL}${WEEKDAY}(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4})${END}`, 'i');
const NUMERIC_YMD = new RegExp(`^${LABEL}${WEEKDAY}(\\d{4})([/.\\-])(\\d{1,2})\\2(\\d{1,2})${END}`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^${LABEL}${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(\\d{4})${END}`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${LABEL}${WEEKDAY}${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${END}`, 'i');

/** 'YYYY-MM-DD' when year/month/day form a real calendar date (years 1800–2200), else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The ISO date when `line` is just a date (optionally labelled "Published:", with a weekday or a time):
 * 20/01/2026, 20.1.2026, 2026-01-20, 20 January 2026, January 20, 2026. Numeric dates are read day-first
 * unless that is impossible (01/20/2026 is read as 20 January). Returns null for anything else.
 */
export function parseDateLine(line: string): string | null {
  const s = line.trim();
  if (s.length < 8 || s.length > 80) return null;
  let m = NUMERIC_DMY.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = Number(m[4]);
    if (a <= 12 && b > 12) return isoDate(year, a, b);
    return isoDate(year, b, a);
  }
  m = NUMERIC_YMD.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
  m = DAY_MONTH_YEAR.exec(s);
  if (m) return isoDate(Number(m[3]), monthNumber(m[2]), Number(m[1]));
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return isoDate(Number(m[3]), monthNumber(m[1]), Number(m[2]));
  return null;
}

/**
 * The ISO date of a metadata value: ISO timestamps ("2026-01-21T10:00:00Z" → '2026-01-21', the date as written,
 * no time-zone shift), compact "20260121", or anything `parseDateLine` reads. Null when not a date.
 */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/.exec(s);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T|$)/.exec(s);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return parseDateLine(s);
}

function monthNumber(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase().replace(/\.$/, '')] ?? 0;
}

// Figure suggestions: every quantity in a text, its span and its value read by the figure parser; dates, years,
// times, ordinals, list numbers and reference labels left out.
import { parseFigure, rangeTailLength, type ParsedFigure } from '../model/figure-parser';

export interface FigureMatch {
  start: number;
  end: number;
  figure: ParsedFigure;
}

const NUMBER_WORDS =
  'zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half';
const WORD_NUMBER = `(?:${NUMBER_WORDS})(?:[\\s-]+(?:and\\s+)?(?:${NUMBER_WORDS}|one))*`;
/** A number as written, with what may stand before it (sign, currency) and a scale word after it. */
const CANDIDATE = new RegExp(
  `(?:(?:US\\s?)?[$€£₴₽¥]\\s?|\\b(?:minus|negative)\\s+|[-−](?=\\d))?` +
    `(?:(?<![\\p{L}\\p{N}.,:])\\d+(?:[.,]\\d+)*|\\b${WORD_NUMBER}\\b|\\bone(?=\\s+(?:thousand|million|billion|trillion)\\b))` +
    `(?:\\s?(?:thousand|million|billion|trillion|bn|mn|tn)\\b|[kmb]\\b)?`,
  'giu',
);

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_BEFORE = new RegExp(`\\b(?:${MONTHS})\\.?\\s+$`, 'i');
const DATE_AFTER = new RegExp(`^(?:\\s+(?:${MONTHS})\\b|(?:st|nd|rd|th)?,?\\s+\\d{4}\\b|[/.-]\\d{1,2}[/.-]\\d{2,4})`, 'i');
const LABEL_BEFORE = /\b(?:article|section|chapter|paragraph|clause|resolution|no|nos|number|page|pp?|vol|volume|issue|item|point|part|annex|table|figure|fig|step|phase|round|level|stage|grade|category|class|type|model|version|v|line|route|highway|flight|room|unit|district|region|episode|season|decree|law|order|code|minsk|cop|g|su|f|mig|tu|mk|s)\.?\s*#?$/i;
const TIME_AFTER = /^(?::\d{2}|\s?(?:a\.?m\.?|p\.?m\.?|o'clock|hrs?|gmt|utc|cet|est|kyiv time|moscow time)(?!\p{L}))/iu;
const ORDINAL_AFTER = /^(?:st|nd|rd|th)\b/i;

/** Why the number at [start, end) of `text` is not a quantity (a date, year, time, ordinal, label or list number). */
function notAQuantity(text: string, start: number, end: number, figure: ParsedFigure, written: string): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 24);
  if (DATE_BEFORE.test(before) || DATE_AFTER.test(after) || TIME_AFTER.test(after) || ORDINAL_AFTER.test(after)) return true;
  if (LABEL_BEFORE.test(before)) return true;
  // Part of a link, an identifier or a code: the run of non-space characters around it holds a slash, "@" or a letter-digit mix.
  const chunkStart = text.lastIndexOf(' ', start) + 1;
  const chunk = text.slice(Math.max(chunkStart, text.lastIndexOf('\n', start) + 1), end + (/^\S*/.exec(after)?.[0].length ?? 0));
  if (/[/@_]|:\/\/|www\./.test(chunk)) return true;
  const plainYear = /^\d{4}$/.test(written) && figure.amount >= 1800 && figure.amount <= 2100;
  if (plainYear && figure.scale === 1 && (figure.unit === null || !/^(?:%|[A-Z]{3})$/.test(figure.unit))) return true;
  if (/^\d{4}s$/.test(text.slice(start, end + 1))) return true; // "the 1990s"
  // A list or section number: at the start of a line, followed by "." or ")" ("3. Security guarantees").
  if (/(?:^|\n)\s*$/.test(text.slice(Math.max(0, start - 8), start)) && /^[.)]\s/.test(after)) return true;
  // A section number at the start of a line ("3.1 Key participants").
  if (/(?:^|\n)[ \t]*$/.test(before) && /^\d+\.\d+$/.test(written) && /^ \p{Lu}/u.test(after)) return true;
  // A number that is a whole paragraph on its own: the number of the section or item that follows.
  if (/(?:^|\n[ \t]*\n)[ \t]*$/.test(before) && /^[ \t]*(?:\n[ \t]*\n|$)/.test(after)) return true;
  // Glued to letters ("A320", "5G", "x2"), or the end of a hyphenated word ("COVID-19", "track-two"): a name or a
  // code, not a quantity; a sub-label in parentheses after a number ("Article 2(4)").
  if (/\p{L}$/u.test(before) || /^\p{L}/u.test(after) || /\p{L}[-‐‑]$/u.test(before) || /\d\($/.test(before)) return true;
  return /\[$/.test(before) && /^\]/.test(after); // a reference marker "[12]"
}

/** The pattern of a counted noun as written after its number, remembered: a text counts the same nouns again and again. */
const nounPatterns = new Map<string, RegExp>();
function nounsPattern(unit: string): RegExp {
  let pattern = nounPatterns.get(unit);
  if (pattern === undefined) {
    if (nounPatterns.size >= 10_000) nounPatterns.clear();
    pattern = new RegExp(`^[ \\u00A0]+${unit.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[ \\u00A0]+')}\\b`, 'i');
    nounPatterns.set(unit, pattern);
  }
  return pattern;
}

/** The words of the figure's unit when they follow the number as written (a counted noun, "percent", "US dollars"). */
function unitEnd(text: string, end: number, unit: string | null): number {
  const rest = text.slice(end, end + 60);
  const hyphen = /^-[\p{L}]+/u.exec(rest);
  if (hyphen) return end + hyphen[0].length;
  const symbol = /^\s?(?:%|°\s?[CF]\b|km²|mi²)/u.exec(rest);
  if (symbol) return end + symbol[0].length;
  const word = /^\s(?:per cent|percent|pct|(?:US\s|American\s)?dollars?|euros?|pounds? sterling|hryvnias?|rubles?|roubles?|yen|yuan|degrees? (?:Celsius|Fahrenheit|C|F)|square (?:kilomet(?:re|er)s?|miles?)|kilomet(?:re|er)s?|km|miles?)\b/iu.exec(rest);
  if (word) return end + word[0].length;
  if (unit !== null && /^[a-z][a-z' -]*$/.test(unit)) {
    const nouns = nounsPattern(unit).exec(rest);
    if (nouns) return end + nouns[0].length;
  }
  return end;
}

/** Every quantity in `text`, left to right, none overlapping. */
export function findFigures(text: string): FigureMatch[] {
  const found: FigureMatch[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    const range = rangeTailLength(text.slice(end));
    if (range > 0) {
      end += range;
      const scale = /^\s?(?:thousand|million|billion|trillion|bn|mn|tn)\b/i.exec(text.slice(end));
      if (scale) end += scale[0].length;
    }
    const quote = text.slice(start, end);
    const context = text.slice(start, end + 60);
    const figure = parseFigure(context);
    if (!figure) continue;
    const digits = /\d[\d.,]*/.exec(quote)?.[0] ?? '';
    if (notAQuantity(text, start, start + m[0].length, figure, digits)) {
      CANDIDATE.lastIndex = end;
      continue;
    }
    end = unitEnd(text, end, figure.unit);
    found.push({ start, end, figure });
    CANDIDATE.lastIndex = end;
  }
  return found;
}

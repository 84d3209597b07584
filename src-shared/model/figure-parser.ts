// Owns pre-filling a figure annotation: the first number in a quote (digits, number words, "half", the lower end of a
// range) with its sign, scale word and normalised unit.

export interface ParsedFigure {
  /** The number as written, sign included: "$800 billion" → 800, "-14 degrees" → -14, "2.5 million" → 2.5. */
  amount: number;
  /** Multiplier from a scale word: 1, 1e3 (thousand, k), 1e6 (million, m, mn), 1e9 (billion, bn, b), 1e12 (trillion, tn). */
  scale: number;
  /** amount * scale, rounded to 15 significant digits so float noise never shows. */
  value: number;
  /** ISO currency code, '%', '°C', '°F', 'km', 'mi', 'km²', 'mi²', a counted noun as written (lowercase), or null. */
  unit: string | null;
}

/** A number found in the text: its value (unsigned) and where it sits. */
interface NumberToken {
  amount: number;
  start: number;
  end: number;
}

/** A thing matched at the start of a string: what it means and how many characters it used. */
interface Match<T> {
  meaning: T;
  length: number;
}

const UNITS_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS_WORDS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

const SCALE_WORDS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^\s?(?:thousand)\b/i, 1e3],
  [/^\s?(?:million|mn)\b/i, 1e6],
  [/^\s?(?:billion|bn)\b/i, 1e9],
  [/^\s?(?:trillion|tn)\b/i, 1e12],
  // Single letters only when glued to the number ("$50m", "5k"), so "5 m" is not read as five million.
  [/^k\b/i, 1e3],
  [/^m\b/i, 1e6],
  [/^b\b/i, 1e9],
];

const CURRENCY_CODES = ['USD', 'EUR', 'GBP', 'UAH', 'RUB', 'JPY', 'CNY'] as const;

/** Currency marks written before the number; matched against the text just before it. */
const CURRENCY_PREFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/US\s?\$\s?$/, 'USD'],
  [/\$\s?$/, 'USD'],
  [/€\s?$/, 'EUR'],
  [/£\s?$/, 'GBP'],
  [/₴\s?$/, 'UAH'],
  [/₽\s?$/, 'RUB'],
  [/¥\s?$/, 'JPY'],
  [new RegExp(`\\b(${CURRENCY_CODES.join('|')})\\s?$`), ''],
];

/** Units written after the number (and its scale word). Currency words come first so "US dollars" wins over nouns. */
const UNIT_SUFFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`^\\s?(${CURRENCY_CODES.join('|')})\\b`), ''],
  [/^\s(?:US\s|American\s)?dollars?\b/i, 'USD'],
  [/^\s(?:euros?)\b/i, 'EUR'],
  [/^\s(?:pounds? sterling|sterling)\b/i, 'GBP'],
  [/^\s(?:hryvnias?|hryvnyas?|hryvnia)\b/i, 'UAH'],
  [/^\s(?:rubles?|roubles?)\b/i, 'RUB'],
  [/^\s(?:yen)\b/i, 'JPY'],
  [/^\s(?:yuan|renminbi)\b/i, 'CNY'],
  [/^\s?%/, '%'],
  [/^\s(?:percent|per cent|pct)\b/i, '%'],
  [/^\s?(?:°\s?C\b|℃|degrees? (?:Celsius|C\b))/i, '°C'],
  [/^\s?(?:°\s?F\b|℉|degrees? (?:Fahrenheit|F\b))/i, '°F'],
  [/^\s?(?:square (?:miles?|mi\b)|sq\.? ?(?:miles?|mi)\b|mi²|mi2\b)/i, 'mi²'],
  [/^\s?(?:square (?:kilomet(?:re|er)s?|km\b)|sq\.? ?km\b|km²|km2\b)/i, 'km²'],
  [/^\s?(?:km|kilomet(?:re|er)s?)\b/i, 'km'],
  [/^\s(?:miles?)\b/i, 'mi'],
];

const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'in', 'and', 'or', 'to', 'on', 'at', 'by', 'for', 'from', 'with', 'as', 'than', 'per', 'into',
  'that', 'which', 'who', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'is', 'are', 'was', 'were',
  'be', 'been', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'more', 'less', 'each', 'not',
]);
const IRREGULAR_PLURALS = new Set(['people', 'children', 'men', 'women', 'police', 'personnel', 'staff', 'cattle', 'sheep']);

/** Reads a numeral of digits with thousands/decimal separators at `index`; null when none starts there. */
function readDigits(text: string, index: number): NumberToken | null {
  // Narrow/no-break/thin spaces group thousands only when exactly three digits follow.
  const m = /^\d+(?:[\u00A0\u202F\u2009]\d{3}(?!\d)|[.,]\d+)*/.exec(text.slice(index));
  if (!m) return null;
  const raw = m[0].replace(/[\u00A0\u202F\u2009]/g, '');
  return { amount: numeralValue(raw), start: index, end: index + m[0].length };
}

/** Interprets "1,234.5", "1.234,5", "2,5", "1.234.567": the last of two separator kinds is the decimal mark. */
function numeralValue(raw: string): number {
  const lastDot = raw.lastIndexOf('.');
  const lastComma = raw.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0) decimal = raw.indexOf('.') === lastDot ? '.' : null;
  else if (lastComma >= 0) decimal = raw.indexOf(',') === lastComma && !/,\d{3}$/.test(raw) ? ',' : null;
  const normalised = decimal === '.' ? raw.replaceAll(',', '') : decimal === ',' ? raw.replaceAll('.', '') : raw.replace(/[.,]/g, '');
  return Number(decimal === ',' ? normalised.replace(',', '.') : normalised);
}

/** Reads number words ("ten", "twenty-five", "two hundred and six") at `index`; null when none starts there. */
function readWords(text: string, index: number): NumberToken | null {
  const wordRe = /^([a-z]+)(?:[\s-]+(?:and\s+)?)?/i;
  let hundreds = 0;
  let rest = 0; // the part below one hundred
  let pos = index;
  let end = -1;
  for (let m = wordRe.exec(text.slice(pos)); m; m = wordRe.exec(text.slice(pos))) {
    const word = (m[1] ?? '').toLowerCase();
    const unit = UNITS_WORDS[word];
    const tens = TENS_WORDS[word];
    if (tens !== undefined && rest === 0) rest = tens;
    else if (unit !== undefined && (rest === 0 || (rest >= 20 && rest % 10 === 0 && unit < 10))) rest += unit;
    else if (word === 'hundred' && hundreds === 0 && rest > 0) [hundreds, rest] = [rest * 100, 0];
    else break;
    end = pos + word.length;
    pos += m[0].length;
  }
  if (end < 0) return null;
  const amount = hundreds + rest;
  // A lone "one" is usually a pronoun ("One might observe"); only count it before a scale word.
  if (amount === 1 && !readScale(text.slice(end))) return null;
  return { amount, start: index, end };
}

/** "half" ("half of the budget", "a half") is the amount 0.5. */
function readHalf(text: string): NumberToken | null {
  const m = /\bhalf\b/i.exec(text);
  return m ? { amount: 0.5, start: m.index, end: m.index + m[0].length } : null;
}

/** Finds the first numeral (digits or number words, "half" last of all) in `text`. */
function findNumber(text: string): NumberToken | null {
  const found = findNumeral(text);
  if (found?.start === 0) return found; // nothing can come before it
  const half = readHalf(text);
  return half && (!found || half.start < found.start) ? half : found;
}

const WORD_START = new RegExp(`\\b(?:${[...Object.keys(UNITS_WORDS), ...Object.keys(TENS_WORDS)].join('|')})\\b`, 'gi');

function findNumeral(text: string): NumberToken | null {
  const wordStart = WORD_START;
  wordStart.lastIndex = 0;
  const digit = /\d/.exec(text);
  if (digit?.index === 0) return readDigits(text, 0); // no number word can come before it
  for (let w = wordStart.exec(text); w && (!digit || w.index < digit.index); w = wordStart.exec(text)) {
    const token = readWords(text, w.index);
    if (token) return token;
  }
  return digit ? readDigits(text, digit.index) : null;
}

/** True when the text before `start` makes the number negative ("-14", "−3", "minus ten", "negative 5"). */
function isNegative(before: string): boolean {
  if (/\b(?:minus|negative)\s+$/i.test(before)) return true;
  if (before.endsWith('\u2212')) return true;
  return /(?:^|[^\p{L}\p{N}])-$/u.test(before);
}

/** A scale word right after the number ("billion", "bn", glued "m"), and how many characters it takes. */
function readScale(rest: string): Match<number> | null {
  for (const [re, scale] of SCALE_WORDS) {
    const m = re.exec(rest);
    if (m) return { meaning: scale, length: m[0].length };
  }
  return null;
}

/** A currency mark right before the number, and how many characters it takes. */
function readCurrencyPrefix(before: string): Match<string> | null {
  for (const [re, code] of CURRENCY_PREFIXES) {
    const m = re.exec(before);
    if (m) return { meaning: code || (m[1] ?? ''), length: m[0].length };
  }
  return null;
}

/** A currency, percent, temperature, area or length unit right after the number and its scale word. */
function readUnitSuffix(rest: string): string | null {
  for (const [re, unit] of UNIT_SUFFIXES) {
    const m = re.exec(rest);
    if (m) return unit || (m[1] ?? null);
  }
  return null;
}

/** "28-point plan" → 'point', "1,000-kilometer" → 'km': a word hyphenated onto the number names what is counted. */
function readHyphenNoun(rest: string): string | null {
  const m = /^-([a-z]+)\b/.exec(rest);
  const word = m?.[1];
  if (word === undefined) return null;
  return readUnitSuffix(` ${word}`) ?? word;
}

/** The upper end of a range right after the number ("15-30 years", "15 to 30", "10–12"): how many characters it takes. */
export function rangeTailLength(rest: string): number {
  const m = /^(?:\s?[-–—]\s?|\sto\s)(?:[$€£]\s?)?\d+(?:[.,]\d+)*/.exec(rest);
  return m?.[0].length ?? 0;
}

/** Up to two lowercase non-stop words after the number; stops after a word that looks plural ("drones struck" → 'drones'). */
function readCountedNoun(rest: string): string | null {
  const words: string[] = [];
  const wordRe = /^\s+([a-z][a-z'-]*[a-z]|[a-z])(?![\p{L}\p{N}])/u;
  let pos = 0;
  while (words.length < 2) {
    const m = wordRe.exec(rest.slice(pos));
    const word = m?.[1];
    if (!m || !word || STOP_WORDS.has(word) || word.endsWith('ly')) break;
    words.push(word);
    pos += m[0].length;
    if (IRREGULAR_PLURALS.has(word) || (word.endsWith('s') && !word.endsWith('ss'))) break;
  }
  return words.length > 0 ? words.join(' ') : null;
}

/** Parses the first figure in `quote`; null when the quote holds no number. */
export function parseFigure(quote: string): ParsedFigure | null {
  const token = findNumber(quote);
  if (!token) return null;
  const before = quote.slice(0, token.start);
  const prefix = readCurrencyPrefix(before);
  const negative = isNegative(before.slice(0, before.length - (prefix?.length ?? 0)));
  const amount = negative && token.amount !== 0 ? -token.amount : token.amount;

  // A range keeps its lower end as the amount; its unit is read after the upper end ("15-30 years" → 15 years).
  let rest = quote.slice(token.end);
  rest = rest.slice(rangeTailLength(rest));
  const scaleMatch = readScale(rest);
  const scale = scaleMatch?.meaning ?? 1;
  if (scaleMatch) rest = rest.slice(scaleMatch.length);

  const unit = prefix?.meaning ?? readUnitSuffix(rest) ?? readHyphenNoun(rest) ?? readCountedNoun(rest);
  const product = amount * scale;
  // A whole number below 10^15 has at most 15 digits: rounding it changes nothing (and toPrecision is slow).
  const value = Number.isInteger(product) && Math.abs(product) < 1e15 ? product : Number(product.toPrecision(15));
  return { amount, scale, value, unit };
}

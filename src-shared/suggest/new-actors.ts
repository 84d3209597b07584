// "New actor?" suggestions: capitalised person and organisation names that no registered actor answers to, found by
// compromise (a small, offline, rule-and-lexicon English NLP library that runs in Node and in the browser alike).
import nlp from 'compromise';

export interface NewActorMatch {
  start: number;
  end: number;
  name: string;
  kind: 'person' | 'organisation';
}

interface Span {
  start: number;
  length: number;
}

interface Found {
  text: string;
  offset: Span;
  /** The words of the name with compromise's tags ("FirstName", "LastName" when its lexicon knows the name). */
  terms: { text: string; tags: string[]; offset: Span }[];
}

/** Words title case leaves in lower case ("Putin Vows to Take Donbas by Force"). */
const TITLE_SMALL = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'as', 'vs', 'via', 'into', 'per', 'over']);

/** Whether a passage is written in title case: three capitalised words or more, every other word a small joining word. */
function isTitleCase(passage: string): boolean {
  let capitals = 0;
  for (const raw of passage.split(/\s+/u)) {
    const word = raw.replace(/^[^\p{L}]+/u, '');
    if (!/\p{L}/u.test(word)) continue;
    if (/^\p{Lu}/u.test(word)) capitals++;
    else if (!TITLE_SMALL.has(word)) return false;
  }
  return capitals >= 3;
}

/**
 * Headings and titles: lines in title case ("Putin Rejects Deal, Grinds Forward for Maximal Gains") and quoted
 * titles ("“Why the Ukraine War Will Not End Soon.”"), where a capital says nothing about a name.
 */
export function headingSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+/gu)) {
    if (isTitleCase(m[0])) spans.push({ start: m.index, end: m.index + m[0].length });
    // A quoted title inside a line that is not one.
    else for (const q of m[0].matchAll(/[“"]([^”"]{3,300})[”"]/gu)) if (isTitleCase(q[1] ?? '')) spans.push({ start: m.index + q.index, end: m.index + q.index + q[0].length });
  }
  return spans;
}

/** Whether `offset` lies in one of `spans` (in text order, none overlapping), by binary search. */
function inside(spans: readonly { start: number; end: number }[], offset: number): boolean {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((spans[middle]?.end ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  const span = spans[low];
  return span !== undefined && span.start <= offset;
}

/** Words the text writes with a capital inside a sentence (after a word or a comma) outside headings: names, not headline words. */
function capitalisedInSentences(text: string, headings: readonly { start: number; end: number }[]): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/(?<=[\p{L}\p{N},;)] )\p{Lu}[\p{L}-]*/gu)) {
    if (!inside(headings, m.index)) words.add(m[0]);
  }
  return words;
}

/**
 * A person's name found inside a heading, cut to its leading words that are names: known to compromise's lexicon as
 * a first name or surname, or written with a capital inside a sentence elsewhere in the text ("Putin Rejects Deal" →
 * "Putin"; "Donald Trump Meets" → "Donald Trump"), a known first name with the word after it; null when none is.
 */
function nameInHeading(found: Found, start: number, end: number, isName: (word: string) => boolean): { start: number; end: number } | null {
  let kept = -1;
  let afterFirstName = false;
  for (const term of found.terms) {
    if (term.offset.start < start || term.offset.start + term.offset.length > end + 2) continue;
    const word = term.text.replace(/['’]s$/u, '');
    const firstName = term.tags.includes('FirstName');
    // The word after a known first name is its surname ("Jane Addams Lecture" → "Jane Addams").
    if (!(firstName || afterFirstName || term.tags.includes('LastName') || isName(word))) break;
    kept = term.offset.start + word.length;
    afterFirstName = firstName;
  }
  return kept > start ? { start, end: Math.min(end, kept) } : null;
}

/** Titles compromise keeps in a person's span ("President Donald Trump", "[Secretary of the] Army Daniel Driscoll"): the mention is the name alone. */
const TITLE = /^(?:(?:US|U\.S\.|Ukrainian|Russian|French|German|British|Prime|Foreign|Defen[cs]e|Energy|Vice|Deputy|Special|Senior|Chief|Secretary|President|Minister|Chancellor|Senator|General|Envoy|Ambassador|Spokesman|Spokeswoman|Commander|Director|Chairman|Head|Army|Navy|Treasury|Dr|Mr|Mrs|Ms|Sir|Lord|Lady|King|Queen|Pope|Premier|Governor|Mayor|Colonel|Admiral|of|State)\.?\s+)+/u;
const SMALL = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'de', '&']);

/** Every word capitalised (small joining words aside) and at least one letter: a proper name, not "Ukrainian energy". */
function isProperName(name: string): boolean {
  const words = name.split(/\s+/u);
  return /\p{L}/u.test(name) && words.every((w) => SMALL.has(w) || /^\p{Lu}/u.test(w)) && /^\p{Lu}/u.test(words[0] ?? '');
}

/** What a name's place in the text says about it: whether it lies in a heading, and which words are names. */
interface Context {
  inHeading: (start: number) => boolean;
  isName: (word: string) => boolean;
}

function cleaned(text: string, found: Found, kind: NewActorMatch['kind'], context: Context): NewActorMatch | null {
  let start = found.offset.start;
  let end = start + found.offset.length;
  let written = text.slice(start, end);
  if (kind === 'person') {
    const title = TITLE.exec(written)?.[0] ?? '';
    start += title.length;
    written = written.slice(title.length);
    if (context.inHeading(start)) {
      const name = nameInHeading(found, start, end, context.isName);
      if (!name) return null;
      end = name.end;
      written = text.slice(start, end);
    }
  }
  const possessive = /['’]s$/u.exec(written);
  if (possessive) {
    end -= possessive[0].length;
    written = written.slice(0, -possessive[0].length);
  }
  // A closing bracket that opens nowhere in the name belongs to the text around it: "(the alliance, NATO)".
  const trailing = (written.includes('(') ? /[\s.,;:]+$/u : /[\s.,;:)\]]+$/u).exec(written)?.[0] ?? '';
  end -= trailing.length;
  written = written.slice(0, written.length - trailing.length);
  const name = written.replace(/\s+/gu, ' ');
  // A title alone ("President") or a country's initials ("U.S", a state rather than an organisation) is no new actor.
  if (TITLE.test(`${name} `) || /^(?:U\.?S\.?A?|U\.?K\.?)$/u.test(name)) return null;
  return end > start && isProperName(name) ? { start, end, name, kind } : null;
}

/**
 * A list compromise took for one name ("Kyiv Independent, International Crisis Group", "Vladimir Putin—Steve
 * Witkoff"): each name of it; a name run on past the end of a quoted sentence ("in Davos.” BBC World Service") is
 * the name after it.
 */
function listed(found: Found): Found[] {
  const parts: Found[] = [];
  const separator = /,\s+|\s*[—–]\s*|[.!?][”"’]\s+/gu;
  let at = 0;
  for (let m = separator.exec(found.text); ; m = separator.exec(found.text)) {
    const end = m ? m.index : found.text.length;
    const start = found.offset.start + at;
    const terms = found.terms.filter((t) => t.offset.start >= start && t.offset.start < found.offset.start + end);
    // The words before the end of a sentence are the end of that sentence, not a name of their own.
    if (end > at && !/^[.!?]/u.test(m?.[0] ?? '')) parts.push({ text: found.text.slice(at, end), offset: { start, length: end - at }, terms });
    if (!m) return parts;
    at = m.index + m[0].length;
  }
}

/** compromise's own sentence splitter (the one `nlp(text)` starts with): cheap, rules and regular expressions only. */
interface Tokenizer {
  one: { tokenize: { splitSentences: (text: string, world: object) => string[] } };
}

/** About how many characters of text compromise reads in one go: a few tens of milliseconds on a quiet machine. */
export const SECTION_CHARS = 8000;

/**
 * `text` cut into runs of whole sentences (as compromise splits them) of at most `size` characters each (or one
 * longer sentence). compromise tags each sentence on its own, so reading these sections one by one finds what
 * reading the whole text at once finds.
 */
export function nameSections(text: string, size = SECTION_CHARS): { start: number; end: number }[] {
  const sentences = (nlp.methods() as Tokenizer).one.tokenize.splitSentences(text, nlp.world());
  // The splitter keeps every character; were it ever not to, the offsets would be wrong: the text is one section.
  if (sentences.join('') !== text) return [{ start: 0, end: text.length }];
  const sections: { start: number; end: number }[] = [];
  let at = 0;
  for (const sentence of sentences) {
    const end = at + sentence.length;
    const last = sections[sections.length - 1];
    if (last && end - last.start <= size) last.end = end;
    else sections.push({ start: at, end });
    at = end;
  }
  return sections;
}

/** The names compromise finds in one section of `text`, in text order, people before organisations at one place. */
function namesInSection(text: string, section: { start: number; end: number }, context: Context): NewActorMatch[] {
  // compromise reads "Trump’s" (a curly apostrophe) as no name; the straight one keeps every offset where it was.
  const doc = nlp(text.slice(section.start, section.end).replace(/’/gu, "'"));
  const json = { offset: true, terms: { offset: true } };
  const shift = (span: Span): Span => ({ start: span.start + section.start, length: span.length });
  const inText = (found: Found): Found => ({ ...found, offset: shift(found.offset), terms: found.terms.map((t) => ({ ...t, offset: shift(t.offset) })) });
  const people = (doc.people().json(json) as Found[]).map(inText).flatMap(listed).map((f) => cleaned(text, f, 'person', context));
  const organisations = (doc.organizations().json(json) as Found[]).map(inText).flatMap(listed).map((f) => cleaned(text, f, 'organisation', context));
  return [...people, ...organisations].filter((m): m is NewActorMatch => m !== null).sort((a, b) => a.start - b.start);
}

/** What a name's place in `text` says about it, read from the whole text (whatever section the name is in). */
function contextOf(text: string): Context {
  const headings = headingSpans(text);
  let names: Set<string> | undefined;
  return {
    inHeading: (start) => inside(headings, start),
    isName: (word) => (names ??= capitalisedInSentences(text, headings)).has(word),
  };
}

/**
 * Finding the names of one text section by section, so that a caller can let other work in between
 * (`while (!scan.done) scan.step()`); `found` is what `findNamedActors` answers once every section is read. The
 * text is let go once read.
 */
export class NamedActorScan {
  private reading: { text: string; sections: readonly { start: number; end: number }[]; context: Context } | null;
  private readonly names: NewActorMatch[] = [];
  private next = 0;
  private readonly total: number;

  /** `sectionChars`: how long a section may be (Infinity: the whole text at once). */
  constructor(text: string, sectionChars = SECTION_CHARS) {
    const sections = nameSections(text, sectionChars);
    this.total = sections.length;
    this.reading = sections.length > 0 ? { text, sections, context: contextOf(text) } : null;
  }

  get done(): boolean {
    return this.reading === null;
  }

  /** How many sections there are, and how many are read. */
  get progress(): { done: number; total: number } {
    return { done: this.next, total: this.total };
  }

  /** Reads the next section. */
  step(): void {
    if (!this.reading) return;
    const { text, sections, context } = this.reading;
    const section = sections[this.next++];
    if (section) this.names.push(...namesInSection(text, section, context));
    if (this.next >= sections.length) this.reading = null;
  }

  /** The names of the whole text, in text order (reading what is left first). */
  get found(): readonly NewActorMatch[] {
    while (!this.done) this.step();
    return this.names;
  }
}

/** Person and organisation names in `text` as compromise finds them, titles and possessives cut off. */
export function findNamedActors(text: string): NewActorMatch[] {
  return [...new NamedActorScan(text).found];
}

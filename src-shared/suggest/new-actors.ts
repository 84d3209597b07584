// "New actor?" suggestions: capitalised person and organisation names that no registered actor answers to, found by
// compromise (a small, offline, rule-and-lexicon English NLP library that runs in Node and in the browser alike).
import nlp from 'compromise';

export interface NewActorMatch {
  start: number;
  end: number;
  name: string;
  kind: 'person' | 'organisation';
}

interface Found {
  text: string;
  offset: { start: number; length: number };
}

/** Titles compromise keeps in a person's span ("President Donald Trump"): the mention is the name alone. */
const TITLE = /^(?:(?:US|U\.S\.|Ukrainian|Russian|French|German|British|Prime|Foreign|Defen[cs]e|Energy|Vice|Deputy|Special|Senior|Chief|Secretary|President|Minister|Chancellor|Senator|General|Envoy|Ambassador|Spokesman|Spokeswoman|Commander|Director|Chairman|Head|Dr|Mr|Mrs|Ms|Sir|Lord|Lady|King|Queen|Pope|Premier|Governor|Mayor|Colonel|Admiral|of|State)\.?\s+)+/u;
const SMALL = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'de', '&']);

/** Every word capitalised (small joining words aside) and at least one letter: a proper name, not "Ukrainian energy". */
function isProperName(name: string): boolean {
  const words = name.split(/\s+/u);
  return /\p{L}/u.test(name) && words.every((w) => SMALL.has(w) || /^\p{Lu}/u.test(w)) && /^\p{Lu}/u.test(words[0] ?? '');
}

function cleaned(text: string, found: Found, kind: NewActorMatch['kind']): NewActorMatch | null {
  let start = found.offset.start;
  let end = start + found.offset.length;
  let written = text.slice(start, end);
  if (kind === 'person') {
    const title = TITLE.exec(written)?.[0] ?? '';
    start += title.length;
    written = written.slice(title.length);
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

/** A list compromise took for one name ("Kyiv Independent, International Crisis Group"): each name of it. */
function listed(found: Found): Found[] {
  const parts: Found[] = [];
  const separator = /,\s+/gu;
  let at = 0;
  for (let m = separator.exec(found.text); ; m = separator.exec(found.text)) {
    const end = m ? m.index : found.text.length;
    parts.push({ text: found.text.slice(at, end), offset: { start: found.offset.start + at, length: end - at } });
    if (!m) return parts;
    at = m.index + m[0].length;
  }
}

/** Person and organisation names in `text` as compromise finds them, titles and possessives cut off. */
export function findNamedActors(text: string): NewActorMatch[] {
  // compromise reads "Trump’s" (a curly apostrophe) as no name; the straight one keeps every offset where it was.
  const doc = nlp(text.replace(/’/gu, "'"));
  const people = (doc.people().json({ offset: true }) as Found[]).flatMap(listed).map((f) => cleaned(text, f, 'person'));
  const organisations = (doc.organizations().json({ offset: true }) as Found[]).flatMap(listed).map((f) => cleaned(text, f, 'organisation'));
  return [...people, ...organisations].filter((m): m is NewActorMatch => m !== null).sort((a, b) => a.start - b.start);
}

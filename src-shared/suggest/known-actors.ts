// Suggestions of registered actors: every name and alias found in a text by one combined matcher over its words.
import { fold, type Token } from './fold';
import { isOtherSpelling } from './spelling';
import type { SuggestActor } from './types';

/** One way an actor can be written: its words (folded, initials left out) and why it counts. */
interface NamePattern {
  actor: SuggestActor;
  words: string[];
  /** A surname alone ("Budanov" for "Kyrylo Budanov"): offered only where the text writes it with a capital. */
  surname: boolean;
}

/** A name found in the text. */
export interface ActorMatch {
  actor: SuggestActor;
  start: number;
  end: number;
  reason: string;
  /** Set when a word was spelled differently from every registered name: the spelling as written. */
  otherSpelling?: string;
}

/** An initial in a name ("J." in "Donald J. Trump", "J.J." in "Mearsheimer, J.J."): one or two letters, dotted. */
function isInitial(folded: string): boolean {
  // One letter (one or two UTF-16 units), or two with a dot between: the length and the dot spare most words the pattern.
  if (folded.length > 5 || (folded.length > 2 && !folded.includes('.'))) return false;
  return /^\p{L}(?:\.\p{L})?$/u.test(folded);
}

function nameWords(name: string): string[] {
  return fold(name)
    .split(/[^\p{L}\p{N}.]+/u)
    .map((w) => w.replace(/\.+$/u, ''))
    .filter((w) => w !== '');
}

/** The initials after a surname in a reference list: ", J.J.", ", V.", ", E.-M.". */
const REFERENCE_INITIALS = /^,[ \u00A0]?\p{Lu}\.(?:[ \u00A0]?-?\p{Lu}\.)*/u;

/** Whether tokens `a` and `b` are neighbours in one name: only white space, a line break or a hyphen between them (and an initial's dot). */
function joins(text: string, tokens: readonly Token[], a: number, b: number): boolean {
  const left = tokens[a];
  const right = tokens[b];
  if (!left || !right) return false;
  const gap = text.slice(left.end, right.start);
  return gap.length <= 4 && (isInitial(left.folded) ? /^\.?[\s\-‐‑]+$/u : /^[\s\-‐‑]+$/u).test(gap);
}

/** Lower-case words a personal name may hold ("Ursula von der Leyen", "Mohammed bin Salman"). */
const NAME_PARTICLES = new Set(['al', 'bin', 'da', 'de', 'del', 'della', 'der', 'di', 'dos', 'du', 'el', 'ibn', 'la', 'le', 'ten', 'ter', 'van', 'von', 'y']);

/** A name whose last word can stand for the person: not a title or role ("Head of the Presidential Office"). */
function looksLikePersonalName(name: string): boolean {
  const words = name.trim().split(/\s+/u);
  return words.length <= 5 && words.every((w) => NAME_PARTICLES.has(w) || !/^\p{Ll}/u.test(w));
}

/** The combined matcher for a set of actors: patterns indexed by their first word, built once, run on any text. */
export class ActorMatcher {
  private readonly byFirst = new Map<string, NamePattern[]>();
  private readonly firstWords: string[] = [];
  private readonly variants = new Map<string, string[]>();
  private readonly spellings = new Map<string, Map<string, boolean>>();

  constructor(actors: readonly SuggestActor[]) {
    const surnameOwners = new Map<string, Set<string>>();
    const patterns: NamePattern[] = [];
    for (const actor of actors) {
      for (const name of [actor.name, ...actor.aliases]) {
        const all = nameWords(name);
        const words = all.length > 1 ? all.filter((w) => !isInitial(w)) : all;
        if (words.length === 0) continue;
        patterns.push({ actor, words, surname: false });
        for (const word of words) {
          let owners = surnameOwners.get(word);
          if (!owners) surnameOwners.set(word, (owners = new Set()));
          owners.add(actor.id);
        }
      }
    }
    for (const actor of actors) {
      if (actor.kind !== 'person') continue;
      const surnames = new Set([actor.name, ...actor.aliases].filter(looksLikePersonalName).map((n) => nameWords(n).filter((w) => !isInitial(w))).filter((w) => w.length > 1).map((w) => w[w.length - 1] ?? ''));
      for (const surname of surnames) {
        const owners = surnameOwners.get(surname);
        if (surname.length > 1 && owners?.size === 1) patterns.push({ actor, words: [surname], surname: true });
      }
    }
    for (const pattern of patterns) {
      const first = pattern.words[0] ?? '';
      const list = this.byFirst.get(first);
      if (list) {
        if (!list.some((p) => p.actor.id === pattern.actor.id && p.words.join(' ') === pattern.words.join(' '))) list.push(pattern);
      } else {
        this.byFirst.set(first, [pattern]);
        this.firstWords.push(first);
      }
    }
  }

  /** Registered first words that `folded` may be another spelling of (cached: a corpus repeats its words). */
  private variantsOf(folded: string): string[] {
    let found = this.variants.get(folded);
    if (found === undefined) {
      found = folded.length >= 4 ? this.firstWords.filter((w) => isOtherSpelling(folded, w)) : [];
      this.variants.set(folded, found);
    }
    return found;
  }

  /** isOtherSpelling, remembered: the same pairs of words come back in every sentence. */
  private otherSpelling(written: string, registered: string): boolean {
    // Words starting with different letters are never other spellings (isOtherSpelling's first test): most pairs.
    if (written[0] !== registered[0]) return false;
    let forWritten = this.spellings.get(written);
    if (forWritten === undefined) this.spellings.set(written, (forWritten = new Map()));
    let known = forWritten.get(registered);
    if (known === undefined) forWritten.set(registered, (known = isOtherSpelling(written, registered)));
    return known;
  }

  /** Where `pattern` matches the tokens from `index` on: the end offset and whether a word was another spelling. */
  private matchAt(text: string, tokens: readonly Token[], index: number, pattern: NamePattern): { end: number; variant: boolean; last: number } | null {
    let variant = false;
    let t = index;
    for (let w = 0; w < pattern.words.length; w++) {
      const expected = pattern.words[w] ?? '';
      if (w > 0) {
        // The next word is neither the expected one, an initial nor another spelling: no need to look at the gap.
        const ahead = tokens[t + 1];
        if (!ahead || (ahead.folded !== expected && !isInitial(ahead.folded) && (!ahead.capital || !this.otherSpelling(ahead.folded, expected)))) return null;
        let previous = t;
        let next = t + 1;
        // Middle initials between the words of a name: "Donald J. Trump".
        while (next - t <= 2 && isInitial(tokens[next]?.folded ?? '') && !isInitial(expected) && joins(text, tokens, previous, next)) previous = next++;
        if (!joins(text, tokens, previous, next)) return null;
        t = next;
      }
      const token = tokens[t];
      if (!token) return null;
      if (token.folded !== expected) {
        if (!token.capital || !this.otherSpelling(token.folded, expected)) return null;
        variant = true;
      }
    }
    const lastToken = tokens[t];
    if (!lastToken) return null;
    if (pattern.surname && !(tokens[index]?.capital ?? false)) return null;
    return { end: lastToken.end, variant, last: t };
  }

  /** Every mention of a registered actor in `text` (tokens from tokensOf), left to right, longest match first. */
  find(text: string, tokens: readonly Token[]): ActorMatch[] {
    const matches: ActorMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      const exact = this.byFirst.get(token.folded) ?? [];
      // Another spelling is tried even where the word starts a registered name: "Kirill Budanov" for "Kyrylo
      // Budanov" while "Kirill Dmitriev" is registered too.
      const others = token.capital ? this.variantsOf(token.folded).flatMap((w) => this.byFirst.get(w) ?? []) : [];
      let best: { pattern: NamePattern; end: number; variant: boolean; last: number } | null = null;
      for (const pattern of [...exact, ...others]) {
        const found = this.matchAt(text, tokens, i, pattern);
        if (!found) continue;
        const better =
          !best || found.end > best.end || (found.end === best.end && ((!found.variant && best.variant) || (!pattern.surname && best.pattern.surname)));
        if (better) best = { pattern, ...found };
      }
      if (!best) continue;
      const written = text.slice(token.start, best.end).replace(/\s+/gu, ' ');
      // A reference-list form, "Mearsheimer, J.J." or "Zelenskyy, V.": a surname written alone, its initials after a comma.
      if (best.last === i && best.pattern.actor.kind === 'person') {
        const initials = REFERENCE_INITIALS.exec(text.slice(best.end, best.end + 16));
        if (initials) {
          best.end += initials[0].length;
          while ((tokens[best.last + 1]?.end ?? Infinity) <= best.end) best.last++;
        }
      }
      const reason = best.variant ? 'possible other spelling' : best.pattern.surname ? `surname of “${best.pattern.actor.name}”` : 'registered name';
      matches.push({
        actor: best.pattern.actor,
        start: token.start,
        end: best.end,
        reason,
        ...(best.variant ? { otherSpelling: written } : {}),
      });
      i = best.last;
    }
    return matches;
  }
}

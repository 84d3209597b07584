// Roles that disagree: the role words written next to an actor's tagged mentions, collected per actor across documents.
import type { Finding } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import { wordSpans, type TextSpan } from '../../../src-shared/text/segment';
import { foldWord } from '../search/tokens';
import { evidenceOf, findingKey, type CheckInput } from './evidence';

/** Nouns that name an office or a job: a role phrase holds one. */
const ROLE_NOUNS = new Set(
  'minister president secretary chief head director commander envoy envoys chairman chairwoman chair spokesman spokeswoman spokesperson adviser advisor ambassador general leader premier mayor governor senator chancellor officer'.split(' '),
);
/** Words that shape a role before its noun ("former", "deputy", "intelligence chief", "Defense Minister"). */
const ROLE_MODIFIERS = new Set('former deputy acting vice intelligence defense defence foreign security national prime military special top senior'.split(' '));
/** Words a role phrase keeps out of its key: nationalities and articles, which do not change the role. */
const NEUTRAL = new Set('the a an u s us uk ukrainian ukraine russian russia american british french german'.split(' '));
/** How far before and after a mention the role is looked for. */
const WINDOW = 160;
/** At most this many words in a role phrase. */
const MAX_WORDS = 12;

export interface RoleMention {
  annotation: Annotation;
  actorId: string;
  /** The role as written ("Defense Minister", "Secretary of the National Security and Defense Council"). */
  role: string;
  /** The role compared: folded words without nationalities and articles. */
  key: string;
}

const isRoleWord = (word: string) => ROLE_NOUNS.has(foldWord(word)) || ROLE_MODIFIERS.has(foldWord(word));
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

/** The role compared: folded words without nationalities and articles. */
export function roleKey(role: string): string {
  return (role.match(/[\p{L}\p{M}]+/gu) ?? []).map(foldWord).filter((w) => !NEUTRAL.has(w)).join(' ');
}

/** The mention widened over the actor's own name words next to it ("Rustem" before a tagged "Umerov", "J." in "Donald J. Trump"). */
function widened(text: string, span: TextSpan, nameWords: ReadonlySet<string>): TextSpan {
  const before = wordSpans(text, Math.max(0, span.start - WINDOW), span.start);
  const after = wordSpans(text, span.end, Math.min(text.length, span.end + WINDOW));
  let { start, end } = span;
  for (let i = before.length - 1; i >= 0; i -= 1) {
    const word = before[i];
    if (!word || !/^[\s.]*$/u.test(text.slice(word.end, start))) break;
    const w = text.slice(word.start, word.end);
    if (!nameWords.has(foldWord(w)) && !/^\p{Lu}$/u.test(w)) break;
    start = word.start;
  }
  for (const word of after) {
    if (!/^\s*$/u.test(text.slice(end, word.start))) break;
    if (!nameWords.has(foldWord(text.slice(word.start, word.end)))) break;
    end = word.end;
  }
  return { start, end };
}

/** A role phrase directly before the name: capitalised or role words, from the first role word on, holding a role noun. */
function roleBefore(text: string, start: number): string | null {
  const words = wordSpans(text, Math.max(0, start - WINDOW), start);
  let from = -1;
  let at = start;
  for (let i = words.length - 1; i >= 0 && words.length - i <= MAX_WORDS; i -= 1) {
    const word = words[i];
    if (!word) break;
    const gap = text.slice(word.end, at);
    const w = text.slice(word.start, word.end);
    const abbreviation = /^\p{Lu}(\.\p{Lu})*$/u.test(w) && /^\.\s+$/u.test(gap);
    if (!/^\s+$/u.test(gap) && !abbreviation) break;
    if (!isRoleWord(w) && !isCapitalised(w)) break;
    if (isRoleWord(w)) from = word.start;
    at = word.start;
  }
  if (from < 0) return null;
  const role = text.slice(from, start).trim();
  return (role.match(/[\p{L}]+/gu) ?? []).some((w) => ROLE_NOUNS.has(foldWord(w))) ? role : null;
}

/** An apposition after the name: ", Secretary of the National Security and Defense Council", up to the next punctuation. */
function roleAfter(text: string, end: number): string | null {
  const match = /^,\s+([^,.;:()\n]{2,160})/u.exec(text.slice(end, end + WINDOW));
  const phrase = match?.[1]?.trim();
  if (!phrase) return null;
  const words = phrase.match(/[\p{L}]+/gu) ?? [];
  if (words.length > MAX_WORDS || !words[0] || !isRoleWord(words[0]) || !words.some((w) => ROLE_NOUNS.has(foldWord(w)))) return null;
  return phrase;
}

/** Every role written next to a tagged mention of a registry actor. */
export function roleMentions(input: CheckInput): RoleMention[] {
  const mentions: RoleMention[] = [];
  for (const annotation of input.annotations) {
    if (annotation.kind !== 'actor' || annotation.attributes.actorId === null || !annotation.target) continue;
    const actorId = annotation.attributes.actorId;
    const text = input.documents.get(annotation.documentId)?.text ?? '';
    const nameWords = new Set((input.actorNames.get(actorId) ?? []).flatMap((name) => (name.match(/[\p{L}\p{M}]+/gu) ?? []).map(foldWord)));
    const span = widened(text, annotation.target, nameWords);
    for (const role of [roleBefore(text, span.start), roleAfter(text, span.end)]) {
      if (role !== null && roleKey(role) !== '') mentions.push({ annotation, actorId, role, key: roleKey(role) });
    }
  }
  return mentions;
}

/** One finding per actor whose mentions carry two or more different roles. */
export function disagreeingRoles(input: CheckInput, mentions: readonly RoleMention[]): Finding[] {
  const byActor = new Map<string, RoleMention[]>();
  for (const mention of mentions) byActor.set(mention.actorId, [...(byActor.get(mention.actorId) ?? []), mention]);
  const findings: Finding[] = [];
  for (const [actorId, list] of byActor) {
    const roles = new Map<string, string>();
    for (const m of list) if (!roles.has(m.key)) roles.set(m.key, m.role);
    if (roles.size < 2) continue;
    const name = input.actorNames.get(actorId)?.[0] ?? actorId;
    findings.push({
      key: findingKey('roles', list.map((m) => `${m.annotation.id}:${m.key}`)),
      rule: 'roles',
      summary: `${name} is given ${roles.size} different roles: ${[...roles.values()].sort((x, y) => x.localeCompare(y, 'en')).map((r) => `“${r}”`).join(', ')}.`,
      suggestedCategory: 'outdated_role',
      evidence: list.map((m) => evidenceOf(input, m.annotation, m.role)),
      dismissed: false,
    });
  }
  return findings;
}

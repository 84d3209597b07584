// Measures suggestions against a hand-annotated gold list: person mentions after registering one mention of each
// person, and figures with their value on untagged text. Shared by the quality test and the benchmark.
import type { SuggestActor, SuggestDocument } from './types';
import { computeSuggestions } from './index';

export interface GoldSpan {
  quote: string;
  nth: number;
}
export interface GoldDocument {
  file: string;
  persons: { person: string; mentions: GoldSpan[] }[];
  figures: (GoldSpan & { value: number; unit: string | null })[];
}

/** Where the `nth` occurrence of `quote` starts in `text`; throws when the gold list does not fit the text. */
function offsetOf(text: string, span: GoldSpan): number {
  let at = -1;
  for (let i = 0; i < span.nth; i++) {
    at = text.indexOf(span.quote, at + 1);
    if (at < 0) throw new Error(`gold “${span.quote}” #${span.nth} is not in the text`);
  }
  return at;
}

export interface Score {
  gold: number;
  suggested: number;
  correct: number;
  recall: number;
  precision: number;
}

function score(gold: number, suggested: number, correct: number): Score {
  return { gold, suggested, correct, recall: gold === 0 ? 1 : correct / gold, precision: suggested === 0 ? 1 : correct / suggested };
}

/** Pairs each suggested figure with an unmatched gold figure it overlaps that has its value: how many pairs there are. */
function matchFigures(suggested: readonly { key: string; start: number; end: number; value: number }[], gold: readonly { key: string; start: number; end: number; value: number }[]): number {
  const used = new Set<number>();
  let matched = 0;
  for (const s of suggested) {
    const at = gold.findIndex((g, i) => !used.has(i) && g.key === s.key && g.start < s.end && s.start < g.end && g.value === s.value);
    if (at === -1) continue;
    used.add(at);
    matched++;
  }
  return matched;
}

/**
 * Persons: the first mention of each person (in the order the documents are given) is tagged and linked to an actor
 * registered under the person's name; every other mention should be suggested for that actor. A suggestion is correct
 * when its span and actor are a gold mention's. Figures, on untagged text: a suggestion is correct when it overlaps a
 * gold quantity (matched once) and carries its value.
 */
export function measure(documents: readonly (GoldDocument & { text: string })[]): { persons: Score; figures: Score } {
  const actors: SuggestActor[] = [];
  const byPerson = new Map<string, string>();
  const tags: { documentId: string; kind: string; start: number; end: number }[] = [];
  for (const d of documents) {
    for (const p of d.persons) {
      const first = p.mentions[0];
      if (byPerson.has(p.person) || !first) continue;
      const id = `actor-${actors.length}`;
      actors.push({ id, name: p.person, kind: 'person', aliases: [] });
      byPerson.set(p.person, id);
      const start = offsetOf(d.text, first);
      tags.push({ documentId: d.file, kind: 'actor', start, end: start + first.quote.length });
    }
  }
  const docs: SuggestDocument[] = documents.map((d) => ({ id: d.file, textHash: d.file, text: d.text }));
  const personGold = new Map<string, string>();
  const figureGold: { key: string; start: number; end: number; value: number }[] = [];
  for (const d of documents) {
    for (const p of d.persons) {
      for (const m of p.mentions) {
        const start = offsetOf(d.text, m);
        if (tags.some((t) => t.documentId === d.file && t.start === start)) continue;
        personGold.set(`${d.file}:${start}:${start + m.quote.length}`, byPerson.get(p.person) ?? '');
      }
    }
    for (const f of d.figures) {
      const start = offsetOf(d.text, f);
      figureGold.push({ key: d.file, start, end: start + f.quote.length, value: f.value });
    }
  }
  // Known actors only: "new actor?" offers names no registered actor has, which this protocol does not score.
  const actorSuggestions = computeSuggestions({ documents: docs, actors, tags, rejected: new Set(), kind: 'actor', newActors: false });
  const personsCorrect = actorSuggestions.filter((s) => personGold.get(`${s.documentId}:${s.start}:${s.end}`) === s.actorId).length;
  const figureSuggestions = computeSuggestions({ documents: docs, actors: [], tags: [], rejected: new Set(), kind: 'figure' }).map((s) => {
    const a = s.attributes as { amount: number; scale: number };
    return { key: s.documentId, start: s.start, end: s.end, value: Number((a.amount * a.scale).toPrecision(15)) };
  });
  return {
    persons: score(personGold.size, actorSuggestions.length, personsCorrect),
    figures: score(figureGold.length, figureSuggestions.length, matchFigures(figureSuggestions, figureGold)),
  };
}

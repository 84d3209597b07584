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

/**
 * Persons: one mention of each person (its name as the gold list spells it, else its first full name as written) is
 * registered as the actor and tagged; every other mention should be suggested for that actor. A suggestion is correct when its span and actor
 * are a gold mention's. Figures: every suggested figure against the gold spans, correct with the right value.
 */
export function measure(documents: readonly (GoldDocument & { text: string })[]): { persons: Score; figures: Score } {
  const actors: SuggestActor[] = [];
  const byPerson = new Map<string, string>();
  const tags: { documentId: string; kind: string; start: number; end: number }[] = [];
  for (const d of documents) {
    for (const p of d.persons) {
      if (byPerson.has(p.person)) continue;
      // The mention registered is the person's name as the gold list spells it, else the first full name as written.
      const named = p.mentions.find((m) => m.quote === p.person) ?? p.mentions.find((m) => m.quote.includes(' '));
      if (!named) continue;
      const id = `actor-${actors.length}`;
      actors.push({ id, name: named.quote, kind: 'person', aliases: [] });
      byPerson.set(p.person, id);
      const start = offsetOf(d.text, named);
      tags.push({ documentId: d.file, kind: 'actor', start, end: start + named.quote.length });
    }
  }
  const docs: SuggestDocument[] = documents.map((d) => ({ id: d.file, textHash: d.file, text: d.text }));
  const personGold = new Map<string, string>();
  const figureGold = new Map<string, number>();
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
      figureGold.set(`${d.file}:${start}:${start + f.quote.length}`, f.value);
    }
  }
  // Known actors only: "new actor?" offers name no registered actor, which this protocol does not score.
  const actorSuggestions = computeSuggestions({ documents: docs, actors, tags, rejected: new Set(), kind: 'actor', newActors: false });
  const personsCorrect = actorSuggestions.filter((s) => personGold.get(`${s.documentId}:${s.start}:${s.end}`) === s.actorId).length;
  const figureSuggestions = computeSuggestions({ documents: docs, actors: [], tags: [], rejected: new Set(), kind: 'figure' });
  const figuresCorrect = figureSuggestions.filter((s) => {
    const value = figureGold.get(`${s.documentId}:${s.start}:${s.end}`);
    const a = s.attributes as { amount: number; scale: number } | undefined;
    return value !== undefined && a !== undefined && Number((a.amount * a.scale).toPrecision(15)) === value;
  }).length;
  return {
    persons: score(personGold.size, actorSuggestions.length, personsCorrect),
    figures: score(figureGold.size, figureSuggestions.length, figuresCorrect),
  };
}

// The actor registry's figures, worked out from the project's tags: each actor's mentions, duplicates, what a combine moves.
import { actorNameKey, actorNames, type Actor } from '../../../src-shared/model/actor';
import type { Annotation } from '../../../src-shared/model/annotation';

/** One tag naming an actor: an actor tag linked to it, or a claim whose claimant it is. */
export interface Mention {
  annotationId: string;
  documentId: string;
  role: 'actor' | 'claimant';
  /** The tagged passage (null for a claim about the whole document, which cannot happen today but costs nothing). */
  quote: string | null;
}

/** The documents whose tags are counted, with their live (not deleted) tags. */
export interface TaggedDocument {
  id: string;
  title: string;
  annotations: readonly Annotation[];
}

/** Every live tag naming each actor, in document order then text order. */
export function mentionsByActor(documents: readonly TaggedDocument[]): Map<string, Mention[]> {
  const byActor = new Map<string, Mention[]>();
  const add = (actorId: string | null, mention: Mention) => {
    if (actorId === null) return;
    const list = byActor.get(actorId);
    if (list) list.push(mention);
    else byActor.set(actorId, [mention]);
  };
  for (const doc of documents) {
    const tags = [...doc.annotations].filter((a) => a.deletedAt === null).sort((a, b) => (a.target?.start ?? -1) - (b.target?.start ?? -1));
    for (const tag of tags) {
      const base = { annotationId: tag.id, documentId: doc.id, quote: tag.target?.exact ?? null };
      if (tag.kind === 'actor') add(tag.attributes.actorId, { ...base, role: 'actor' });
      else if (tag.kind === 'claim') add(tag.attributes.claimantId, { ...base, role: 'claimant' });
    }
  }
  return byActor;
}

/** Mentions grouped per document, in the order the documents are given. */
export function mentionsPerDocument(mentions: readonly Mention[], documents: readonly { id: string; title: string }[]): { id: string; title: string; mentions: Mention[] }[] {
  return documents
    .map((d) => ({ id: d.id, title: d.title, mentions: mentions.filter((m) => m.documentId === d.id) }))
    .filter((d) => d.mentions.length > 0);
}

/** The other actors that answer to one of `actor`'s names (the same spelling, ignoring case and accents). */
export function sameNamedActors(actor: Actor, actors: readonly Actor[]): Actor[] {
  const keys = new Set(actorNames(actor).map(actorNameKey));
  return actors.filter((other) => other.id !== actor.id && actorNames(other).some((n) => keys.has(actorNameKey(n))));
}

/** Groups of two or more registry actors that share a name or an alias (what a merge of two registries can leave). */
export function duplicateActorGroups(actors: readonly Actor[]): Actor[][] {
  const seen = new Set<string>();
  const groups: Actor[][] = [];
  for (const actor of actors) {
    if (seen.has(actor.id)) continue;
    // Follow shared names transitively, so that A~B and B~C are one group.
    const group: Actor[] = [actor];
    for (let i = 0; i < group.length; i++) {
      const current = group[i];
      if (!current) break;
      for (const other of sameNamedActors(current, actors)) if (!group.includes(other)) group.push(other);
    }
    if (group.length < 2) continue;
    for (const member of group) seen.add(member.id);
    groups.push(group);
  }
  return groups;
}

export interface CombinePreview {
  /** The names of the actor that goes that the kept one gains as aliases. */
  newAliases: string[];
  /** Its tags that will name the kept actor instead. */
  retagged: number;
  /** In how many documents. */
  documents: number;
}

/** What combining `merge` into `keep` moves: names that become aliases, tags that are relinked. */
export function combinePreview(keep: Actor, merge: Actor, mentions: readonly Mention[]): CombinePreview {
  const known = new Set(actorNames(keep).map(actorNameKey));
  const newAliases: string[] = [];
  for (const name of actorNames(merge)) {
    const key = actorNameKey(name);
    if (known.has(key)) continue;
    known.add(key);
    newAliases.push(name);
  }
  return { newAliases, retagged: mentions.length, documents: new Set(mentions.map((m) => m.documentId)).size };
}

/** ““Kyrylo Budanov” is in the registry twice.” for the actors sharing a name, with the first of them; null when none do. */
export function duplicateActorsNotice(actors: readonly Actor[]): { text: string; firstId: string } | null {
  const groups = duplicateActorGroups(actors);
  const first = groups[0]?.[0];
  if (!first) return null;
  const times = (n: number) => (n === 2 ? 'twice' : `${n} times`);
  const parts = groups.map((g) => `“${g[0]?.name ?? ''}” is in the registry ${times(g.length)}`);
  return { text: `${parts.join('; ')}: combine them if they are one actor.`, firstId: first.id };
}

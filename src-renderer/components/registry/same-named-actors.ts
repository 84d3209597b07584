// Actors that share a name or an alias (what merging two registries can leave), and how to say so.
import { actorNameKey, actorNames, type Actor } from '../../../src-shared/model/actor';

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

/** ““Kyrylo Budanov” is in the registry twice.” for the actors sharing a name, with the first of them; null when none do. */
export function duplicateActorsNotice(actors: readonly Actor[]): { text: string; firstId: string } | null {
  const groups = duplicateActorGroups(actors);
  const first = groups[0]?.[0];
  if (!first) return null;
  const times = (n: number) => (n === 2 ? 'twice' : `${n} times`);
  const parts = groups.map((g) => `“${g[0]?.name ?? ''}” is in the registry ${times(g.length)}`);
  return { text: `${parts.join('; ')}: combine them if they are one actor.`, firstId: first.id };
}

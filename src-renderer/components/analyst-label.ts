// How an analyst is named in pickers and lists: the name, and an id prefix when another analyst has the same name.
import type { Analyst } from '../../src-shared/api/contract';

/** The first characters of an analyst's id, shown to tell same-named analysts apart. */
export function idPrefix(id: string): string {
  return id.slice(0, 8);
}

/** “Ben” when the name is unique among `all`, “Ben (1a2b3c4d)” when another analyst is called Ben too. */
export function analystLabel(analyst: Analyst, all: readonly Analyst[]): string {
  const key = analyst.name.trim().toLowerCase();
  const shared = all.some((other) => other.id !== analyst.id && other.name.trim().toLowerCase() === key);
  return shared ? `${analyst.name} (${idPrefix(analyst.id)})` : analyst.name;
}

/** “1 tag”, “1,234 tags”. */
export function tagCount(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'tag' : 'tags'}`;
}

// The Suggestions panel's model: suggestions grouped by the actor they name (registered or new) or by kind, with
// counts in the open document and in the project, flattened into the rows of a virtualised list.
import type { Suggestion } from '../../../src-shared/suggest/types';
import type { AcceptAllScope } from '../../hooks/use-suggestions';

export type GroupSection = 'known' | 'new' | 'figure' | 'claim';

export interface SuggestionGroup {
  id: string;
  label: string;
  section: GroupSection;
  /** What "accept all" takes (without a document: everywhere). */
  scope: AcceptAllScope;
  /** Its suggestions in the open document, in text order. */
  here: Suggestion[];
  /** Its suggestions in the whole project, document by document. */
  everywhere: Suggestion[];
  /** How many documents hold at least one of them. */
  documents: number;
}

export type SuggestionRow = { type: 'group'; group: SuggestionGroup; collapsed: boolean } | { type: 'item'; group: SuggestionGroup; suggestion: Suggestion };

const SECTION_ORDER: readonly GroupSection[] = ['known', 'new', 'figure', 'claim'];

function groupOf(s: Suggestion): Omit<SuggestionGroup, 'here' | 'everywhere' | 'documents'> {
  if (s.kind === 'figure') return { id: 'figure', label: 'Figures', section: 'figure', scope: { kind: 'figure' } };
  if (s.kind === 'claim') return { id: 'claim', label: 'Claims', section: 'claim', scope: { kind: 'claim' } };
  if (s.source === 'new-actor') {
    const name = s.actor ?? s.quote;
    return { id: `new:${name}`, label: name, section: 'new', scope: { kind: 'actor', newActor: name } };
  }
  return { id: `actor:${s.actorId ?? ''}`, label: s.actor ?? s.quote, section: 'known', scope: { kind: 'actor', ...(s.actorId ? { actorId: s.actorId } : {}) } };
}

/**
 * The groups of the project's suggestions; the open document's are taken from `inDocument` (fetched first, so the
 * freshest). Known actors first, then new names, each by how often they are suggested; then figures, then claims.
 */
export function groupSuggestions(inDocument: readonly Suggestion[], inProject: readonly Suggestion[], documentId: string | null): SuggestionGroup[] {
  const groups = new Map<string, SuggestionGroup>();
  const add = (s: Suggestion, where: 'here' | 'everywhere') => {
    const base = groupOf(s);
    let group = groups.get(base.id);
    if (!group) groups.set(base.id, (group = { ...base, here: [], everywhere: [], documents: 0 }));
    group[where].push(s);
  };
  for (const s of inDocument) add(s, 'here');
  // The project's list holds the open document's suggestions as they are now, in that document's place.
  let placed = false;
  for (const s of inProject) {
    if (s.documentId !== documentId) add(s, 'everywhere');
    else if (!placed) {
      placed = true;
      for (const own of inDocument) add(own, 'everywhere');
    }
  }
  if (!placed) for (const own of inDocument) add(own, 'everywhere');
  for (const group of groups.values()) group.documents = new Set(group.everywhere.map((s) => s.documentId)).size;
  return [...groups.values()].sort(
    (a, b) =>
      SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section) ||
      b.here.length - a.here.length ||
      b.everywhere.length - a.everywhere.length ||
      a.label.localeCompare(b.label),
  );
}

/** The list's rows: each group's header, then (unless collapsed) its suggestions in the chosen scope. */
export function rowsOf(groups: readonly SuggestionGroup[], scope: 'document' | 'project', collapsed: ReadonlySet<string>): SuggestionRow[] {
  const rows: SuggestionRow[] = [];
  for (const group of groups) {
    const items = scope === 'document' ? group.here : group.everywhere;
    if (items.length === 0) continue;
    const closed = collapsed.has(group.id);
    rows.push({ type: 'group', group, collapsed: closed });
    if (!closed) for (const suggestion of items) rows.push({ type: 'item', group, suggestion });
  }
  return rows;
}

// How the tag table words its cells, its filters and its export's file name (pure, shared by the table and its hook).
import type { TagGroup, TagTableFilters } from '../../../src-shared/api/contract';
import { KIND_LABELS } from '../../../src-shared/model/annotation';

/** A figure's value as people read it: “800 billion USD”, “1.5 million people”, “42 %”. */
export function formatValue(value: number | null, unit: string | null): string {
  if (value === null) return '';
  const scales: readonly [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  const [size, word] = scales.find(([s]) => Math.abs(value) >= s) ?? [1, ''];
  const amount = (value / size).toLocaleString('en-US', { maximumFractionDigits: 2 });
  return [amount, word, unit ?? ''].filter(Boolean).join(' ');
}

/** The date part of a timestamp (the table's date column). */
export function formatDate(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/** The filter a grouping's group stands for (all of them undone with null). */
export function groupFilter(grouping: 'actor' | 'status' | 'unit', group: TagGroup | null): Partial<TagTableFilters> {
  const value = group?.value ?? undefined;
  if (grouping === 'actor') return { actorId: value };
  if (grouping === 'status') return { statuses: value === undefined ? undefined : [value as NonNullable<TagTableFilters['statuses']>[number]] };
  return { unit: value };
}

/** Names the filters for people: “figures, in USD, “billion””; empty when nothing is filtered. */
export function describeFilters(filters: TagTableFilters, names: { actor: (id: string) => string; analyst: (id: string) => string; document: (id: string) => string }): string {
  const parts: string[] = [];
  if (filters.kinds) parts.push(filters.kinds.map((k) => `${KIND_LABELS[k].toLowerCase()}s`).join(' and '));
  if (filters.analystIds) parts.push(`by ${filters.analystIds.map(names.analyst).join(' or ')}`);
  if (filters.actorId) parts.push(names.actor(filters.actorId));
  if (filters.statuses) parts.push(filters.statuses.join(' or '));
  if (filters.reviews) parts.push(filters.reviews.join(' or '));
  if (filters.documentId) parts.push(`in ${names.document(filters.documentId)}`);
  if (filters.unit) parts.push(`in ${filters.unit}`);
  if (filters.text) parts.push(`“${filters.text}”`);
  return parts.join(', ');
}

/** The export's file name: the project's, “tags”, and the filters in file-name-safe words (“Talks-tags-figures-in-USD.csv”). */
export function tableExportName(projectName: string, description: string): string {
  const safe = (text: string) => text.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/gu, '');
  const filter = safe(description).slice(0, 80).replace(/-+$/u, '');
  return `${safe(projectName) || 'project'}-tags${filter ? `-${filter}` : ''}.csv`;
}

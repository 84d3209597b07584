// The tag table's filter bar: free text, kind, analyst, actor (those the tags name), status, review, document, unit, and the grouping.
import type { Analyst, DocumentRow, TagTableFilters as Filters } from '../../../src-shared/api/contract';
import type { TagGrouping, TagTableState } from '../../hooks/use-tag-table';
import { analystLabel } from '../analyst-label';
import { KIND_LABELS, KIND_ORDER } from '../kinds';

type Status = NonNullable<Filters['statuses']>[number];
type Review = NonNullable<Filters['reviews']>[number];
const STATUSES: readonly { value: Status; label: string }[] = [
  { value: 'unverified', label: 'Claim: unverified' },
  { value: 'supported', label: 'Claim: supported' },
  { value: 'disputed', label: 'Claim: disputed' },
  { value: 'false', label: 'Claim: false' },
  { value: 'low', label: 'Warning: low' },
  { value: 'medium', label: 'Warning: medium' },
  { value: 'high', label: 'Warning: high' },
];
const REVIEWS: readonly Review[] = ['accepted', 'rejected', 'undecided'];
const GROUPINGS: readonly { value: TagGrouping; label: string }[] = [
  { value: 'actor', label: 'By actor' },
  { value: 'status', label: 'By claim status' },
  { value: 'unit', label: 'Figures by unit' },
];

/** A select whose first option, "" , means no filter. */
function FilterSelect(props: { label: string; value: string | undefined; all: string; options: readonly { value: string; label: string }[]; onChange: (value: string | undefined) => void }) {
  return (
    <label className="table-filter">
      <span>{props.label}</span>
      <select aria-label={props.label} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TagTableFilters(props: { table: TagTableState; analysts: readonly Analyst[]; documents: readonly DocumentRow[] }) {
  const { table } = props;
  const { filters, setFilter } = table;
  return (
    <div className="table-filters" role="search" aria-label="Filter the tags">
      <label className="table-filter table-filter-text">
        <span>Text</span>
        <input type="search" aria-label="Text" value={table.text} placeholder="in quotes and notes" onChange={(e) => table.setText(e.target.value)} />
      </label>
      <FilterSelect
        label="Kind"
        all="All kinds"
        value={filters.kinds?.[0]}
        options={KIND_ORDER.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        onChange={(v) => setFilter({ kinds: v === undefined ? undefined : [v as (typeof KIND_ORDER)[number]] })}
      />
      <FilterSelect
        label="Analyst"
        all="All analysts"
        value={filters.analystIds?.[0]}
        options={props.analysts.map((a) => ({ value: a.id, label: analystLabel(a, props.analysts) }))}
        onChange={(v) => setFilter({ analystIds: v === undefined ? undefined : [v] })}
      />
      <FilterSelect label="Actor" all="All actors" value={filters.actorId} options={table.taggedActors.flatMap((g) => (g.value === null ? [] : [{ value: g.value, label: g.label }]))} onChange={(v) => setFilter({ actorId: v })} />
      <FilterSelect label="Status" all="Any status" value={filters.statuses?.[0]} options={STATUSES} onChange={(v) => setFilter({ statuses: v === undefined ? undefined : [v as Status] })} />
      <FilterSelect
        label="Review"
        all="Any decision"
        value={filters.reviews?.[0]}
        options={REVIEWS.map((r) => ({ value: r, label: r }))}
        onChange={(v) => setFilter({ reviews: v === undefined ? undefined : [v as Review] })}
      />
      <FilterSelect label="Document" all="All documents" value={filters.documentId} options={props.documents.map((d) => ({ value: d.id, label: d.title }))} onChange={(v) => setFilter({ documentId: v })} />
      <label className="table-filter table-filter-unit">
        <span>Unit</span>
        <input aria-label="Unit" value={filters.unit ?? ''} placeholder="USD" onChange={(e) => setFilter({ unit: e.target.value.trim() === '' ? undefined : e.target.value.trim() })} />
      </label>
      <FilterSelect label="Group" all="No groups" value={table.grouping ?? undefined} options={GROUPINGS} onChange={(v) => table.groupBy((v as TagGrouping | undefined) ?? null)} />
    </div>
  );
}

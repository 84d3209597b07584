// The tag table's grouped view: each actor, claim status or unit with its count (and figures' values); choosing one filters the table.
import type { TagGroup } from '../../../src-shared/api/contract';
import type { TagTableState } from '../../hooks/use-tag-table';
import { groupFilter, formatValue } from './tag-table-format';

const NONE: Readonly<Record<'actor' | 'status' | 'unit', string>> = { actor: 'no actor', status: 'no status', unit: 'no unit' };

function isChosen(table: TagTableState, group: TagGroup): boolean {
  if (!table.grouping) return false;
  const filter = groupFilter(table.grouping, group);
  const key = Object.keys(filter)[0] as keyof typeof filter;
  return JSON.stringify(table.filters[key]) === JSON.stringify(filter[key]);
}

export function TagGroups({ table }: { table: TagTableState }) {
  const grouping = table.grouping;
  if (!grouping) return null;
  const anyChosen = table.groups.some((g) => isChosen(table, g));
  return (
    <section className="table-groups" aria-label="Groups">
      <ul>
        <li>
          <button type="button" aria-pressed={!anyChosen} onClick={() => table.chooseGroup(null)}>
            All groups <span className="count">{table.groups.reduce((n, g) => n + g.count, 0).toLocaleString('en-US')}</span>
          </button>
        </li>
        {table.groups.map((group) => (
          <li key={group.value ?? ''}>
            <button type="button" aria-pressed={isChosen(table, group)} disabled={group.value === null} onClick={() => table.chooseGroup(group)}>
              <span className="group-label">{group.label || NONE[grouping]}</span> <span className="count">{group.count.toLocaleString('en-US')}</span>
              {grouping === 'unit' && group.minValue !== null && (
                <span className="group-values">
                  {formatValue(group.minValue, group.value)} – {formatValue(group.maxValue, group.value)}; total {formatValue(group.totalValue, group.value)}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

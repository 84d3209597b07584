// The project's tags in one table (all documents): filters, groups, the virtualised grid and the CSV export of what it shows.
import { useCallback } from 'react';
import type { Analyst, TagRow } from '../../../src-shared/api/contract';
import type { Actor } from '../../../src-shared/model/actor';
import type { Client } from '../../api/client';
import { useDocumentRows } from '../../hooks/use-document-rows';
import { useTagTable } from '../../hooks/use-tag-table';
import { analystLabel } from '../analyst-label';
import { TagGrid } from './TagGrid';
import { TagGroups } from './TagGroups';
import { TagTableFilters } from './TagTableFilters';
import { describeFilters } from './tag-table-format';
import '../../styles/table.css';

export function TagTableView(props: {
  client: Client;
  /** Grows with every change to the project: the table asks again. */
  revision: number;
  projectName: string;
  analysts: readonly Analyst[];
  actors: readonly Actor[];
  /** Opens the row's document with its tag selected. */
  onOpen: (row: TagRow) => void;
  onClose: () => void;
  /** Confirms where the export went. */
  onSaved: (text: string) => void;
  onError: (error: unknown) => void;
}) {
  const table = useTagTable(props.client, props.revision, props.onError);
  const { analysts, actors } = props;
  const documents = useDocumentRows(props.client, props.revision, props.onError);
  const describe = useCallback(
    (filters: Parameters<typeof describeFilters>[0]) =>
      describeFilters(filters, {
        actor: (id) => actors.find((a) => a.id === id)?.name ?? id,
        analyst: (id) => {
          const analyst = analysts.find((a) => a.id === id);
          return analyst ? analystLabel(analyst, analysts) : id;
        },
        document: (id) => documents.find((d) => d.id === id)?.title ?? id,
      }),
    [actors, analysts, documents],
  );
  const filtered = describe(table.filters);
  const exportCsv = () =>
    table.exportCsv(props.projectName, describe).then((name) => props.onSaved(`Exported “${name}” (${(table.total ?? 0).toLocaleString('en-US')} tags) to your downloads.`), props.onError);
  return (
    <main className="tag-table" aria-label="Tag table">
      <div className="pane-header tag-table-header">
        {/* The page's one heading while the table stands in for the article. */}
        <h1>
          Tags in the project <span className="count" aria-live="polite">{table.total === null ? 'loading…' : `${table.total.toLocaleString('en-US')}${filtered ? ` — ${filtered}` : ''}`}</span>
        </h1>
        <div className="tag-table-actions">
          <button type="button" onClick={table.clearFilters} disabled={filtered === '' && table.text === ''}>Clear filters</button>
          <button type="button" onClick={() => void exportCsv()} disabled={!table.total} title="Save the rows shown as CSV, with the export's columns">Export CSV</button>
          <button type="button" onClick={props.onClose} title="Back to the article">Close</button>
        </div>
      </div>
      <TagTableFilters table={table} analysts={analysts} documents={documents} />
      <div className="tag-table-body">
        <TagGroups table={table} />
        <TagGrid table={table} onOpen={props.onOpen} />
      </div>
    </main>
  );
}

// Left pane: the project's documents with date and tag counts by kind, and a filter box.
import { useMemo, useState } from 'react';
import type { DocumentSummary } from '../../src-shared/api/contract';
import { KIND_LABELS, KIND_ORDER, SHORT_LABELS } from './kinds';

export function DocumentList({ documents, currentId, onOpen }: { documents: readonly DocumentSummary[]; currentId: string | null; onOpen: (id: string) => void }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q === '' ? documents : documents.filter((d) => `${d.title} ${d.author ?? ''} ${d.outlet ?? ''}`.toLowerCase().includes(q));
  }, [documents, filter]);
  return (
    <nav className="documents" aria-label="Documents">
      <div className="pane-header">
        <h2>Documents <span className="count">{documents.length}</span></h2>
        <input type="search" placeholder="Filter documents" aria-label="Filter documents" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <ul className="document-list">
        {shown.map((d) => (
          <li key={d.id}>
            <button className={`document-item${d.id === currentId ? ' current' : ''}`} aria-current={d.id === currentId ? 'page' : undefined} onClick={() => onOpen(d.id)}>
              <span className="document-title">{d.title}</span>
              <span className="document-meta">{d.publishedAt ?? 'no date'}{d.outlet ? ` · ${d.outlet}` : ''}</span>
              <span className="kind-counts">
                {KIND_ORDER.map((kind) => (
                  <span key={kind} className={`kind-chip chip-${kind}`} title={`${d.tagCounts[kind]} ${KIND_LABELS[kind].toLowerCase()} tags`}>
                    {SHORT_LABELS[kind].slice(0, 1)} {d.tagCounts[kind]}
                  </span>
                ))}
              </span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="empty">{documents.length === 0 ? 'No documents yet: import articles to start.' : 'No document matches the filter.'}</li>}
      </ul>
    </nav>
  );
}

// The Suggestions tab: the project's suggestions grouped by actor and kind with counts here and in the project, each
// accepted or rejected in place, or all of a group at once after a preview of how many (one undo step).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Client } from '../../api/client';
import { useDocumentRows } from '../../hooks/use-document-rows';
import type { Suggestion } from '../../../src-shared/suggest/types';
import type { AcceptAllScope, SuggestionsModel } from '../../hooks/use-suggestions';
import '../../styles/suggestions.css';
import { groupSuggestions, rowsOf, type SuggestionGroup, type SuggestionRow } from './suggestion-groups';

interface Preview {
  scope: AcceptAllScope;
  label: string;
  where: string;
  count: number;
}

const SECTION_TITLES = { known: 'Known actor', new: 'New actor?', figure: 'Figures', claim: 'Claims' } as const;

function what(s: Suggestion): string {
  if (s.kind === 'figure') {
    const a = s.attributes as { amount?: number; scale?: number; unit?: string | null } | undefined;
    const value = a?.amount !== undefined ? (a.amount * (a.scale ?? 1)).toLocaleString('en') : '';
    return [value, a?.unit ?? ''].filter(Boolean).join(' ');
  }
  if (s.kind === 'claim') return `said by ${s.actor ?? 'someone'}`;
  return s.reason;
}

export function SuggestionsPanel(props: { model: SuggestionsModel; client: Client; revision: number; currentDocumentId: string | null; onError: (error: unknown) => void }) {
  const { model, currentDocumentId } = props;
  const [scope, setScope] = useState<'document' | 'project'>('document');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const { watchProject } = model;
  useEffect(() => watchProject(), [watchProject]);
  const documents = useDocumentRows(props.client, props.revision, props.onError);
  const titles = useMemo(() => new Map<string, string>(documents.map((d) => [d.id, d.title])), [documents]);
  const groups = useMemo(() => groupSuggestions(model.inDocument, model.inProject, currentDocumentId), [model.inDocument, model.inProject, currentDocumentId]);
  const rows = useMemo(() => rowsOf(groups, scope, collapsed), [groups, scope, collapsed]);
  const projectTotal = groups.reduce((n, g) => n + g.everywhere.length, 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.type === 'group' ? 64 : 46),
    overscan: 8,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : row.type === 'group' ? `g:${row.group.id}` : `s:${row.suggestion.key}`;
    },
  });

  const toggle = (id: string) =>
    setCollapsed((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const askAcceptAll = async (group: SuggestionGroup, everywhere: boolean) => {
    const chosen: AcceptAllScope = { ...group.scope, ...(everywhere || currentDocumentId === null ? {} : { documentId: currentDocumentId }) };
    try {
      setBusy(true);
      const count = await model.previewAll(chosen);
      const label = group.section === 'known' || group.section === 'new' ? group.label : group.label.toLowerCase();
      setPreview({ scope: chosen, label, where: everywhere ? `in all documents (${group.documents})` : 'in this document', count });
    } catch (error) {
      props.onError(error);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    await model.acceptAll(preview.scope, preview.label);
    setBusy(false);
    setPreview(null);
  };

  const renderRow = (row: SuggestionRow) => {
    if (row.type === 'group') {
      const { group } = row;
      return (
        <div className={`suggestion-group section-${group.section}`}>
          <button className="suggestion-group-title" aria-expanded={!row.collapsed} onClick={() => toggle(group.id)}>
            <span aria-hidden="true">{row.collapsed ? '▸' : '▾'}</span> <span className="suggestion-group-name">{group.label}</span>
            {group.section === 'known' || group.section === 'new' ? <span className="suggestion-section"> {SECTION_TITLES[group.section]}</span> : null}
            <span className="suggestion-counts">
              {group.here.length} here · {group.everywhere.length} in project
            </span>
          </button>
          <div className="suggestion-group-actions">
            <button disabled={busy || group.here.length === 0} onClick={() => void askAcceptAll(group, false)}>
              Accept all here
            </button>
            <button disabled={busy} onClick={() => void askAcceptAll(group, true)}>
              Accept all in all documents
            </button>
          </div>
        </div>
      );
    }
    const s = row.suggestion;
    const focused = s.key === model.focusedKey;
    return (
      <div className={`suggestion-item suggestion-${s.kind}${focused ? ' focused' : ''}`}>
        <button className="suggestion-open" onClick={() => model.open(s)} title={`Show it in the article (${s.reason})`}>
          <span className="tag-quote">“{s.quote.replace(/\s+/g, ' ')}”</span>
          <span className="suggestion-why">
            {what(s)}
            {scope === 'project' ? ` · ${titles.get(s.documentId) ?? 'a document'}` : ''}
          </span>
        </button>
        <button className="suggestion-accept" aria-label={`Accept suggestion “${s.quote}”`} title="Accept: it becomes your tag" onClick={() => void model.accept([s])}>
          ✓
        </button>
        <button className="suggestion-reject" aria-label={`Reject suggestion “${s.quote}”`} title="Reject: it is not suggested again" onClick={() => void model.reject([s])}>
          ✕
        </button>
      </div>
    );
  };

  return (
    <section className="suggestions" aria-label="Suggestions">
      <header className="pane-header">
        <h2>Suggestions</h2>
        <p className="suggestion-totals">
          {model.inDocument.length} in this document · {projectTotal} in the project
        </p>
        <div className="suggestion-scope" role="radiogroup" aria-label="List the suggestions of">
          {(['document', 'project'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name="suggestion-scope" checked={scope === s} onChange={() => setScope(s)} /> {s === 'document' ? 'This document' : 'All documents'}
            </label>
          ))}
        </div>
        {preview && (
          <div className="suggestion-preview" role="alertdialog" aria-label="Accept all">
            <p>
              {preview.count === 0
                ? `No suggestions for ${preview.label} ${preview.where} now.`
                : `Accept ${preview.count} suggestion${preview.count === 1 ? '' : 's'} for ${preview.label} ${preview.where}? They become your tags; one undo takes them all back.`}
            </p>
            <div>
              {preview.count > 0 && (
                <button className="primary" disabled={busy} onClick={() => void confirm()} autoFocus>
                  Accept {preview.count}
                </button>
              )}
              <button onClick={() => setPreview(null)}>{preview.count > 0 ? 'Cancel' : 'Close'}</button>
            </div>
          </div>
        )}
      </header>
      {rows.length === 0 ? (
        <p className="empty">{scope === 'document' ? 'No suggestions in this document.' : 'No suggestions in the project.'}</p>
      ) : (
        <div className="suggestion-list" ref={scrollRef}>
          <ul aria-label="Suggested tags" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index] as SuggestionRow;
              return (
                <li key={item.key} data-index={item.index} ref={virtualizer.measureElement} style={{ transform: `translateY(${item.start}px)` }}>
                  {renderRow(row)}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

// Review mode: the bar above the panes — which document and which two analysts, bulk acceptance, undo/redo, leaving.
import type { Analyst, DocumentSummary } from '../../../src-shared/api/contract';

function AnalystSelect(props: { letter: 'A' | 'B'; analysts: readonly Analyst[]; value: string; other: string; onChange: (id: string) => void }) {
  return (
    <label className="review-field">
      <span>Analyst {props.letter}</span>
      <select aria-label={`Analyst ${props.letter}`} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.value === '' && <option value="">Choose…</option>}
        {props.analysts.map((a) => (
          <option key={a.id} value={a.id} disabled={a.id === props.other}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ReviewToolbar(props: {
  documents: readonly Pick<DocumentSummary, 'id' | 'title'>[];
  documentId: string;
  analysts: readonly Analyst[];
  analystA: string;
  analystB: string;
  onDocument: (id: string) => void;
  onAnalysts: (analystA: string, analystB: string) => void;
  busy: boolean;
  agreedPending: number;
  onAcceptAgreed: () => void;
  onUndoRedo: (which: 'undo' | 'redo') => void;
  onClose: () => void;
}) {
  return (
    <div className="review-bar" role="toolbar" aria-label="Review">
      <h1 className="review-title">Review</h1>
      <label className="review-field review-document">
        <span>Document</span>
        <select aria-label="Document" value={props.documentId} onChange={(e) => props.onDocument(e.target.value)}>
          {props.documents.map((d) => (
            <option key={d.id} value={d.id}>{d.title}</option>
          ))}
        </select>
      </label>
      <AnalystSelect letter="A" analysts={props.analysts} value={props.analystA} other={props.analystB} onChange={(id) => props.onAnalysts(id, props.analystB)} />
      <AnalystSelect letter="B" analysts={props.analysts} value={props.analystB} other={props.analystA} onChange={(id) => props.onAnalysts(props.analystA, id)} />
      <span className="review-bar-spacer" />
      <button
        onClick={props.onAcceptAgreed}
        disabled={props.busy || props.agreedPending === 0}
        title="Accept both tags of every agreement that is not decided yet, in one step"
      >
        ✓ Accept all agreed{props.agreedPending > 0 ? ` (${props.agreedPending})` : ''}
      </button>
      <button onClick={() => props.onUndoRedo('undo')} disabled={props.busy} title="Undo the last change (Ctrl/Cmd+Z)">Undo</button>
      <button onClick={() => props.onUndoRedo('redo')} disabled={props.busy} title="Redo (Ctrl/Cmd+Shift+Z)">Redo</button>
      <button className="primary" onClick={props.onClose}>Back to the workbench</button>
    </div>
  );
}

// Review mode: the bar above the panes — which document and which two analysts, bulk acceptance, undo/redo, leaving.
import type { Analyst, DocumentSummary } from '../../../src-shared/api/contract';
import { analystLabel } from '../analyst-label';
import { ProjectFileButton } from '../ProjectFileButton';
import type { TeammateFile } from './use-teammate-file';

function AnalystOptions({ analysts, other }: { analysts: readonly Analyst[]; other: string }) {
  return analysts.map((a) => (
    <option key={a.id} value={a.id} disabled={a.id === other}>
      {analystLabel(a, analysts)}
    </option>
  ));
}

function AnalystSelect(props: {
  letter: 'A' | 'B';
  analysts: readonly Analyst[];
  /** A teammate's file whose analysts B can also be (in a group of their own). */
  teammate?: TeammateFile | null;
  value: string;
  other: string;
  onChange: (id: string) => void;
}) {
  const { teammate } = props;
  return (
    <label className="review-field">
      <span>Analyst {props.letter}</span>
      <select aria-label={`Analyst ${props.letter}`} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.value === '' && <option value="">Choose…</option>}
        {teammate ? (
          <>
            <optgroup label="This project">
              <AnalystOptions analysts={props.analysts} other={props.other} />
            </optgroup>
            <optgroup label={`In “${teammate.fileName}” (read-only)`}>
              <AnalystOptions analysts={teammate.analysts} other="" />
            </optgroup>
          </>
        ) : (
          <AnalystOptions analysts={props.analysts} other={props.other} />
        )}
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
  /** The teammate's file open for comparison, its documents marked in the list; null when none. */
  teammate: TeammateFile | null;
  /** True while B is one of the teammate's analysts: decisions are off. */
  readOnly: boolean;
  onOpenTeammateFile: (file: File) => void;
  onCloseTeammateFile: () => void;
  busy: boolean;
  agreedPending: number;
  onAcceptAgreed: () => void;
  onUndoRedo: (which: 'undo' | 'redo') => void;
  onClose: () => void;
}) {
  const inFile = new Set(props.teammate?.documents.map((d) => d.documentId));
  return (
    <div className="review-bar" role="toolbar" aria-label="Review">
      <h1 className="review-title">Review</h1>
      <label className="review-field review-document">
        <span>Document</span>
        <select aria-label="Document" value={props.documentId} onChange={(e) => props.onDocument(e.target.value)}>
          {props.documents.map((d) => (
            <option key={d.id} value={d.id} disabled={props.readOnly && !inFile.has(d.id)}>
              {d.title}
              {props.readOnly && !inFile.has(d.id) ? ' (not in the teammate’s file)' : ''}
            </option>
          ))}
        </select>
      </label>
      <AnalystSelect letter="A" analysts={props.analysts} value={props.analystA} other={props.analystB} onChange={(id) => props.onAnalysts(id, props.analystB)} />
      <AnalystSelect
        letter="B"
        analysts={props.analysts}
        teammate={props.teammate}
        value={props.analystB}
        other={props.analystA}
        onChange={(id) => props.onAnalysts(props.analystA, id)}
      />
      <div className="review-teammate">
        <ProjectFileButton
          label="Teammate’s file…"
          title="Compare with the tags in a teammate’s project file, read-only, without merging it"
          inputLabel="Teammate’s project file to compare"
          disabled={props.busy}
          onFile={props.onOpenTeammateFile}
        />
        {props.teammate && (
          <button className="link" onClick={props.onCloseTeammateFile} title={`Stop comparing with “${props.teammate.fileName}”`} aria-label={`Close “${props.teammate.fileName}”`}>
            ✕
          </button>
        )}
      </div>
      <span className="review-bar-spacer" />
      <button
        onClick={props.onAcceptAgreed}
        disabled={props.busy || props.readOnly || props.agreedPending === 0}
        title={props.readOnly ? 'B’s tags are in a teammate’s file: merge it to decide on them' : 'Accept both tags of every agreement that is not decided yet, in one step'}
      >
        ✓ Accept all agreed{props.agreedPending > 0 ? ` (${props.agreedPending})` : ''}
      </button>
      <button onClick={() => props.onUndoRedo('undo')} disabled={props.busy} title="Undo the last change (Ctrl/Cmd+Z)">Undo</button>
      <button onClick={() => props.onUndoRedo('redo')} disabled={props.busy} title="Redo (Ctrl/Cmd+Shift+Z)">Redo</button>
      <button className="primary" onClick={props.onClose}>Back to the workbench</button>
    </div>
  );
}

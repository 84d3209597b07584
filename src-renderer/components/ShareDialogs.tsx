// Sharing from the workbench: export in a standard format, save the project as one file, merge a teammate's file.
import { useState } from 'react';
import type { ExportFormat, MergePreview } from '../../src-shared/api/contract';
import { KIND_LABELS } from '../../src-shared/model/annotation';
import { ApiError, type Client } from '../api/client';
import { downloadFrom, saveFile } from '../api/save-file';
import type { LongRequests } from '../hooks/use-long-request';
import { duplicateActorsNotice } from './registry/same-named-actors';

const FORMATS: readonly { format: ExportFormat; label: string; detail: string }[] = [
  { format: 'html', label: 'Report (HTML)', detail: 'readable and printable to PDF: warnings, claims, figures, actors per article' },
  { format: 'csv', label: 'Spreadsheet (CSV)', detail: 'one row per tag, opens in Excel, LibreOffice, Numbers' },
  { format: 'w3c', label: 'W3C Web Annotation (JSON-LD)', detail: 'the web standard; Hypothesis and other annotation tools' },
  { format: 'qdpx', label: 'REFI-QDA project (.qdpx)', detail: 'QualCoder, MAXQDA, ATLAS.ti, NVivo' },
  { format: 'brat', label: 'brat standoff (zip)', detail: 'for NLP pipelines' },
  { format: 'json', label: 'Marginalia JSON', detail: 'everything, for scripts' },
];

/** An export's file name: the project's and the format's, with the extension of what the core wrote ("Talks-csv.csv"). */
export function exportFileName(projectName: string, format: ExportFormat, corePath: string | null): string {
  const base = corePath?.split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  const extension = corePath === null ? '.zip' : dot > 0 ? base.slice(dot) : '';
  return `${projectName}-${format}${extension}`;
}

export function ExportDialog({
  client,
  projectName,
  onClose,
  onSaved,
  onError,
}: {
  client: Client;
  projectName: string;
  onClose: () => void;
  /** Called with the saved file's name, to confirm it. */
  onSaved: (fileName: string) => void;
  onError: (e: unknown) => void;
}) {
  const [format, setFormat] = useState<ExportFormat>('html');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      // The page never holds the file: the browser downloads it from `serve` as it is read, the app saves it itself.
      let fileName: string;
      if (client.exportUrl) {
        const { files, download } = await client.call('export.write', { format });
        if (download === undefined) throw new Error('export.write answered without a download');
        fileName = exportFileName(projectName, format, files.length === 1 ? (files[0]?.path ?? null) : null);
        downloadFrom(client.exportUrl(download), fileName);
      } else {
        fileName = (await client.call('workbench.saveExport', { format, name: `${projectName}-${format}` })).fileName;
      }
      onSaved(fileName);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'cancelled') return;
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="export-title">
        <h2 id="export-title">Export the project</h2>
        <fieldset className="format-list">
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.format}>
              <input type="radio" name="format" value={f.format} checked={format === f.format} onChange={() => setFormat(f.format)} />
              <span><strong>{f.label}</strong> — {f.detail}</span>
            </label>
          ))}
        </fieldset>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" disabled={busy} onClick={() => void run()}>{busy ? 'Exporting…' : 'Export'}</button>
        </div>
      </div>
    </div>
  );
}

/** Saves the whole project as one self-contained file to send to a teammate. */
export async function shareProjectFile(client: Client, requestId?: string): Promise<string> {
  const packed = await client.call('project.pack', {}, { requestId });
  saveFile(packed.fileName, packed.content, 'application/vnd.sqlite3');
  return packed.fileName;
}

/** Reads a teammate's file and asks the core for a preview of the merge. */
export async function previewTeammateFile(client: Client, file: File, requestId?: string): Promise<MergePreview & { previewId: string; fileName: string }> {
  return client.call('merge.preview', { fileName: file.name, content: new Uint8Array(await file.arrayBuffer()) }, { requestId });
}

export function MergeDialog(props: {
  client: Client;
  /** Runs the merge as a long request: its progress bar and Cancel (which keeps the preview). */
  runLong: LongRequests['run'];
  preview: MergePreview & { previewId: string; fileName: string };
  onDone: (message: string) => void;
  /** Closes the dialog and opens the actor registry at this actor (to combine same-named actors). */
  onShowActor: (actorId: string, message: string) => void;
  onCancel: () => void;
  onError: (e: unknown) => void;
}) {
  const [merging, setMerging] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [combined, setCombined] = useState<ReadonlySet<string>>(new Set());
  const [duplicates, setDuplicates] = useState<ReturnType<typeof duplicateActorsNotice>>(null);
  /** Actors that share a name after the merge (two registries each had “Kyrylo Budanov”) are pointed out. */
  const checkDuplicates = async () => {
    const notice = duplicateActorsNotice((await props.client.call('actor.list', {})).actors);
    setDuplicates(notice);
    return notice;
  };
  const { summary } = props.preview;
  const confirm = async () => {
    setMerging(true);
    try {
      const result = await props.runLong(`Merging “${props.preview.fileName}”…`, (requestId) => props.client.call('merge.apply', { previewId: props.preview.previewId }, { requestId }));
      const tags = result.summary.newTags.reduce((n, t) => n + t.count, 0);
      const text = `Merged “${props.preview.fileName}”: ${result.summary.newDocuments} new documents, ${tags} new tags, ${result.summary.updatedTags} updated, ${result.summary.conflicts} conflicts.`;
      // Actors that look like one are only proposed: the reviewer confirms each, after the merge.
      const notice = await checkDuplicates();
      if (result.summary.actorProposals.length > 0 || notice) setDone(text);
      else props.onDone(text);
    } catch (error) {
      // Cancelled before it began: nothing was merged, and the dialog stays, to merge later or close.
      if (error instanceof ApiError && error.code === 'cancelled') return;
      props.onError(error instanceof ApiError ? error : new Error(String(error)));
    } finally {
      setMerging(false);
    }
  };
  const cancel = () => {
    void props.client.call('merge.cancel', { previewId: props.preview.previewId }).catch(() => {});
    props.onCancel();
  };
  return (
    <div className="modal-backdrop">
      <div className="modal merge-preview" role="dialog" aria-modal="true" aria-labelledby="merge-title">
        <h2 id="merge-title">Merge “{props.preview.projectName}”</h2>
        <p className="details-meta">from {props.preview.fileName} · nothing is written until you confirm</p>
        {summary.notices.map((n) => <p key={n} className="details-meta merge-notice">{n}</p>)}
        <ul className="merge-summary">
          <li>Documents: {summary.newDocuments} new, {summary.sameDocuments} already here</li>
          {summary.newTags.length === 0 ? <li>New tags: none</li> : summary.newTags.map((t) => (
            <li key={`${t.analyst}-${t.kind}`}>New tags: {t.count} {KIND_LABELS[t.kind].toLowerCase()} by {t.analyst}</li>
          ))}
          <li>Updated tags: {summary.updatedTags} · actors: {summary.newActors} new, {summary.updatedActors} updated</li>
          <li>Conflicts: {summary.conflicts === 0 ? 'none' : `${summary.conflicts} — edited on both sides; the newer version wins, the other stays in the history`}</li>
        </ul>
        {props.preview.conflicts.length > 0 && (
          <ul className="merge-conflicts">
            {props.preview.conflicts.slice(0, 12).map((c, i) => <li key={i}>{c}</li>)}
          </ul>
        )}
        {summary.actorProposals.map((p) => (
          <p key={`${p.localId}-${p.incomingId}`} className="details-meta actor-proposal">
            “{p.incoming}” looks like “{p.local}” already in the registry.
            {done && !combined.has(p.incomingId) && (
              <button
                type="button"
                onClick={() =>
                  void props.client
                    .call('actor.combine', { keepId: p.localId, mergeId: p.incomingId })
                    .then(() => {
                      setCombined(new Set([...combined, p.incomingId]));
                      return checkDuplicates();
                    })
                    .catch(props.onError)
                }
              >
                Treat as one
              </button>
            )}
            {combined.has(p.incomingId) && <strong> Combined.</strong>}
          </p>
        ))}
        {done && <p role="status">{done}</p>}
        {done && duplicates && (
          <p className="details-meta actor-proposal">
            {duplicates.text}
            <button type="button" onClick={() => props.onShowActor(duplicates.firstId, done)}>Combine in the registry…</button>
          </p>
        )}
        {merging && <progress className="merge-progress" aria-label="Merging" />}
        <div className="modal-actions">
          {done ? (
            <button type="button" className="primary" onClick={() => props.onDone(done)}>Close</button>
          ) : (
            <>
              <button type="button" onClick={cancel} disabled={merging}>Cancel</button>
              <button type="button" className="primary" onClick={() => void confirm()} disabled={merging}>{merging ? 'Merging…' : 'Merge'}</button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

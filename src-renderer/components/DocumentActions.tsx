// The open document's own actions in its header: "Edit details" (title, date, author, source) and "Remove document",
// which first asks, naming how many tags go with it.
import { useEffect, useRef, useState } from 'react';
import type { DocumentMeta } from '../../src-shared/model/document';
import { DocumentDetailsDialog, type DocumentDetails } from './DocumentDetailsDialog';

function RemoveConfirmation(props: { title: string; tagCount: number; onConfirm: () => void; onCancel: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const tags = props.tagCount === 0 ? 'It has no tags.' : `Its ${props.tagCount === 1 ? 'tag goes' : `${props.tagCount} tags go`} with it.`;
  return (
    <div
      className="modal-backdrop"
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="remove-document-title" aria-describedby="remove-document-text">
        <h2 id="remove-document-title">Remove “{props.title}”?</h2>
        <p id="remove-document-text">{tags} Undo brings the document and its tags back.</p>
        <div className="modal-actions">
          <button ref={cancelRef} type="button" onClick={props.onCancel}>Cancel</button>
          <button type="button" className="primary danger" onClick={props.onConfirm}>Remove document</button>
        </div>
      </div>
    </div>
  );
}

export function DocumentActions(props: {
  document: DocumentMeta;
  /** The document's live tags, which go with it. */
  tagCount: number;
  onSaveDetails: (details: DocumentDetails) => Promise<void>;
  onRemove: () => void;
}) {
  const [open, setOpen] = useState<'details' | 'remove' | null>(null);
  return (
    <div className="document-actions">
      <button type="button" onClick={() => setOpen('details')}>Edit details</button>
      <button type="button" onClick={() => setOpen('remove')}>Remove document</button>
      {open === 'details' && (
        <DocumentDetailsDialog
          document={props.document}
          onCancel={() => setOpen(null)}
          onSave={async (details) => {
            await props.onSaveDetails(details);
            setOpen(null);
          }}
        />
      )}
      {open === 'remove' && (
        <RemoveConfirmation
          title={props.document.title}
          tagCount={props.tagCount}
          onCancel={() => setOpen(null)}
          onConfirm={() => {
            setOpen(null);
            props.onRemove();
          }}
        />
      )}
    </div>
  );
}

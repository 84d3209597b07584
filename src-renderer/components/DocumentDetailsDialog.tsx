// The "Edit details" dialog of the open document: its title, published date, author and source, saved as one step.
import { useState, type FormEvent } from 'react';
import type { DocumentMeta } from '../../src-shared/model/document';
import { ApiError } from '../api/client';

export interface DocumentDetails {
  title: string;
  publishedAt: string | null;
  author: string | null;
  outlet: string | null;
}

export function DocumentDetailsDialog(props: { document: DocumentMeta; onSave: (details: DocumentDetails) => Promise<void>; onCancel: () => void }) {
  const { document } = props;
  const [fields, setFields] = useState({ title: document.title, date: document.publishedAt ?? '', author: document.author ?? '', source: document.outlet ?? '' });
  const [error, setError] = useState<string | null>(null);
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fields.title.trim() === '') return setError('A document needs a title.');
    if (fields.date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(fields.date)) return setError('Write the date as YYYY-MM-DD, for example 2026-01-20.');
    try {
      await props.onSave({ title: fields.title.trim(), publishedAt: fields.date || null, author: fields.author.trim() || null, outlet: fields.source.trim() || null });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : `Something went wrong: ${(e as Error).message}`);
    }
  };

  return (
    <div
      className="modal-backdrop"
      onKeyDown={(e) => {
        e.stopPropagation(); // the workbench's own keys do not apply inside the dialog
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="document-details-title" onSubmit={submit}>
        <h2 id="document-details-title">Details of the document</h2>
        <label>
          Title
          <input autoFocus value={fields.title} onChange={set('title')} maxLength={2000} required />
        </label>
        <label>
          Published on (YYYY-MM-DD)
          <input value={fields.date} onChange={set('date')} placeholder="2026-01-20" inputMode="numeric" pattern="\d{4}-\d{2}-\d{2}" />
        </label>
        <label>
          Author
          <input value={fields.author} onChange={set('author')} maxLength={2000} />
        </label>
        <label>
          Source (outlet)
          <input value={fields.source} onChange={set('source')} maxLength={2000} />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="modal-actions">
          <button type="button" onClick={props.onCancel}>Cancel</button>
          <button type="submit" className="primary">Save</button>
        </div>
      </form>
    </div>
  );
}

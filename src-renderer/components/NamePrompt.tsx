// First-run dialog asking the analyst's name, which is stamped on every tag they make.
import { useState, type FormEvent } from 'react';

export function NamePrompt({ initial, onSave, onCancel }: { initial: string; onSave: (name: string) => Promise<void>; onCancel?: () => void }) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setError('Please enter your name.');
    try {
      await onSave(name.trim());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="name-prompt-title" onSubmit={submit}>
        <h2 id="name-prompt-title">Who is tagging?</h2>
        <p>Your name is stamped on every tag you make, so reviewers and teammates can tell whose work is whose.</p>
        <label>
          Your name
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={100} aria-invalid={error !== null} />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="modal-actions">
          {onCancel && <button type="button" onClick={onCancel}>Cancel</button>}
          <button type="submit" className="primary">Save</button>
        </div>
      </form>
    </div>
  );
}

// The keys of the workbench and the review, listed from the one keymap; opened and closed with "?".
import { useEffect, useRef } from 'react';
import { KEYMAP, type KeyScope } from '../keymap';

const SCOPES: readonly KeyScope[] = ['Article', 'Tags', 'Search', 'Suggestions', 'Review', 'Anywhere'];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        {SCOPES.map((scope) => (
          <section key={scope} aria-label={scope}>
            <h3>{scope}</h3>
            <dl>
              {KEYMAP.filter((binding) => binding.scope === scope).map((binding) => (
                <div key={binding.keys + binding.does} className="shortcut">
                  <dt><kbd>{binding.keys}</kbd></dt>
                  <dd>{binding.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <div className="modal-actions">
          <button ref={closeRef} type="button" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}

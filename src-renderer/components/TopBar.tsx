// The top bar: the project's name, its actions (import, export, share, merge, review, undo, redo), the keys and your name.
import type { ReactNode } from 'react';

export function TopBar(props: {
  projectName: string | null;
  /** The actions shown while a project is open, in order. */
  actions: ReactNode;
  /** Undo and redo (hidden while reviewing, which has its own). */
  showUndo: boolean;
  onUndoRedo: (which: 'undo' | 'redo') => void;
  onShowKeys: () => void;
  analystName: string | null;
  onAskName: () => void;
}) {
  return (
    <header className="topbar">
      <span className="brand">Marginalia</span>
      <span className="project-name">{props.projectName ?? 'No project open'}</span>
      {props.projectName ? props.actions : null}
      {props.showUndo && (
        <>
          <button onClick={() => props.onUndoRedo('undo')} disabled={!props.projectName} title="Undo (Ctrl/Cmd+Z)">Undo</button>
          <button onClick={() => props.onUndoRedo('redo')} disabled={!props.projectName} title="Redo (Ctrl/Cmd+Shift+Z)">Redo</button>
        </>
      )}
      <button onClick={props.onShowKeys} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        <kbd>?</kbd>
      </button>
      <button className="analyst" onClick={props.onAskName} title="Change your name">
        {props.analystName ? `Analyst: ${props.analystName}` : 'Set your name'}
      </button>
    </header>
  );
}

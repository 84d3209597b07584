// Shown when no project is open (desktop app): create, open, or reopen a recent project.
import type { WorkbenchState } from '../../src-shared/api/contract';
import { ApiError, type Client } from '../api/client';

export function Welcome({ client, state, onOpened, onError }: { client: Client; state: WorkbenchState; onOpened: () => void; onError: (e: unknown) => void }) {
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      onOpened();
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'cancelled')) onError(error);
    }
  };
  return (
    <main className="welcome">
      <h1>Marginalia</h1>
      <p>Tag claims, actors, figures and reliability warnings in source articles. Everything stays on this computer.</p>
      <div className="welcome-actions">
        <button className="primary" onClick={() => run(() => client.call('workbench.newProject', {}))}>New project…</button>
        <button onClick={() => run(() => client.call('workbench.openProject', {}))}>Open project…</button>
      </div>
      {state.recent.length > 0 && (
        <>
          <h2>Recent projects</h2>
          <ul className="recent">
            {state.recent.map((name, index) =>
              state.recentMissing.includes(index) ? (
                // A file no longer where it was: shown greyed, with a way to take it off the list.
                <li key={`${index}-${name}`} className="recent-missing">
                  <span title="This file is no longer where it was">{name} (not found)</span>{' '}
                  <button className="link" aria-label={`Remove ${name} from the recent projects`} onClick={() => run(() => client.call('workbench.removeRecent', { index }))}>Remove</button>
                </li>
              ) : (
                <li key={`${index}-${name}`}>
                  <button className="link" onClick={() => run(() => client.call('workbench.openRecent', { index }))}>{name}</button>
                </li>
              ),
            )}
          </ul>
        </>
      )}
    </main>
  );
}

// The object the desktop preload exposes to the page as `window.marginalia`: the contract over IPC, and host events.
import type { Result } from '../model/result';
import type { WorkbenchEvent } from './events';

/** What the renderer may use of the desktop app; nothing else crosses the context bridge. */
export interface MarginaliaBridge {
  /**
   * Calls a contract method (`domain.verb`). A name that is not in the contract is refused before anything is
   * sent; the main process validates the payload and answers with a Result, never a rejected promise.
   */
  invoke(method: string, payload: unknown): Promise<Result<unknown>>;
  /** Listens to events from the desktop menus; returns the function that stops listening. */
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
}

// The object the desktop preload exposes to the page as `window.marginalia`: the contract over a port to the core, and host events.
import type { Result } from '../model/result';
import type { WorkbenchEvent } from './events';

/** What the renderer may use of the desktop app; nothing else crosses the context bridge. */
export interface MarginaliaBridge {
  /**
   * Calls a contract method (`domain.verb`) on the core, over this window's port. The core validates the method
   * and the payload and answers with a Result, never a rejected promise. With `requestId`, the window may cancel
   * the request (`request.cancel`) and gets its `progress` events.
   */
  invoke(method: string, payload: unknown, requestId?: string): Promise<Result<unknown>>;
  /** Listens to events — the desktop menus', and what changed in the project — unvalidated; returns the function that stops listening. */
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
}

// The object the desktop preload exposes to the page as `window.marginalia`: the contract over a port to the core, and host events.
import type { UncheckedCall } from './dispatch';
import type { WorkbenchEvent } from './events';

/** What the renderer may use of the desktop app; nothing else crosses the context bridge. */
export interface MarginaliaBridge {
  /** Calls a contract method on the core, over this window's port; the core validates the method and the payload. */
  invoke: UncheckedCall;
  /** Listens to events — the desktop menus', and what changed in the project — unvalidated; returns the function that stops listening. */
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
}

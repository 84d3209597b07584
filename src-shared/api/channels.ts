// The IPC channel names of the desktop app, written once: used by the preload (which bundles nothing else) and the main process.

/** Menu commands, main → window (WorkbenchEvent). */
export const IPC_EVENT_CHANNEL = 'marginalia:event';
/** A window asks the main process for its port to the core. */
export const IPC_PORT_REQUEST_CHANNEL = 'marginalia:port-request';
/** The main process hands a window its port to the core (again after the core restarted). */
export const IPC_PORT_CHANNEL = 'marginalia:port';

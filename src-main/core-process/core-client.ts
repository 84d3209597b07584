// The host's side of the transport (serve's HTTP thread, the app's main process): the contract answered by a core in another thread or process, restarted when it stops.
import type { ProgressEvent, ProjectDataEvent } from '../../src-shared/api/events';
import { err, UserError, type Result } from '../../src-shared/model/result';
import { hasType, transferablesOf, type CoreFailure, type CoreInit, type CoreOperation, type FromCoreMessage, type HostDialog, type MessageLink, type ToCoreMessage } from './protocol';

/** A running core: its control link, and how it stops. */
export interface CoreProcess {
  readonly link: MessageLink;
  /** Called once when the core stops, whatever the reason, with a few words saying how. */
  onExit(listener: (how: string) => void): void;
  /** Ends the core; resolves once it has stopped. */
  kill(): Promise<void>;
}

export interface CoreClientOptions {
  readonly init: CoreInit;
  /** Starts a new core (at first, and after each crash). */
  readonly spawn: () => CoreProcess;
  /** Shows a native dialog the core asked for; without it the core's dialogs are cancelled. */
  readonly dialog?: (dialog: HostDialog) => Promise<string | null>;
  /** After a project was opened or closed in the core. */
  readonly onProjectChanged?: (projectPath: string | null) => void;
  /** After a crashed core was started again (its windows need new ports). */
  readonly onRestarted?: () => void;
  /** Where the core's unexpected failures and crashes are reported (the host's log). */
  readonly onUnexpected?: (what: string, error: Error) => void;
}

/** How many crashes within CRASH_WINDOW_MS are restarted; the next one leaves the core stopped. */
export const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 60_000;

export const RESTARTED_MESSAGE = 'Marginalia’s core stopped unexpectedly and was restarted; the request was not completed, so try it again.';
const STOPPED_MESSAGE = 'Marginalia’s core stopped unexpectedly several times and was not restarted; quit and start Marginalia again.';

/**
 * Receives what changed in the open project, with the client whose request changed it (null: another process),
 * and the progress of long requests, with the client that made them.
 */
export type CoreEventListener = (event: ProjectDataEvent | ProgressEvent, origin: string | null) => void;

function errorOf(failure: CoreFailure): Error {
  const error = new Error(failure.message);
  if (failure.stack !== undefined) error.stack = failure.stack;
  return error;
}

interface Pending {
  resolve(result: Result<unknown>): void;
  reject(error: Error): void;
}

/** The contract and the project's lifecycle, answered by a core over a MessageLink; the same in `serve` and the app. */
export class CoreClient {
  private core: CoreProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<CoreEventListener>();
  private crashes: number[] = [];
  private stopping = false;
  private path: string | null = null;

  constructor(private readonly options: CoreClientOptions) {
    this.start();
  }

  /** The open project's path, as the core last reported it. */
  get projectPath(): string | null {
    return this.path;
  }

  private start(): void {
    const core = this.options.spawn();
    this.core = core;
    core.link.onMessage((message) => this.receive(message));
    core.onExit((how) => {
      if (this.core === core) this.crashed(how);
    });
    this.post({ type: 'init', init: this.options.init });
  }

  private post(message: ToCoreMessage, transfer: readonly unknown[] = []): void {
    this.core?.link.send(message, transfer);
  }

  private receive(message: unknown): void {
    if (!hasType<FromCoreMessage>(message, 'reply', 'failure', 'event', 'progress', 'project-changed', 'dialog', 'unexpected')) return;
    switch (message.type) {
      case 'reply':
      case 'failure': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'reply') pending?.resolve(message.result);
        else pending?.reject(errorOf(message.failure));
        return;
      }
      case 'event':
      case 'progress':
        for (const listener of this.listeners) listener(message.event, message.origin);
        return;
      case 'project-changed':
        this.path = message.path;
        this.options.onProjectChanged?.(message.path);
        return;
      case 'dialog': {
        const asked = this.options.dialog?.(message.dialog) ?? Promise.resolve(null);
        asked
          .catch((error: unknown) => {
            this.options.onUnexpected?.('a dialog', error instanceof Error ? error : new Error(String(error)));
            return null;
          })
          .then((path) => this.post({ type: 'dialog-reply', id: message.id, path }));
        return;
      }
      case 'unexpected':
        this.options.onUnexpected?.(message.what, errorOf(message.failure));
        return;
    }
  }

  private crashed(how: string): void {
    this.core = null;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
    const restart = !this.stopping && this.crashes.length <= MAX_RESTARTS;
    if (!this.stopping) this.options.onUnexpected?.('the core', new Error(`The core stopped (${how}).`));
    const answer = err('internal', restart ? RESTARTED_MESSAGE : STOPPED_MESSAGE);
    for (const pending of this.pending.values()) pending.resolve(answer);
    this.pending.clear();
    if (!restart) return;
    const reopen = this.path;
    this.start();
    if (reopen !== null) {
      this.request({ kind: 'open', path: reopen, create: false }).then(
        (result) => {
          if (!result.ok) this.options.onUnexpected?.('reopening the project', new Error(result.error.message));
        },
        (error: Error) => this.options.onUnexpected?.('reopening the project', error),
      );
    }
    this.options.onRestarted?.();
  }

  private request(operation: CoreOperation): Promise<Result<unknown>> {
    if (this.core === null) return Promise.resolve(err('internal', this.stopping ? 'Marginalia is closing.' : STOPPED_MESSAGE));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'request', id, operation }, operation.kind === 'call' ? transferablesOf(operation.payload) : []);
    });
  }

  /**
   * Answers one contract request (the core validates it). Resolves with the Result; rejects only when the core
   * threw unexpectedly (a programming error), with its message and stack. With `requestId`, `origin` may cancel it
   * (`request.cancel`) and its progress reaches the listeners.
   */
  call(method: unknown, payload: unknown, origin: string | null = null, requestId?: string): Promise<Result<unknown>> {
    return this.request({ kind: 'call', method, payload, origin, ...(requestId === undefined ? {} : { requestId }) });
  }

  /**
   * `call` with the payload as JSON text, parsed by the core (invalid JSON: an `invalid_request` Result); each
   * `{ "$upload": id }` in it whose id is in `uploads` stands for the bytes of that file.
   */
  callJson(method: unknown, json: string, origin: string | null = null, uploads: Readonly<Record<string, string>> = {}, requestId?: string): Promise<Result<unknown>> {
    return this.request({ kind: 'call-json', method, json, origin, uploads, ...(requestId === undefined ? {} : { requestId }) });
  }

  private async lifecycle(operation: CoreOperation): Promise<void> {
    const result = await this.request(operation);
    if (!result.ok) throw new UserError(result.error.code, result.error.message);
  }

  /** Opens (or creates) a project in the core; a project that cannot be opened throws its UserError, and the open one stays. */
  open(path: string, options: { create?: boolean } = {}): Promise<void> {
    return this.lifecycle({ kind: 'open', path, create: options.create === true });
  }

  /** Closes the open project (the core keeps running). */
  closeProject(): Promise<void> {
    return this.lifecycle({ kind: 'close' });
  }

  /** Calls `listener` with every change to the open project from now on; returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Gives the core a window's end of a channel: its calls are answered there with `origin`, its events sent there. */
  attachClient(origin: string, port: unknown): void {
    this.post({ type: 'attach-client', origin }, [port]);
  }

  /** Closes the project (its database checkpointed) and ends the core; never restarted after this. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    const core = this.core;
    if (core === null) {
      this.stopping = true;
      return;
    }
    try {
      await this.lifecycle({ kind: 'close' });
    } catch {
      // A project that cannot be closed cleanly is closed by the core's end all the same.
    }
    this.stopping = true;
    await core.kill();
  }
}

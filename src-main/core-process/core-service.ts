// The core's side of the transport (a worker thread or a utility process): one Workbench answering the host's control port and each attached window's port.
import { readFileSync } from 'node:fs';
import { bytesIn, referenceId, rewrite, UPLOAD_KEY } from '../../src-shared/api/byte-references';
import { RequestIdSchema } from '../../src-shared/api/contract';
import { isSentTo, type ProgressEvent, type WorkbenchEvent } from '../../src-shared/api/events';
import { err, INTERNAL_ERROR_MESSAGE, ok, UserError, type Result } from '../../src-shared/model/result';
import { Workbench, type CallOptions, type WorkbenchHost } from '../core/workbench';
import {
  hasType,
  INVALID_JSON_MESSAGE,
  JSON_TEXT_KEY,
  transferablesOf,
  type ClientCallMessage,
  type CoreFailure,
  type CoreInit,
  type CoreOperation,
  type FromCoreMessage,
  type HostDialog,
  type MessageLink,
  type ToClientMessage,
  type ToCoreMessage,
} from './protocol';

function failureOf(error: unknown): CoreFailure {
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error), stack: undefined };
}

/** The JSON `text`, with each `{ "$upload": id }` naming one of `uploads` read as that file's bytes. */
function parseJson(text: string, uploads: Readonly<Record<string, string>>): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined }; // treated as {} by the dispatcher
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const bytesOf = (item: unknown): unknown => {
    const id = referenceId(item, UPLOAD_KEY);
    const path = id === null ? undefined : uploads[id];
    return path === undefined ? item : readFileSync(path);
  };
  return { ok: true, value: Object.keys(uploads).length === 0 ? value : rewrite(value, bytesOf) };
}

function userErrorResult(error: unknown): Result<never> | null {
  return error instanceof UserError ? err(error.code, error.message, error.existingId) : null;
}

/**
 * Serves the contract on `control` until the process ends: waits for `init`, then answers requests, forwards the
 * Workbench's change events, and asks the host for dialogs. `wrapPort` turns a port received with `attach-client`
 * into a link (the carrier's own MessagePort type).
 */
export function serveCore(control: MessageLink, wrapPort: (port: unknown) => MessageLink): void {
  let workbench: Workbench | null = null;
  let nextDialogId = 1;
  const dialogs = new Map<number, (path: string | null) => void>();
  /** The attached windows' links, by origin: each gets the change events of the others' requests. */
  const clients = new Map<string, { link: MessageLink; stop: () => void }>();
  const post = (message: FromCoreMessage) => control.send(message, message.type === 'reply' ? transferablesOf(message.result) : []);

  const askHost = (dialog: HostDialog) =>
    new Promise<string | null>((resolveDialog) => {
      const id = nextDialogId++;
      dialogs.set(id, resolveDialog);
      post({ type: 'dialog', id, dialog });
    });

  const broadcast = (event: WorkbenchEvent, origin: string | null) => {
    for (const [clientOrigin, client] of clients) if (isSentTo(event, origin, clientOrigin)) client.link.send({ type: 'event', event } satisfies ToClientMessage);
  };
  /** Where the progress of a request of `origin` goes: the host (serve's event streams) and that origin's window. */
  const progressOf = (origin: string | null, requestId: string | undefined): CallOptions => {
    if (requestId === undefined) return {};
    return {
      requestId,
      onProgress: ({ done, total }) => {
        const event: ProgressEvent = { type: 'progress', requestId, done, total };
        post({ type: 'progress', event, origin });
        broadcast(event, origin);
      },
    };
  };

  const start = (init: CoreInit) => {
    const host: WorkbenchHost = {
      kind: init.hostKind,
      ...(init.hostKind === 'desktop'
        ? {
            chooseNewProjectPath: () => askHost('new-project'),
            chooseProjectToOpen: () => askHost('open-project'),
            chooseExportPath: (fileName: string) => askHost({ type: 'save-export', fileName }),
          }
        : {}),
      projectChanged: (path) => {
        post({ type: 'project-changed', path });
        broadcast({ type: 'project-changed' }, null);
      },
    };
    const made = new Workbench(init.settingsDir, host, init.analystOverride, init.readOnly === true);
    made.subscribe((event, origin) => {
      post({ type: 'event', event, origin });
      broadcast(event, origin);
    });
    return made;
  };

  const perform = async (core: Workbench, operation: CoreOperation): Promise<Result<unknown>> => {
    if (operation.kind === 'call') return core.call(operation.method, operation.payload, operation.origin, progressOf(operation.origin, operation.requestId));
    if (operation.kind === 'call-json') {
      const payload = parseJson(operation.json, operation.uploads);
      if (!payload.ok) return err('invalid_request', INVALID_JSON_MESSAGE);
      const result = await core.call(operation.method, payload.value, operation.origin, progressOf(operation.origin, operation.requestId));
      // Written as text here: a string crosses to the host at once, where a large answer's tree takes as long to clone.
      const text = result.ok && operation.method !== 'export.write' && bytesIn(result.value).length === 0 ? JSON.stringify(result.value) : undefined;
      return typeof text === 'string' ? ok({ [JSON_TEXT_KEY]: text }) : result;
    }
    try {
      if (operation.kind === 'open') core.open(operation.path, { create: operation.create });
      else core.close();
      return ok({ projectPath: core.projectPath });
    } catch (error) {
      const result = userErrorResult(error);
      if (result) return result;
      throw error;
    }
  };

  const answer = (id: number, operation: CoreOperation) => {
    if (!workbench) throw new Error('serveCore: a request arrived before init.');
    perform(workbench, operation).then(
      (result) => post({ type: 'reply', id, result }),
      (error: unknown) => post({ type: 'failure', id, failure: failureOf(error) }),
    );
  };

  const attach = (origin: string, port: unknown) => {
    clients.get(origin)?.stop();
    const link = wrapPort(port);
    const stop = link.onMessage((message) => {
      if (!hasType<ClientCallMessage>(message, 'call') || typeof message.id !== 'number') return;
      const reply = (result: Result<unknown>) => link.send({ type: 'reply', id: message.id, result } satisfies ToClientMessage, transferablesOf(result));
      if (!workbench) return reply(err('internal', 'Marginalia is still starting; try again in a moment.'));
      const requestId = typeof message.requestId === 'string' && RequestIdSchema.safeParse(message.requestId).success ? message.requestId : undefined;
      workbench.call(message.method, message.payload, origin, progressOf(origin, requestId)).then(reply, (error: unknown) => {
        // The host logs what reaches it on the control port; a window only learns that something went wrong.
        post({ type: 'unexpected', what: typeof message.method === 'string' ? message.method.slice(0, 100) : 'a request', failure: failureOf(error) });
        reply(err('internal', INTERNAL_ERROR_MESSAGE));
      });
    });
    clients.set(origin, { link, stop });
  };

  control.onMessage((message, ports) => {
    if (!hasType<ToCoreMessage>(message, 'init', 'request', 'dialog-reply', 'attach-client')) return;
    switch (message.type) {
      case 'init':
        workbench ??= start(message.init);
        return;
      case 'request':
        return answer(message.id, message.operation);
      case 'dialog-reply': {
        const resolveDialog = dialogs.get(message.id);
        dialogs.delete(message.id);
        return resolveDialog?.(message.path);
      }
      case 'attach-client':
        if (ports[0] !== undefined) attach(message.origin, ports[0]);
        return;
    }
  });
}

// The core in an Electron utility process (main process side): forks core-utility and links it, and connects windows to it by MessageChannelMain.
import { MessageChannelMain, utilityProcess, type IpcMainEvent, type MessagePortMain, type WebContents } from 'electron';
import { IPC_PORT_CHANNEL } from '../../src-shared/api/channels';
import { CoreClient, type CoreClientOptions, type CoreProcess } from '../core-process/core-client';

/** Forks one core utility process from the built entry (out/main/core.js). */
export function forkCoreUtility(entryPath: string): CoreProcess {
  const child = utilityProcess.fork(entryPath, [], { serviceName: 'Marginalia core', stdio: 'inherit' });
  let exited = false;
  const exit = new Promise<string>((resolveExit) => {
    child.once('exit', (code) => {
      exited = true;
      resolveExit(`exit code ${code}`);
    });
  });
  return {
    link: {
      // A utility process transfers only MessagePortMain; anything else in `transfer` is copied.
      send: (message, transfer = []) => child.postMessage(message, transfer.filter((item) => !(item instanceof ArrayBuffer)) as MessagePortMain[]),
      onMessage(listener) {
        const relay = (message: unknown) => listener(message, []);
        child.on('message', relay);
        return () => child.off('message', relay);
      },
    },
    onExit: (listener) => void exit.then(listener),
    kill: async () => {
      if (!exited) child.kill();
      await exit;
    },
  };
}

/** The desktop core: a CoreClient over a utility process. */
export function startCoreUtility(entryPath: string, options: Omit<CoreClientOptions, 'spawn'>): CoreClient {
  return new CoreClient({ ...options, spawn: () => forkCoreUtility(entryPath) });
}

/**
 * Gives a window's main frame its own channel to the core: one end attached in the core with the window's id as
 * origin, the other posted to the frame (the preload takes it). `event` is the window's trusted request, or
 * none when the main process reconnects a window after the core restarted.
 */
export function connectWindow(core: CoreClient, contents: WebContents, event?: IpcMainEvent): void {
  const { port1, port2 } = new MessageChannelMain();
  core.attachClient(String(contents.id), port1);
  const frame = event?.senderFrame ?? contents.mainFrame;
  frame.postMessage(IPC_PORT_CHANNEL, null, [port2]);
}

// The core's utility process entry (Electron utilityProcess): the Workbench served on the parent port and on each window's MessagePortMain.
import type { MessagePortMain } from 'electron';
import { serveCore } from '../core-process/core-service';
import type { MessageLink } from '../core-process/protocol';

/** What a MessagePortMain and a utility process's parentPort share: messages arrive as events with `data` and `ports`. */
interface ElectronPort {
  postMessage(message: unknown, transfer?: MessagePortMain[]): void;
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortMain[] }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown; ports: MessagePortMain[] }) => void): unknown;
}

/**
 * An Electron port as a link. Electron's main-process ports transfer only other ports, so ArrayBuffers in
 * `transfer` are copied by the structured clone instead.
 */
export function electronPortLink(port: ElectronPort & { start?: () => void }): MessageLink {
  return {
    send: (message, transfer = []) => port.postMessage(message, transfer.filter((item) => !(item instanceof ArrayBuffer)) as MessagePortMain[]),
    onMessage(listener) {
      const relay = (event: { data: unknown; ports: MessagePortMain[] }) => listener(event.data, event.ports);
      port.on('message', relay);
      // A MessagePortMain queues its messages until started; parentPort has no start.
      port.start?.();
      return () => port.off('message', relay);
    },
  };
}

const parentPort = (process as NodeJS.Process & { parentPort?: ElectronPort }).parentPort;
if (!parentPort) throw new Error('core-utility runs as an Electron utility process.');
serveCore(electronPortLink(parentPort), (port) => electronPortLink(port as MessagePortMain));

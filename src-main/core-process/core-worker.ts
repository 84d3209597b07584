// The core worker thread's entry (serve): the Workbench served on the thread's parent port.
import { parentPort, type MessagePort } from 'node:worker_threads';
import { serveCore } from './core-service';
import { nodePortLink } from './worker-thread';

if (!parentPort) throw new Error('core-worker runs as a worker thread.');
serveCore(nodePortLink(parentPort), (port) => nodePortLink(port as MessagePort));

// Events the host (desktop menus) sends to the workbench UI; the browser mode raises none.
import { z } from 'zod';

export const WorkbenchEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('project-changed') }),
  z.object({ type: z.literal('undo') }),
  z.object({ type: z.literal('redo') }),
  z.object({ type: z.literal('import-articles') }),
  z.object({ type: z.literal('add-document-warning') }),
  z.object({ type: z.literal('share-project') }),
  z.object({ type: z.literal('merge-teammate') }),
  z.object({ type: z.literal('export-project') }),
]);
export type WorkbenchEvent = z.infer<typeof WorkbenchEventSchema>;

/** The IPC channel names: written here once, used by the preload and the main process. */
export const IPC_INVOKE_CHANNEL = 'marginalia:invoke';
export const IPC_EVENT_CHANNEL = 'marginalia:event';

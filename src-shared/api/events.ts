// Events sent to the workbench UI: the desktop menus' commands, and what changed in the open project.
import * as z from 'zod';

/**
 * The open project changed — through this client, another window, the CLI or a merge. Clients refresh what the
 * event names: the tags of `documentIds` (every document's when `everything`), the document list, the actor
 * registry, the analysts. A client is not sent the events of its own requests.
 */
export const ProjectDataEventSchema = z.object({
  type: z.literal('project-data'),
  everything: z.boolean(),
  documentIds: z.array(z.string().max(100)).max(1000),
  documents: z.boolean(),
  actors: z.boolean(),
  analysts: z.boolean(),
});
export type ProjectDataEvent = z.infer<typeof ProjectDataEventSchema>;

/** How far a long request of this client is (`done` of `total` steps); sent only to the client that made it. */
export const ProgressEventSchema = z.object({
  type: z.literal('progress'),
  requestId: z.string().max(64),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Whether a client (`to`) is sent an event that a request of `from` caused: progress only to it, changes to everyone else. */
export function isSentTo(event: { readonly type: string }, from: string | null, to: string | null): boolean {
  return event.type === 'progress' ? from !== null && from === to : from === null || from !== to;
}

export const WorkbenchEventSchema = z.discriminatedUnion('type', [
  ProjectDataEventSchema,
  ProgressEventSchema,
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

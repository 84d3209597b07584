// Share and merge through the contract: packing the project into bytes, previewing and applying a teammate's file.
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ResponseOf, ValidRequestOf } from '../../../src-shared/api/contract';
import { MAX_MERGE_PREVIEWS } from '../../../src-shared/api/limits';
import { UserError } from '../../../src-shared/model/result';
import { projectMeta } from '../../store/project-meta';
import { checkpoint } from '../operation';
import { newPrivateFolder } from '../private-files';
import type { ProjectSession, SessionPart } from '../session';
import { refusalOfReceived } from './incoming';
import { mergeProjectFiles, packProject, previewMerge, type MergePlan } from './index';

const PACK_CANCELLED = 'Sharing was cancelled; no file was made.';
const PREVIEW_CANCELLED = 'The merge preview was cancelled; nothing was merged.';
/** How long a preview waits for confirmation before its copy is removed. */
export const PREVIEW_LIFETIME_MS = 10 * 60 * 1000;

interface Preview {
  dir: string;
  path: string;
  fileName: string;
  expiry: ReturnType<typeof setTimeout>;
}

/** One project's previews waiting for the user's confirmation, by id: each a received file in a private folder. */
export class MergePreviews implements SessionPart {
  private readonly previews = new Map<string, Preview>();

  add(dir: string, path: string, fileName: string): string {
    const id = randomUUID();
    const expiry = setTimeout(() => this.discard(id), PREVIEW_LIFETIME_MS);
    expiry.unref();
    this.previews.set(id, { dir, path, fileName, expiry });
    for (const oldest of this.previews.keys()) {
      if (this.previews.size <= MAX_MERGE_PREVIEWS) break;
      this.discard(oldest);
    }
    return id;
  }

  get(id: string): Preview | undefined {
    return this.previews.get(id);
  }

  /** The previews still waiting, oldest first. */
  ids(): string[] {
    return [...this.previews.keys()];
  }

  discard(id: string): void {
    const preview = this.previews.get(id);
    if (!preview) return;
    clearTimeout(preview.expiry);
    rmSync(preview.dir, { recursive: true, force: true });
    this.previews.delete(id);
  }

  close(): void {
    for (const id of this.ids()) this.discard(id);
  }
}

function safeFileName(name: string): string {
  return (name.replace(/[^\p{L}\p{N}._ -]+/gu, '_').trim() || 'project').slice(0, 120);
}

/** The whole project as one self-contained file, for the user to save and send. */
export async function packForSharing(session: ProjectSession): Promise<ResponseOf<'project.pack'>> {
  await checkpoint(0, 2, PACK_CANCELLED);
  const dir = newPrivateFolder('pack');
  try {
    const out = join(dir, 'shared.marginalia');
    packProject(session, out);
    await checkpoint(1, 2, PACK_CANCELLED);
    const name = projectMeta(session.db)?.name ?? basename(session.path);
    return { fileName: `${safeFileName(name)}.marginalia`, content: readFileSync(out) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describePlan(plan: MergePlan) {
  return { projectName: plan.projectName, summary: plan.summary, conflicts: plan.conflicts.map((c) => c.label) };
}

/** Checks a teammate's file (sent as bytes) and says what merging it would do; nothing is written yet. */
export async function previewTeammateFile(session: ProjectSession, request: ValidRequestOf<'merge.preview'>): Promise<ResponseOf<'merge.preview'>> {
  const dir = newPrivateFolder('received');
  const path = join(dir, 'received.marginalia');
  try {
    await checkpoint(0, 3, PREVIEW_CANCELLED);
    writeFileSync(path, request.content);
    await checkpoint(1, 3, PREVIEW_CANCELLED);
    const plan = previewMerge(session, path);
    // Cancelled once planned: the preview is not kept, and its copy goes.
    await checkpoint(2, 3, PREVIEW_CANCELLED);
    const previewId = session.part(MergePreviews).add(dir, path, request.fileName);
    return { previewId, fileName: request.fileName, ...describePlan(plan) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error instanceof UserError && error.code !== 'cancelled' ? refusalOfReceived(error, path, request.fileName) : error;
  }
}

/** Merges a previewed file in one transaction (checked again, against the project as it is now). */
export async function applyTeammateFile(session: ProjectSession, request: ValidRequestOf<'merge.apply'>): Promise<ResponseOf<'merge.apply'>> {
  const [merged] = (await applyTeammateFiles(session, { previewIds: [request.previewId] })).merged;
  if (!merged) throw new Error('a merge of one file gave no result');
  return merged;
}

/** Merges previewed files in one transaction, in order; once it begins, the previews are forgotten whatever the outcome. */
export async function applyTeammateFiles(session: ProjectSession, request: ValidRequestOf<'merge.applyMany'>): Promise<ResponseOf<'merge.applyMany'>> {
  const previews = session.part(MergePreviews);
  const expired = () => new UserError('not_found', 'That merge preview has expired; choose the file again.');
  if (request.previewIds.some((id) => !previews.get(id))) throw expired();
  // The merge itself is one transaction: it is cancelled before it begins (the previews kept), or not at all.
  await checkpoint(0, 1, 'The merge was cancelled; nothing was merged.');
  try {
    const entries = request.previewIds.map((id) => {
      const entry = previews.get(id);
      if (!entry) throw expired();
      return entry;
    });
    const merged = mergeProjectFiles(session, entries.map((e) => e.path));
    return { merged: merged.map(({ plan }) => describePlan(plan)) };
  } finally {
    for (const id of request.previewIds) previews.discard(id);
  }
}

export function cancelTeammateFile(session: ProjectSession, request: ValidRequestOf<'merge.cancel'>): ResponseOf<'merge.cancel'> {
  session.part(MergePreviews).discard(request.previewId);
  return {};
}

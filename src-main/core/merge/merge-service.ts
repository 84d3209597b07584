// Share and merge through the contract: packing the project into bytes, previewing and applying a teammate's file.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ResponseOf, ValidRequestOf } from '../../../src-shared/api/contract';
import { UserError } from '../../../src-shared/model/result';
import { projectMeta } from '../../store/project-meta';
import type { ProjectSession } from '../session';
import { refusalOfReceived } from './incoming';
import { mergeProjectFile, packProject, previewMerge, type MergePlan } from './index';

/** Previews waiting for the user's confirmation, by id: the received file, kept in a private folder. */
const pending = new Map<string, { session: ProjectSession; dir: string; path: string; fileName: string }>();

function discard(id: string): void {
  const entry = pending.get(id);
  if (entry) rmSync(entry.dir, { recursive: true, force: true });
  pending.delete(id);
}

function safeFileName(name: string): string {
  return (name.replace(/[^\p{L}\p{N}._ -]+/gu, '_').trim() || 'project').slice(0, 120);
}

/** The whole project as one self-contained file, for the user to save and send. */
export function packForSharing(session: ProjectSession): ResponseOf<'project.pack'> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-pack-'));
  try {
    const out = join(dir, 'shared.marginalia');
    packProject(session, out);
    const name = projectMeta(session.db)?.name ?? basename(session.path);
    return { fileName: `${safeFileName(name)}.marginalia`, contentBase64: readFileSync(out).toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describePlan(plan: MergePlan) {
  return { projectName: plan.projectName, summary: plan.summary, conflicts: plan.conflicts.map((c) => c.label) };
}

/** Checks a teammate's file (sent as bytes) and says what merging it would do; nothing is written yet. */
export function previewTeammateFile(session: ProjectSession, request: ValidRequestOf<'merge.preview'>): ResponseOf<'merge.preview'> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-received-'));
  const path = join(dir, 'received.marginalia');
  try {
    writeFileSync(path, Buffer.from(request.contentBase64, 'base64'));
    const plan = previewMerge(session, path);
    const previewId = randomUUID();
    pending.set(previewId, { session, dir, path, fileName: request.fileName });
    return { previewId, fileName: request.fileName, ...describePlan(plan) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error instanceof UserError ? refusalOfReceived(error, path, request.fileName) : error;
  }
}

/** Merges a previewed file in one transaction (checked again, against the project as it is now). */
export function applyTeammateFile(session: ProjectSession, request: ValidRequestOf<'merge.apply'>): ResponseOf<'merge.apply'> {
  const entry = pending.get(request.previewId);
  if (!entry || entry.session !== session) throw new UserError('not_found', 'That merge preview has expired; choose the file again.');
  try {
    return describePlan(mergeProjectFile(session, entry.path));
  } finally {
    discard(request.previewId);
  }
}

export function cancelTeammateFile(request: ValidRequestOf<'merge.cancel'>): ResponseOf<'merge.cancel'> {
  discard(request.previewId);
  return {};
}

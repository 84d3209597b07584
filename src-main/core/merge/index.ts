// Sharing projects: packing one into a single file, and merging teammates' files into this one.
import { existsSync } from 'node:fs';
import { UserError } from '../../../src-shared/model/result';
import type { ProjectSession } from '../session';
import { applyMerge } from './apply';
import { readIncomingProject, type IncomingProject } from './incoming';
import { planMerge, type MergePlan } from './plan';

export type { MergePlan } from './plan';

/** Reads and checks a teammate's file and works out what merging it would do; writes nothing. */
export function previewMerge(session: ProjectSession, path: string): MergePlan {
  const incoming = readIncomingProject(path);
  try {
    return planMerge(session.db, incoming, session.now());
  } finally {
    incoming.close();
  }
}

/** Merges a teammate's file into the project in one transaction, or (dryRun) only reports what it would do. */
export function mergeProjectFile(session: ProjectSession, path: string, options: { dryRun?: boolean } = {}): MergePlan {
  const [merged] = mergeProjectFiles(session, [path], options);
  if (!merged) throw new Error('no merge result');
  return merged.plan;
}

/**
 * Merges several files as one command: all are read and checked first, so a refused file leaves the project
 * untouched; then all are merged in one transaction, each planned against the project as the files before it left
 * it — all of them or, if anything fails, none. With dryRun each preview is against the project as it is now.
 */
export function mergeProjectFiles(session: ProjectSession, paths: readonly string[], options: { dryRun?: boolean } = {}): { path: string; plan: MergePlan }[] {
  const incoming: { path: string; project: IncomingProject }[] = [];
  try {
    for (const path of paths) {
      try {
        incoming.push({ path, project: readIncomingProject(path) });
      } catch (error) {
        if (error instanceof UserError) throw new UserError(error.code, `${path}: ${error.message}`);
        throw error;
      }
    }
    const now = session.now();
    const mergeAll = () =>
      incoming.map(({ path, project }) => {
        const plan = planMerge(session.db, project, now);
        if (!options.dryRun) applyMerge(session.db, plan, project, now);
        return { path, plan };
      });
    return options.dryRun ? mergeAll() : session.db.transaction(mergeAll)();
  } finally {
    for (const { project } of incoming) project.close();
  }
}

/**
 * Writes the whole project into one self-contained file (no WAL or other sidecar files) that a teammate can open
 * or merge. Refuses to overwrite.
 */
export function packProject(session: ProjectSession, outPath: string): void {
  if (existsSync(outPath)) throw new UserError('project_exists', `"${outPath}" already exists; choose another name.`);
  session.db.prepare('VACUUM INTO ?').run(outPath);
}

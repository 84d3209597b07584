// `marginalia pack` and `marginalia merge`: sharing project files with teammates.
import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import type { MergePreview } from '../../src-shared/api/contract';
import { MAX_MERGE_PREVIEWS } from '../../src-shared/api/limits';
import { KIND_LABELS } from '../../src-shared/model/annotation';
import { UserError } from '../../src-shared/model/result';
import { checkInputFile, readInputFile } from '../core/read-input-file';
import { analystName, withProject, type CliIo, type CliProject } from './project';
import { visible } from './render';

/** A path as a POSIX shell reads it back, quoted only when it needs to be. */
function shellQuoted(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The preview of a merge, as a person reads it; `projectPath` completes the commands it offers. */
export function describeMergePlan(file: string, plan: MergePreview, applied: boolean, projectPath?: string): string {
  const s = plan.summary;
  const lines = [`${applied ? 'Merged' : 'Would merge'} “${visible(plan.projectName)}” from ${visible(file)}:`];
  for (const notice of s.notices) lines.push(`  note: ${visible(notice)}`);
  lines.push(`  documents: ${s.newDocuments} new, ${s.sameDocuments} already here`);
  if (s.newTags.length === 0) lines.push('  new tags: none');
  for (const t of s.newTags) lines.push(`  new tags: ${t.count} ${KIND_LABELS[t.kind].toLowerCase()} by ${visible(t.analyst)}`);
  lines.push(`  updated tags: ${s.updatedTags}; actors: ${s.newActors} new, ${s.updatedActors} updated; document details: ${s.updatedDocuments}; change-log entries: ${s.newChanges}`);
  if (s.conflicts > 0) {
    lines.push(`  conflicts: ${s.conflicts} (edited on both sides, or edited on one and deleted on the other; the newer version ${applied ? 'won' : 'wins'}, the other is kept in the history):`);
    for (const c of plan.conflicts.slice(0, 20)) lines.push(`    - ${visible(c)}`);
    if (plan.conflicts.length > 20) lines.push(`    … and ${plan.conflicts.length - 20} more`);
  } else lines.push('  conflicts: none');
  for (const p of s.actorProposals) {
    const same = p.incoming.trim() === p.local.trim() ? ' (the same name: two actors now answer to it)' : '';
    lines.push(`  proposal: “${visible(p.incoming)}” (${p.incomingId.slice(0, 8)}) looks like “${visible(p.local)}” (${p.localId.slice(0, 8)}) already in the registry${same}`);
    const project = projectPath === undefined ? '<project>' : visible(shellQuoted(projectPath));
    lines.push(`    to treat them as one${applied ? '' : ' after merging'}: marginalia actors ${project} --combine ${p.incomingId.slice(0, 8)} --into ${p.localId.slice(0, 8)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Previews every file (each checked against the project as it is now), then merges them all in one transaction,
 * or with `dryRun` only previews; a refused file leaves the project untouched. Previews not merged are cancelled.
 */
async function mergeFiles(project: CliProject, files: readonly string[], dryRun: boolean): Promise<MergePreview[]> {
  const previewIds: string[] = [];
  try {
    const previews: MergePreview[] = [];
    for (const file of files) {
      const content = readInputFile(file, 'project');
      const preview = await project.call('merge.preview', { fileName: basename(file), content });
      previewIds.push(preview.previewId);
      previews.push(preview);
    }
    if (dryRun) return previews;
    const { merged } = await project.call('merge.applyMany', { previewIds: previewIds.splice(0) });
    return merged;
  } finally {
    for (const previewId of previewIds) await project.call('merge.cancel', { previewId });
  }
}

export function registerShareCommands(program: Command, io: CliIo): void {
  program
    .command('pack')
    .description('write the project into one self-contained file to send to a teammate')
    .argument('<project>', 'the project file')
    .requiredOption('--out <file>', 'the file to write (must not exist)')
    .action(async (projectPath: string, options: { out: string }) => {
      if (existsSync(options.out)) throw new UserError('project_exists', `"${options.out}" already exists; choose another name.`);
      await withProject(projectPath, null, false, async (project) => {
        const packed = await project.call('project.pack', {});
        writeFileSync(options.out, packed.content, { flag: 'wx' });
        io.stdout(`Packed ${projectPath} into ${options.out}\n`);
      });
    });

  program
    .command('merge')
    .description("merge teammates' project files into a project (shows what it does; --dry-run to only preview)")
    .argument('<project>', 'the project file to merge into')
    .argument('<files...>', "teammates' project files")
    .option('--dry-run', 'only print the preview; change nothing')
    .option('--analyst <name>', 'who is merging (default: the app setting, or MARGINALIA_ANALYST)')
    .action(async (projectPath: string, files: string[], options: { dryRun?: boolean; analyst?: string }) => {
      const dryRun = options.dryRun === true;
      if (!dryRun && files.length > MAX_MERGE_PREVIEWS) {
        throw new UserError('invalid_request', `One merge takes at most ${MAX_MERGE_PREVIEWS} files; merge the others in another command.`);
      }
      for (const file of files) checkInputFile(file, 'project');
      await withProject(projectPath, analystName(options.analyst, io), false, async (project) => {
        const plans = await mergeFiles(project, files, dryRun);
        plans.forEach((plan, i) => io.stdout(describeMergePlan(files[i] ?? '', plan, !dryRun, projectPath)));
      });
    });
}

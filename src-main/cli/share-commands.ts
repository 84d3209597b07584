// `marginalia pack` and `marginalia merge`: sharing project files with teammates.
import { Command } from 'commander';
import type { MergePlan } from '../core/merge/index';
import { mergeProjectFiles, packProject } from '../core/merge/index';
import { KIND_LABELS } from '../../src-shared/model/annotation';
import { actorNameKey, type Actor } from '../../src-shared/model/actor';
import { UserError } from '../../src-shared/model/result';
import { checkInputFile } from '../core/read-input-file';
import { analystName, withProject, type CliIo } from './project';
import { visible } from './render';

/** The preview of a merge, as a person reads it. */
export function describeMergePlan(file: string, plan: MergePlan, applied: boolean): string {
  const s = plan.summary;
  const lines = [`${applied ? 'Merged' : 'Would merge'} “${visible(plan.projectName)}” from ${visible(file)}:`];
  for (const notice of s.notices) lines.push(`  note: ${visible(notice)}`);
  lines.push(`  documents: ${s.newDocuments} new, ${s.sameDocuments} already here`);
  if (s.newTags.length === 0) lines.push('  new tags: none');
  for (const t of s.newTags) lines.push(`  new tags: ${t.count} ${KIND_LABELS[t.kind].toLowerCase()} by ${visible(t.analyst)}`);
  lines.push(`  updated tags: ${s.updatedTags}; actors: ${s.newActors} new, ${s.updatedActors} updated; change-log entries: ${s.newChanges}`);
  if (s.conflicts > 0) {
    lines.push(`  conflicts: ${s.conflicts} (edited on both sides, or edited on one and deleted on the other; the newer version ${applied ? 'won' : 'wins'}, the other is kept in the history):`);
    for (const c of plan.conflicts.slice(0, 20)) lines.push(`    - ${visible(c.label)}`);
    if (plan.conflicts.length > 20) lines.push(`    … and ${plan.conflicts.length - 20} more`);
  } else lines.push('  conflicts: none');
  for (const p of s.actorProposals) {
    lines.push(`  proposal: “${visible(p.incoming)}” looks like “${visible(p.local)}” already in the registry`);
    if (applied) lines.push(`    to treat them as one: marginalia actors <project> --combine "${visible(p.incoming)}" --into "${visible(p.local)}"`);
  }
  return `${lines.join('\n')}\n`;
}

/** The live actor named exactly `name`, else the only one whose name or alias matches it ignoring case and accents. */
function actorNamed(actors: readonly Actor[], name: string): Actor {
  const exact = actors.filter((a) => a.name === name.trim());
  if (exact.length === 1 && exact[0]) return exact[0];
  const key = actorNameKey(name);
  const byName = actors.filter((a) => actorNameKey(a.name) === key);
  const byAlias = actors.filter((a) => a.aliases.some((alias) => actorNameKey(alias) === key));
  const found = byName.length === 1 ? byName[0] : byName.length === 0 && byAlias.length === 1 ? byAlias[0] : undefined;
  if (!found) throw new UserError('not_found', byName.length + byAlias.length === 0 ? `No actor called “${name}”.` : `“${name}” names several actors; use the canonical name.`);
  return found;
}

export function registerShareCommands(program: Command, io: CliIo): void {
  program
    .command('actors')
    .description('list the actor registry; --combine treats two actors as one (e.g. after a merge)')
    .argument('<project>', 'the project file')
    .option('--combine <name>', 'the actor to fold into another (its names become aliases)')
    .option('--into <name>', 'the actor to keep')
    .option('--analyst <name>', 'who is doing this (default: the app setting, or MARGINALIA_ANALYST)')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: { combine?: string; into?: string; analyst?: string; json?: boolean }) => {
      if ((options.combine === undefined) !== (options.into === undefined)) throw new UserError('invalid_request', '--combine and --into go together.');
      const writes = options.combine !== undefined;
      await withProject(projectPath, writes ? analystName(options.analyst, io) : null, !writes, async (project) => {
        if (options.combine !== undefined && options.into !== undefined) {
          const { actors } = await project.call('actor.list', {});
          const merge = actorNamed(actors, options.combine);
          const keep = actorNamed(actors, options.into);
          const result = await project.call('actor.combine', { keepId: keep.id, mergeId: merge.id });
          io.stderr(`“${visible(merge.name)}” is now an alias of “${visible(keep.name)}”; ${result.retagged} tag(s) updated.\n`);
        }
        const { actors } = await project.call('actor.list', {});
        if (options.json) io.stdout(`${JSON.stringify(actors, null, 2)}\n`);
        else for (const a of actors) io.stdout(`${visible(a.name)} (${a.kind})${a.aliases.length ? ` — also: ${visible(a.aliases.join(', '))}` : ''}\n`);
      });
    });

  program
    .command('pack')
    .description('write the project into one self-contained file to send to a teammate')
    .argument('<project>', 'the project file')
    .requiredOption('--out <file>', 'the file to write (must not exist)')
    .action(async (projectPath: string, options: { out: string }) => {
      await withProject(projectPath, null, false, async (project) => {
        packProject(project.session, options.out);
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
      for (const file of files) checkInputFile(file, 'project');
      await withProject(projectPath, analystName(options.analyst, io), false, async (project) => {
        for (const { path, plan } of mergeProjectFiles(project.session, files, { dryRun: options.dryRun === true })) {
          io.stdout(describeMergePlan(path, plan, options.dryRun !== true));
        }
      });
    });
}

// `marginalia analysts`: the project's analyst identities — list them, rename one in place, combine two into one.
import { Command } from 'commander';
import type { AnalystEntry } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import { analystName, resolveAnalyst, withProject, type CliIo } from './project';
import { visible } from './render';

/** One analyst per line: id prefix, name, tag count, origin, and a mark for the one this session writes as. */
export function renderAnalysts(analysts: readonly AnalystEntry[]): string {
  if (analysts.length === 0) return 'No analysts yet: nobody has written in this project.\n';
  const names = analysts.map((a) => visible(a.name));
  const width = Math.max(...names.map((n) => n.length), 4);
  const lines = analysts.map(
    (a, i) => `${a.id.slice(0, 8)}  ${(names[i] ?? '').padEnd(width)}  ${String(a.tagCount).padStart(6)} tag(s)  ${visible(a.origin)}${a.current ? '  (you)' : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

interface AnalystsOptions {
  rename?: string;
  to?: string;
  combine?: string;
  into?: string;
  dryRun?: boolean;
  analyst?: string;
  json?: boolean;
}

export function registerAnalystsCommands(program: Command, io: CliIo): void {
  program
    .command('analysts')
    .description('list who tagged (id, name, tags, origin); --rename renames one in place; --combine makes two identities one')
    .argument('<project>', 'the project file')
    .option('--rename <name|id>', 'the analyst to rename (name, id or id prefix)')
    .option('--to <name>', 'the new name')
    .option('--combine <name|id>', 'the analyst whose tags move to another (undoable)')
    .option('--into <name|id>', 'the analyst to keep')
    .option('--dry-run', 'with --combine: only say how many tags would move')
    .option('--analyst <name>', 'who is doing this (default: the app setting, or MARGINALIA_ANALYST)')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: AnalystsOptions) => {
      if ((options.rename === undefined) !== (options.to === undefined)) throw new UserError('invalid_request', '--rename and --to go together.');
      if ((options.combine === undefined) !== (options.into === undefined)) throw new UserError('invalid_request', '--combine and --into go together.');
      if (options.rename !== undefined && options.combine !== undefined) throw new UserError('invalid_request', 'Rename or combine, one at a time.');
      const writes = (options.rename !== undefined || options.combine !== undefined) && options.dryRun !== true;
      // The name is read even for a listing: it marks which analyst is you.
      await withProject(projectPath, analystName(options.analyst, io), !writes, async (project) => {
        if (options.rename !== undefined && options.to !== undefined) {
          const analyst = await resolveAnalyst(project, options.rename);
          const renamed = await project.call('analyst.rename', { id: analyst.id, name: options.to });
          io.stderr(`Renamed “${visible(analyst.name)}” to “${visible(renamed.name)}” (${renamed.id.slice(0, 8)}); ${renamed.tagCount} tag(s) keep their analyst.\n`);
        }
        if (options.combine !== undefined && options.into !== undefined) {
          const from = await resolveAnalyst(project, options.combine);
          const into = await resolveAnalyst(project, options.into);
          const result = await project.call('analyst.combine', { from: from.id, into: into.id, dryRun: options.dryRun === true });
          const who = (a: AnalystEntry) => `“${visible(a.name)}” (${a.id.slice(0, 8)})`;
          io.stderr(
            options.dryRun
              ? `Would move ${result.moved} tag(s) from ${who(from)} to ${who(into)}; nothing changed.\n`
              : `Moved ${result.moved} tag(s) from ${who(from)} to ${who(into)}; marginalia undo reverts it.\n`,
          );
        }
        const { analysts } = await project.call('analyst.list', {});
        io.stdout(options.json ? `${JSON.stringify(analysts, null, 2)}\n` : renderAnalysts(analysts));
      });
    });
}

// `marginalia checks` (cross-document findings with their evidence; --dismiss sets one aside) and `marginalia actor-roles`.
import type { Command } from 'commander';
import type { Finding } from '../../src-shared/api/contract';
import { WARNING_CATEGORY_LABELS } from '../../src-shared/model/annotation';
import { UserError } from '../../src-shared/model/result';
import { pickActor } from './actors-commands';
import { analystName, withProject, type CliIo } from './project';
import { visible } from './render';

const RULE_LABELS: Readonly<Record<Finding['rule'], string>> = {
  figures: 'Figures that disagree',
  roles: 'Roles that disagree',
  outdated_role: 'Outdated role',
  claims: 'Claim repeated',
};

/** Each finding: its rule and summary, the suggested warning category, its key, and one line per piece of evidence. */
export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.\n';
  const blocks = findings.map((f) => {
    const evidence = f.evidence.map(
      (e) => `    ${e.documentId.slice(0, 8)}  “${visible(e.title)}”${e.publishedAt ? ` (${e.publishedAt.slice(0, 10)})` : ''}  ${e.start}-${e.end}  ${visible(e.quote.replace(/\s+/gu, ' ').slice(0, 80))} — ${visible(e.detail)}`,
    );
    const dismissed = f.dismissed ? ' (dismissed)' : '';
    return `${RULE_LABELS[f.rule]}${dismissed}: ${visible(f.summary)}\n  suggested warning: ${WARNING_CATEGORY_LABELS[f.suggestedCategory]}; key ${f.key}\n${evidence.join('\n')}`;
  });
  return `${blocks.join('\n\n')}\n\n${findings.length} finding(s).\n`;
}

export function registerChecksCommands(program: Command, io: CliIo): void {
  registerActorRolesCommand(program, io);
  program
    .command('checks')
    .description('check the project across documents: figures that disagree, roles that disagree, claims repeated (tags are never changed)')
    .argument('<project>', 'the project file')
    .option('--all', 'include dismissed findings')
    .option('--dismiss <key>', 'set the finding with this key aside (remembered in the project file)')
    .option('--analyst <name>', 'who dismisses (default: the app setting, or MARGINALIA_ANALYST)')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: { all?: boolean; dismiss?: string; analyst?: string; json?: boolean }) => {
      const writes = options.dismiss !== undefined;
      await withProject(projectPath, writes ? analystName(options.analyst, io) : null, !writes, async (project) => {
        if (options.dismiss !== undefined) {
          await project.call('checks.dismiss', { key: options.dismiss });
          io.stderr(`Dismissed ${options.dismiss}; \`marginalia checks --all\` still shows it.\n`);
        }
        const { findings } = await project.call('checks.list', { includeDismissed: options.all === true });
        io.stdout(options.json ? `${JSON.stringify(findings, null, 2)}\n` : renderFindings(findings));
      });
    });
}

interface ActorRolesOptions {
  actor?: string;
  role?: string;
  from?: string;
  to?: string;
  analyst?: string;
  json?: boolean;
}

function registerActorRolesCommand(program: Command, io: CliIo): void {
  program
    .command('actor-roles')
    .description("list actors' roles with their dates, or record one (checks flags a role named in an article dated outside it)")
    .argument('<project>', 'the project file')
    .option('--actor <name|id>', 'the actor (name, alias, id or id prefix)')
    .option('--role <role>', 'with --actor: the role to record, e.g. "Defense Minister"')
    .option('--from <date>', 'with --role: the date the role began (YYYY-MM-DD)')
    .option('--to <date>', 'with --role: the date it ended (YYYY-MM-DD); none while it lasts')
    .option('--analyst <name>', 'who records it (default: the app setting, or MARGINALIA_ANALYST)')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: ActorRolesOptions) => {
      const writes = options.role !== undefined;
      if (writes && (options.actor === undefined || options.from === undefined)) throw new UserError('invalid_request', '--role needs --actor <name> and --from <date>.');
      await withProject(projectPath, writes ? analystName(options.analyst, io) : null, !writes, async (project) => {
        const { actors } = await project.call('actor.list', {});
        const actor = options.actor === undefined ? undefined : pickActor(actors, options.actor);
        if (writes && actor && options.from !== undefined && options.role !== undefined) {
          await project.call('actor.addRole', { actorId: actor.id, role: options.role, from: options.from, ...(options.to !== undefined ? { to: options.to } : {}) });
        }
        const { roles } = await project.call('actor.roles', actor ? { actorId: actor.id } : {});
        const names = new Map(actors.map((a) => [a.id as string, a.name]));
        if (options.json) io.stdout(`${JSON.stringify(roles, null, 2)}\n`);
        else if (roles.length === 0) io.stdout('No roles recorded.\n');
        else io.stdout(`${roles.map((r) => `${visible(names.get(r.actorId) ?? r.actorId)}: ${visible(r.role)}, ${r.from} – ${r.to ?? 'now'}`).join('\n')}\n`);
      });
    });
}

// `marginalia suggest`: list suggestions (known actors, new actors, figures, claims), accept or reject them by key.
import { Command, Option } from 'commander';
import type { ResponseOf } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import { SuggestionKindSchema, type Suggestion } from '../../src-shared/suggest/types';
import { pickActor } from './actors-commands';
import { analystName, resolveDocument, withProject, type CliIo, type CliProject } from './project';
import { visible } from './render';

interface SuggestOptions {
  document?: string;
  kind?: string;
  json?: boolean;
  accept: string[];
  reject: string[];
  acceptAll?: boolean;
  actor?: string;
  dryRun?: boolean;
  analyst?: string;
}

const repeatable = (v: string, all: string[] = []) => [...all, v];

function kindOf(option: string | undefined): Suggestion['kind'] | undefined {
  if (option === undefined) return undefined;
  const parsed = SuggestionKindSchema.safeParse(option);
  if (!parsed.success) throw new UserError('invalid_request', `--kind takes actor, figure or claim, not “${option}”.`);
  return parsed.data;
}

function describe(s: Suggestion): string {
  const who = s.actor !== undefined ? ` → ${visible(s.actor)}` : '';
  const attributes = s.attributes ? ` ${JSON.stringify(s.attributes)}` : '';
  return `${s.key}  ${s.documentId.slice(0, 8)} ${s.start}-${s.end}  ${s.kind}  “${visible(s.quote.replace(/\s+/g, ' '))}”${who}${attributes} (${visible(s.reason)})`;
}

function renderList(listed: ResponseOf<'suggestion.list'>): string {
  if (listed.suggestions.length === 0) return 'No suggestions.\n';
  const { total, byKind } = listed.counts;
  return `${listed.suggestions.map(describe).join('\n')}\n${total} suggestion(s): ${byKind.actor} actor, ${byKind.figure} figure, ${byKind.claim} claim.\n`;
}

function said(result: { created: number; actorsCreated: number; aliasesAdded: number }): string {
  const extras = [result.actorsCreated ? `${result.actorsCreated} actor(s) registered` : '', result.aliasesAdded ? `${result.aliasesAdded} spelling(s) added as aliases` : '']
    .filter(Boolean)
    .join(', ');
  return `${result.created} tag(s) created${extras ? `; ${extras}` : ''}.`;
}

async function runWrites(project: CliProject, options: SuggestOptions, filters: { documentId?: string; kind?: Suggestion['kind'] }, io: CliIo): Promise<void> {
  if (options.accept.length > 0) io.stderr(`Accepted: ${said(await project.call('suggestion.accept', { keys: options.accept }))}\n`);
  if (options.reject.length > 0) io.stderr(`Rejected ${(await project.call('suggestion.reject', { keys: options.reject })).rejected} suggestion(s); they will not be offered again.\n`);
  if (options.acceptAll === true) {
    const actorId = options.actor === undefined ? undefined : pickActor((await project.call('actor.list', {})).actors, options.actor).id;
    const result = await project.call('suggestion.acceptAll', { ...filters, ...(actorId ? { actorId } : {}), dryRun: options.dryRun === true });
    io.stderr(options.dryRun === true ? `Would accept ${result.count} suggestion(s); nothing changed.\n` : `Accepted all ${result.count}: ${said(result)} One undo step.\n`);
  }
}

export function registerSuggestCommands(program: Command, io: CliIo): void {
  program
    .command('suggest')
    .description('list suggested tags (mentions of known actors, new actors, figures, attributed claims); accept or reject them')
    .argument('<project>', 'the project file')
    .option('--document <doc>', 'only this document (id, id prefix or title)')
    .option('--kind <kind>', 'only actor, figure or claim suggestions')
    .addOption(new Option('--accept <key>', 'accept a suggestion by its key (repeatable)').argParser(repeatable).default([]))
    .addOption(new Option('--reject <key>', 'reject a suggestion by its key; it is not offered again (repeatable)').argParser(repeatable).default([]))
    .option('--accept-all', 'accept every suggestion matching --kind, --actor and --document, as one undo step')
    .option('--actor <name|id>', 'with --accept-all: only mentions of this actor (with --kind claim: claims the actor made)')
    .option('--dry-run', 'with --accept-all: only count what would be accepted')
    .option('--analyst <name>', 'who accepts or rejects (default: the app setting, or MARGINALIA_ANALYST)')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: SuggestOptions) => {
      const kind = kindOf(options.kind);
      if (options.actor !== undefined && options.acceptAll !== true) throw new UserError('invalid_request', '--actor goes with --accept-all.');
      const writes = options.accept.length > 0 || options.reject.length > 0 || (options.acceptAll === true && options.dryRun !== true);
      await withProject(projectPath, writes ? analystName(options.analyst, io) : null, !writes, async (project) => {
        const documentId = options.document === undefined ? undefined : (await resolveDocument(project, options.document)).id;
        const filters = { ...(documentId ? { documentId } : {}), ...(kind ? { kind } : {}) };
        await runWrites(project, options, filters, io);
        const listed = await project.call('suggestion.list', filters);
        io.stdout(options.json ? `${JSON.stringify(listed, null, 2)}\n` : renderList(listed));
      });
    });
}

// `marginalia actors`: the actor registry — list it with mention counts, rename, add or remove aliases, combine two.
import { Command, Option } from 'commander';
import type { ResponseOf } from '../../src-shared/api/contract';
import { actorNameKey } from '../../src-shared/model/actor';
import { UserError } from '../../src-shared/model/result';
import { analystName, withProject, type CliIo, type CliProject } from './project';
import { visible } from './render';

type ListedActor = ResponseOf<'actor.list'>['actors'][number];

function describeActor(a: ListedActor): string {
  const mentions = a.mentions === undefined ? '' : `, ${a.mentions.total} mention(s)`;
  return `${a.name} (${a.kind}, ${a.id.slice(0, 8)}${mentions})`;
}

/**
 * The actor `reference` names: by id or id prefix (at least 4 characters), else by canonical name, else by alias
 * (ignoring case and accents). A reference several actors answer to (two “Kyrylo Budanov” after a merge) is refused
 * with each candidate listed, so the user can pick one by id.
 */
export function pickActor(actors: readonly ListedActor[], reference: string): ListedActor {
  const ref = reference.trim().toLowerCase();
  const key = actorNameKey(reference);
  const byId = actors.filter((a) => a.id.toLowerCase() === ref || (ref.length >= 4 && a.id.toLowerCase().startsWith(ref)));
  const exact = actors.filter((a) => a.name === reference.trim());
  const byName = actors.filter((a) => actorNameKey(a.name) === key);
  const byAlias = actors.filter((a) => a.aliases.some((alias) => actorNameKey(alias) === key));
  const candidates = [byId, exact, byName, byAlias].find((list) => list.length > 0) ?? [];
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  if (candidates.length === 0) throw new UserError('not_found', `No actor called “${reference}” in the registry.`);
  throw new UserError('ambiguous_name', `“${reference}” names ${candidates.length} actors: ${candidates.map(describeActor).join('; ')}. Name one by its id prefix.`);
}

/** One actor per line: id prefix, name, kind, aliases, and how often tags name it. */
export function renderActors(actors: readonly ListedActor[]): string {
  if (actors.length === 0) return 'The actor registry is empty.\n';
  const lines = actors.map((a) => {
    const aliases = a.aliases.length ? ` — also: ${visible(a.aliases.join(', '))}` : '';
    const mentions = a.mentions ? ` — ${a.mentions.total} mention(s)${a.mentions.byDocument.length > 1 ? ` in ${a.mentions.byDocument.length} documents` : ''}` : '';
    return `${a.id.slice(0, 8)}  ${visible(a.name)} (${a.kind})${aliases}${mentions}`;
  });
  return `${lines.join('\n')}\n`;
}

interface ActorsOptions {
  rename?: string;
  to?: string;
  actor?: string;
  aliasAdd: string[];
  aliasRemove: string[];
  combine?: string;
  into?: string;
  dryRun?: boolean;
  analyst?: string;
  json?: boolean;
}

const repeatable = (v: string, all: string[] = []) => [...all, v];

async function editAliases(project: CliProject, actor: ListedActor, options: ActorsOptions, io: CliIo): Promise<void> {
  const removing = new Set(options.aliasRemove.map(actorNameKey));
  const missing = options.aliasRemove.filter((alias) => !actor.aliases.some((a) => actorNameKey(a) === actorNameKey(alias)));
  if (missing.length > 0) throw new UserError('not_found', `“${actor.name}” has no alias ${missing.map((m) => `“${m}”`).join(', ')}.`);
  const aliases = [...actor.aliases.filter((a) => !removing.has(actorNameKey(a))), ...options.aliasAdd];
  const updated = await project.call('actor.update', { id: actor.id, aliases });
  io.stderr(`“${visible(updated.name)}” is also called: ${visible(updated.aliases.join(', ')) || 'nothing else'}.\n`);
}

async function runActorEdits(project: CliProject, options: ActorsOptions, io: CliIo): Promise<void> {
  const { actors } = await project.call('actor.list', { withMentions: true });
  if (options.rename !== undefined && options.to !== undefined) {
    const actor = pickActor(actors, options.rename);
    const renamed = await project.call('actor.update', { id: actor.id, name: options.to });
    io.stderr(`Renamed “${visible(actor.name)}” to “${visible(renamed.name)}”; its ${actor.mentions?.total ?? 0} mention(s) follow.\n`);
  }
  if (options.aliasAdd.length > 0 || options.aliasRemove.length > 0) {
    if (options.actor === undefined) throw new UserError('invalid_request', '--alias-add and --alias-remove need --actor <name|id>.');
    await editAliases(project, pickActor((await project.call('actor.list', { withMentions: true })).actors, options.actor), options, io);
  }
  if (options.combine !== undefined && options.into !== undefined) {
    const merge = pickActor(actors, options.combine);
    const keep = pickActor(actors, options.into);
    const result = await project.call('actor.combine', { keepId: keep.id, mergeId: merge.id, dryRun: options.dryRun === true });
    io.stderr(
      options.dryRun
        ? `Would make “${visible(merge.name)}” an alias of “${visible(keep.name)}” and update ${result.retagged} tag(s); nothing changed.\n`
        : `“${visible(merge.name)}” is now an alias of “${visible(keep.name)}”; ${result.retagged} tag(s) updated.\n`,
    );
  }
}

export function registerActorsCommands(program: Command, io: CliIo): void {
  program
    .command('actors')
    .description('list the actor registry (kind, aliases, mentions); rename, edit aliases, or combine two actors (e.g. after a merge)')
    .argument('<project>', 'the project file')
    .option('--rename <name|id>', 'the actor to rename (name, alias, id or id prefix)')
    .option('--to <name>', 'the new name')
    .option('--actor <name|id>', 'the actor whose aliases --alias-add and --alias-remove change')
    .addOption(new Option('--alias-add <alias>', 'another spelling of --actor (repeatable)').argParser(repeatable).default([]))
    .addOption(new Option('--alias-remove <alias>', 'an alias of --actor to drop (repeatable)').argParser(repeatable).default([]))
    .option('--combine <name|id>', 'the actor to fold into another (its names become aliases, its tags follow)')
    .option('--into <name|id>', 'the actor to keep')
    .option('--dry-run', 'with --combine: only say what would move')
    .option('--analyst <name>', 'who is doing this (default: the app setting, or MARGINALIA_ANALYST)')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: ActorsOptions) => {
      if ((options.combine === undefined) !== (options.into === undefined)) throw new UserError('invalid_request', '--combine and --into go together.');
      if ((options.rename === undefined) !== (options.to === undefined)) throw new UserError('invalid_request', '--rename and --to go together.');
      const edits = options.rename !== undefined || options.combine !== undefined || options.aliasAdd.length > 0 || options.aliasRemove.length > 0;
      const writes = edits && !(options.dryRun === true && options.rename === undefined && options.aliasAdd.length + options.aliasRemove.length === 0);
      await withProject(projectPath, writes ? analystName(options.analyst, io) : null, !writes, async (project) => {
        if (edits) await runActorEdits(project, options, io);
        const { actors } = await project.call('actor.list', { withMentions: true });
        io.stdout(options.json ? `${JSON.stringify(actors, null, 2)}\n` : renderActors(actors));
      });
    });
}

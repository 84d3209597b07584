// `marginalia tags`: every live tag of the project in one table, filtered by kind, analyst, actor, status, review or document.
import { Command, Option } from 'commander';
import type { RequestOf, TagRow } from '../../src-shared/api/contract';
import { ANNOTATION_KINDS, KIND_LABELS, type AnnotationKind } from '../../src-shared/model/annotation';
import { pickActor } from './actors-commands';
import { resolveAnalyst, resolveDocument, withProject, type CliIo, type CliProject } from './project';
import { visible } from './render';

interface TagsOptions {
  kind?: AnnotationKind;
  analyst?: string;
  actor?: string;
  status?: string;
  review?: string;
  document?: string;
  text?: string;
  sort: string;
  desc?: boolean;
  json?: boolean;
}

const STATUSES = ['unverified', 'supported', 'disputed', 'false', 'low', 'medium', 'high'] as const;
const REVIEWS = ['accepted', 'rejected', 'undecided'] as const;
const SORTS = ['kind', 'quote', 'document', 'analyst', 'actor', 'status', 'category', 'value', 'review', 'date'] as const;
/** Rows fetched per call: the table is read page by page, as the app reads it. */
const PAGE = 1_000;

function clip(text: string, width: number): string {
  const oneLine = visible(text.replace(/\s+/gu, ' '));
  return oneLine.length <= width ? oneLine : `${oneLine.slice(0, width - 1)}…`;
}

/** What a row says beyond its kind: status or severity, category, value and unit. */
function details(row: TagRow): string {
  const value = row.value === null ? null : `${row.value.toLocaleString('en')}${row.unit ? ` ${row.unit}` : ''}`;
  return [row.status, row.category, value].filter((part): part is string => part !== null).join(', ');
}

/** One tag per line: date, kind, details, actor, analyst, review, document and quote. */
export function renderTagTable(rows: readonly TagRow[]): string {
  if (rows.length === 0) return 'No tag matches.\n';
  const lines = rows.map((row) => {
    const parts = [
      row.updatedAt.slice(0, 10),
      KIND_LABELS[row.kind],
      details(row),
      row.actorName === null ? '' : `actor: ${clip(row.actorName, 40)}`,
      `by ${clip(row.analystName, 30)}`,
      row.review === null ? '' : `review: ${row.review}`,
      `“${clip(row.documentTitle, 40)}”`,
      row.quote === null ? '(whole document)' : clip(row.quote, 60),
    ];
    return `${row.id.slice(0, 8)}  ${parts.filter((p) => p !== '').join('  ')}`;
  });
  return `${lines.join('\n')}\n${rows.length} tag(s).\n`;
}

async function filtersOf(project: CliProject, options: TagsOptions): Promise<RequestOf<'annotation.query'>> {
  const request: RequestOf<'annotation.query'> = {
    sort: { column: options.sort as (typeof SORTS)[number], descending: options.desc === true },
  };
  if (options.kind !== undefined) request.kinds = [options.kind];
  if (options.analyst !== undefined) request.analystIds = [(await resolveAnalyst(project, options.analyst)).id];
  if (options.actor !== undefined) request.actorId = pickActor((await project.call('actor.list', {})).actors, options.actor).id;
  if (options.status !== undefined) request.statuses = [options.status as (typeof STATUSES)[number]];
  if (options.review !== undefined) request.reviews = [options.review as (typeof REVIEWS)[number]];
  if (options.document !== undefined) request.documentId = (await resolveDocument(project, options.document)).id;
  if (options.text !== undefined) request.text = options.text;
  return request;
}

export function registerTagsCommands(program: Command, io: CliIo): void {
  program
    .command('tags')
    .description('list every live tag of the project: kind, quote, document, analyst, actor, status, value, review, date')
    .argument('<project>', 'the project file')
    .addOption(new Option('--kind <kind>', 'only tags of this kind').choices(ANNOTATION_KINDS))
    .option('--analyst <name>', 'only tags made by this analyst (name, id or id prefix)')
    .option('--actor <name>', 'only tags naming this actor (actor tags and claimants; name, alias or id)')
    .addOption(new Option('--status <status>', 'only claims with this status or warnings with this severity').choices(STATUSES))
    .addOption(new Option('--review <decision>', 'only tags with this review decision').choices(REVIEWS))
    .option('--document <document>', 'only tags of this document (id, id prefix or title)')
    .option('--text <text>', 'only tags whose quote or note holds this text')
    .addOption(new Option('--sort <column>', 'the column to sort by').choices(SORTS).default('date'))
    .option('--desc', 'sort in descending order')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: TagsOptions) => {
      await withProject(projectPath, null, true, async (project) => {
        const request = await filtersOf(project, options);
        const rows: TagRow[] = [];
        for (;;) {
          const page = await project.call('annotation.query', { ...request, offset: rows.length, limit: PAGE });
          rows.push(...page.rows);
          if (page.rows.length < PAGE || rows.length >= page.total) break;
        }
        io.stdout(options.json ? `${JSON.stringify(rows, null, 2)}\n` : renderTagTable(rows));
      });
    });
}

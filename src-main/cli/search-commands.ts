// `marginalia search`: full-text search over the project's documents, and tagging every hit in one undoable step.
import { Command, Option } from 'commander';
import type { RequestOf, ResponseOf } from '../../src-shared/api/contract';
import { ANNOTATION_KINDS, KIND_LABELS, type AnnotationKind } from '../../src-shared/model/annotation';
import { UserError } from '../../src-shared/model/result';
import { analystName, resolveDocument, withProject, type CliIo, type CliProject } from './project';
import { visible } from './render';
import { attributesFromSets } from './set-attributes';

type SearchResult = ResponseOf<'search.query'>;
type Hit = SearchResult['hits'][number];

/** The most hits one `--tag` run tags: what one undoable step (`annotation.createMany`) takes. */
const TAG_ALL_LIMIT = 10_000;

interface SearchOptions {
  document?: string;
  limit: string;
  json?: boolean;
  tag?: AnnotationKind;
  set: string[];
  note?: string;
  dryRun?: boolean;
  analyst?: string;
}

/** One hit per line: document id prefix and title, offsets, and the passage with the hit in [brackets]. */
export function renderHits(result: SearchResult): string {
  if (result.hits.length === 0) return 'No document matches.\n';
  const lines = result.hits.map((hit) => {
    const before = hit.snippet.slice(0, hit.start - hit.snippetStart);
    const after = hit.snippet.slice(hit.end - hit.snippetStart);
    return `${hit.documentId.slice(0, 8)}  ${visible(hit.title)}  ${hit.start}-${hit.end}  …${visible(before)}[${visible(hit.quote)}]${visible(after)}…`;
  });
  const documents = new Set(result.hits.map((h) => h.documentId)).size;
  const more = result.truncated ? ` (more hits in ${result.documentCount} matching documents; raise --limit to see them)` : '';
  return `${lines.join('\n')}\n${result.hits.length} hit(s) in ${documents} document(s)${more}.\n`;
}

/** The hits that do not already carry a live tag of `kind` by the analyst writing now, on exactly the same span. */
async function untaggedHits(project: CliProject, hits: readonly Hit[], kind: AnnotationKind): Promise<Hit[]> {
  const { analysts } = await project.call('analyst.list', {});
  const me = analysts.find((a) => a.current);
  if (!me) return [...hits];
  const taken = new Set<string>();
  for (const documentId of new Set(hits.map((h) => h.documentId))) {
    const { annotations } = await project.call('annotation.listForDocument', { documentId });
    for (const a of annotations) if (a.kind === kind && a.analystId === me.id && a.target) taken.add(`${documentId}:${a.target.start}:${a.target.end}`);
  }
  return hits.filter((h) => !taken.has(`${h.documentId}:${h.start}:${h.end}`));
}

async function tagAll(project: CliProject, result: SearchResult, options: SearchOptions & { tag: AnnotationKind }, io: CliIo): Promise<void> {
  if (result.truncated) {
    throw new UserError('invalid_request', `The search has more than ${TAG_ALL_LIMIT.toLocaleString('en')} hits; narrow it (a phrase, --document) to tag them. Nothing was tagged.`);
  }
  const hits = await untaggedHits(project, result.hits, options.tag);
  const documents = new Set(hits.map((h) => h.documentId)).size;
  const skipped = result.hits.length - hits.length;
  const already = skipped > 0 ? ` (${skipped} already tagged so, left as they are)` : '';
  const label = KIND_LABELS[options.tag].toLowerCase();
  if (hits.length === 0) {
    io.stderr(`Nothing to tag${already}.\n`);
    return;
  }
  if (options.dryRun) {
    io.stderr(`Would tag ${hits.length} hit(s) in ${documents} document(s) as ${label}${already}; nothing changed.\n`);
    return;
  }
  io.stderr(`Tagging ${hits.length} hit(s) in ${documents} document(s) as ${label}${already}…\n`);
  const attributes = await attributesFromSets(project, options.tag, options.set, io);
  const annotations: RequestOf<'annotation.createMany'>['annotations'] = hits.map((hit) => ({
    documentId: hit.documentId,
    kind: options.tag,
    target: { start: hit.start, end: hit.end },
    attributes,
    ...(options.note !== undefined ? { note: options.note } : {}),
  }));
  const { created } = await project.call('annotation.createMany', { annotations });
  io.stderr(`Tagged ${created} hit(s) as ${label}; \`marginalia undo\` takes them all back.\n`);
}

export function registerSearchCommands(program: Command, io: CliIo): void {
  program
    .command('search')
    .description('search every document: words, "phrases", prefix*, AND / OR / NOT and (parentheses); diacritics and case ignored; --tag tags every hit')
    .argument('<project>', 'the project file')
    .argument('<query>', 'what to find, e.g. \'"defense minister" Umerov\' or \'Budanov*\'')
    .option('--document <document>', 'search only this document (id, id prefix or title)')
    .option('--limit <n>', 'show at most this many hits', '200')
    .option('--json', 'machine-readable output')
    .addOption(new Option('--tag <kind>', 'tag every hit as this kind, in one undoable step').choices(ANNOTATION_KINDS))
    .option('--set <attribute=value>', 'with --tag: an attribute of the new tags, repeatable (as for `marginalia tag`)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--note <text>', 'with --tag: a note on each new tag')
    .option('--dry-run', 'with --tag: only say how many hits would be tagged')
    .option('--analyst <name>', 'who is tagging (default: the app setting, or MARGINALIA_ANALYST)')
    .action(async (projectPath: string, query: string, options: SearchOptions) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > TAG_ALL_LIMIT) throw new UserError('invalid_request', `--limit takes a whole number from 1 to ${TAG_ALL_LIMIT}.`);
      if (options.tag === undefined && (options.set.length > 0 || options.note !== undefined || options.dryRun)) {
        throw new UserError('invalid_request', '--set, --note and --dry-run go with --tag <kind>.');
      }
      const writes = options.tag !== undefined && options.dryRun !== true;
      await withProject(projectPath, writes ? analystName(options.analyst, io) : null, !writes, async (project) => {
        const document = options.document === undefined ? undefined : await resolveDocument(project, options.document);
        const result = await project.call('search.query', {
          query,
          limit: options.tag === undefined ? limit : TAG_ALL_LIMIT,
          ...(document ? { documentId: document.id } : {}),
        });
        if (options.tag !== undefined) await tagAll(project, result, { ...options, tag: options.tag }, io);
        else io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderHits(result));
      });
    });
}

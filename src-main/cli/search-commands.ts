// `marginalia search`: full-text search over the project's documents, and tagging every hit in one undoable step.
import { Command, Option } from 'commander';
import type { RequestOf, ResponseOf } from '../../src-shared/api/contract';
import { ANNOTATION_KINDS, KIND_LABELS, type AnnotationKind } from '../../src-shared/model/annotation';
import { UserError } from '../../src-shared/model/result';
import { analystName, resolveDocument, withProject, type CliIo, type CliProject } from './project';
import { visible } from './render';
import { attributesFromSets } from './set-attributes';

type SearchResult = ResponseOf<'search.query'>;

/** The most hits `--limit` shows. */
const SEARCH_LIMIT = 10_000;

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

/** Tags every hit through `search.tagAll`, after counting them (nothing, not even a new actor, is written when none is left to tag). */
async function tagAll(project: CliProject, search: RequestOf<'search.query'>, options: SearchOptions & { tag: AnnotationKind }, io: CliIo): Promise<void> {
  const request = { query: search.query, kind: options.tag, ...(search.documentId !== undefined ? { documentId: search.documentId } : {}) };
  const label = KIND_LABELS[options.tag].toLowerCase();
  const already = (skipped: number) => (skipped > 0 ? ` (${skipped} already tagged so, left as they are)` : '');
  const preview = await project.call('search.tagAll', { ...request, dryRun: true });
  if (preview.tagged === 0) {
    io.stderr(`Nothing to tag${already(preview.skipped)}.\n`);
    return;
  }
  if (options.dryRun) {
    io.stderr(`Would tag ${preview.tagged} hit(s) in ${preview.documentCount} document(s) as ${label}${already(preview.skipped)}; nothing changed.\n`);
    return;
  }
  const attributes = await attributesFromSets(project, options.tag, options.set, io);
  const done = await project.call('search.tagAll', { ...request, attributes, ...(options.note !== undefined ? { note: options.note } : {}) });
  io.stderr(`Tagged ${done.tagged} hit(s) in ${done.documentCount} document(s) as ${label}${already(done.skipped)}; \`marginalia undo\` takes them all back.\n`);
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
      if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT) throw new UserError('invalid_request', `--limit takes a whole number from 1 to ${SEARCH_LIMIT}.`);
      if (options.tag === undefined && (options.set.length > 0 || options.note !== undefined || options.dryRun)) {
        throw new UserError('invalid_request', '--set, --note and --dry-run go with --tag <kind>.');
      }
      const writes = options.tag !== undefined && options.dryRun !== true;
      await withProject(projectPath, writes ? analystName(options.analyst, io) : null, !writes, async (project) => {
        const document = options.document === undefined ? undefined : await resolveDocument(project, options.document);
        const search = { query, limit, ...(document ? { documentId: document.id } : {}) };
        if (options.tag !== undefined) return tagAll(project, search, { ...options, tag: options.tag }, io);
        const result = await project.call('search.query', search);
        io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderHits(result));
      });
    });
}

// The `marginalia` command line: batch work on project files through the same core and contract as the app.
import { basename } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ExportFormatSchema, type ExportFormat, type RequestOf } from '../../src-shared/api/contract';
import { describeBytes, IMPORT_BATCH_LIMITS } from '../../src-shared/api/limits';
import { ANNOTATION_KINDS, type Annotation, type AnnotationKind } from '../../src-shared/model/annotation';
import { UserError } from '../../src-shared/model/result';
import { occurrencesOf } from '../../src-shared/text/quote';
import { logFilePath, logUnexpectedError } from '../core/log';
import { readInputFile } from '../core/read-input-file';
import { createProject } from '../core/session';
import { APP_VERSION } from '../core/version';
import { attributesFromSets } from './set-attributes';
import { renderAnnotationLine, renderDocument, renderDocumentList, visible } from './render';
import { registerShareCommands } from './share-commands';
import { registerReviewCommands } from './review-commands';
import { registerAnalystsCommands } from './analysts-commands';
import { registerActorsCommands } from './actors-commands';
import { registerSearchCommands } from './search-commands';
import { registerSuggestCommands } from './suggest-commands';
import { registerTagsCommands } from './tags-commands';
import { registerChecksCommands } from './checks-commands';
import { registerDocumentCommands } from './document-commands';
import { placeExport } from './write-export';
import { addExportFilterOptions, exportFilters, type ExportFilterOptions } from './export-filters';
import { registerServeCommand } from './serve-command';
import { annotationImportSummary } from './tag-import-summary';
import { registerRepairCommand } from './repair-command';
import { registerCompactCommand } from './compact-command';
import { actorMap, analystMap, analystName, resolveDocument, withProject, type CliIo } from './project';
import { removeStalePrivateFolders } from '../core/private-files';

export type { CliIo } from './project';

interface TagOptions {
  kind: AnnotationKind;
  quote?: string;
  nth: string;
  start?: string;
  end?: string;
  set: string[];
  note?: string;
  json?: boolean;
  analyst?: string;
}

function tagRange(text: string, options: TagOptions): { start: number; end: number } | null {
  if (options.quote !== undefined) {
    const nth = Number(options.nth);
    if (!Number.isInteger(nth) || nth < 1) throw new UserError('invalid_request', '--nth takes a whole number from 1.');
    const found = occurrencesOf(text, options.quote);
    const start = found[nth - 1];
    if (start === undefined) {
      throw new UserError(
        'quote_not_found',
        found.length === 0 ? `“${options.quote}” does not occur in the document.` : `“${options.quote}” occurs ${found.length} time(s), so there is no occurrence ${nth}.`,
      );
    }
    return { start, end: start + options.quote.length };
  }
  if (options.start !== undefined || options.end !== undefined) {
    const start = Number(options.start);
    const end = Number(options.end);
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw new UserError('invalid_request', '--start and --end take whole numbers (UTF-16 offsets).');
    return { start, end };
  }
  if (options.kind === 'reliability_warning') return null;
  throw new UserError('invalid_request', 'Say what to tag: --quote <text> [--nth <n>], or --start <n> --end <n>.');
}

async function tagCommand(projectPath: string, documentRef: string, options: TagOptions, io: CliIo): Promise<void> {
  await withProject(projectPath, analystName(options.analyst, io), false, async (project) => {
    const summary = await resolveDocument(project, documentRef);
    const document = await project.call('document.get', { id: summary.id });
    const range = tagRange(document.text, options);
    const attributes = await attributesFromSets(project, options.kind, options.set, io);
    const annotation: Annotation = await project.call('annotation.create', {
      documentId: summary.id,
      kind: options.kind,
      target: range,
      attributes,
      ...(options.note !== undefined ? { note: options.note } : {}),
    });
    if (options.json) io.stdout(`${JSON.stringify(annotation, null, 2)}\n`);
    else io.stdout(`${renderAnnotationLine(annotation, await actorMap(project), await analystMap(project))}\n`);
  });
}

/** The article files of one `import`, read (each checked first) into contract sources; refused as a whole when too many or too large. */
function readArticles(files: readonly string[], password?: string): RequestOf<'document.importMany'>['sources'] {
  if (files.length > IMPORT_BATCH_LIMITS.files) {
    throw new UserError('invalid_request', `One import takes at most ${IMPORT_BATCH_LIMITS.files} files (here ${files.length}); import them in several commands. Nothing was imported.`);
  }
  let total = 0;
  return files.map((file) => {
    let bytes: Buffer;
    try {
      bytes = readInputFile(file, 'article');
    } catch (error) {
      if (error instanceof UserError && files.length > 1) throw new UserError(error.code, `${error.message} Nothing was imported.`);
      throw error;
    }
    total += bytes.length;
    if (total > IMPORT_BATCH_LIMITS.bytes) {
      throw new UserError('invalid_request', `The files of one import are together at most ${describeBytes(IMPORT_BATCH_LIMITS.bytes)}; import them in several commands. Nothing was imported.`);
    }
    return { type: 'file', fileName: basename(file), content: bytes, ...(password !== undefined ? { password } : {}) };
  });
}

function buildProgram(io: CliIo): Command {
  const program = new Command('marginalia')
    .description('Marginalia: tag claims, actors, figures and reliability warnings in source articles.')
    .version(APP_VERSION)
    // Commander's own errors (unknown option, missing argument) as one line, like every other failure.
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`marginalia: ${text.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`),
    })
    .option('--verbose', 'print the details of an unexpected error on stderr too (they are always in the log file)')
    .exitOverride();
  const analystOption = () => new Option('--analyst <name>', 'who is doing this (default: the app setting, or MARGINALIA_ANALYST)');

  program
    .command('new')
    .description('create a new, empty project file')
    .argument('<file>', 'the project file to create, e.g. ukraine-talks.marginalia')
    .option('--name <project name>', 'the project name (default: the file name)')
    .addOption(analystOption())
    .action((file: string, options: { name?: string; analyst?: string }) => {
      const session = createProject(file, options.name ?? basename(file).replace(/\.marginalia$/i, ''), { analystName: analystName(options.analyst, io) });
      session.close();
      io.stdout(`Created ${file}\n`);
    });

  program
    .command('import')
    .description('import articles (.txt, .md, .html, .pdf, .docx, .epub) into a project')
    .argument('<project>', 'the project file')
    .argument('<files...>', 'article files')
    .addOption(analystOption())
    .option('--password <password>', 'the password of encrypted PDFs')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, files: string[], options: { analyst?: string; json?: boolean; password?: string }) => {
      const sources = readArticles(files, options.password);
      await withProject(projectPath, analystName(options.analyst, io), false, async (project) => {
        const { results } = await project.call('document.importMany', { sources });
        if (options.json) io.stdout(`${JSON.stringify(results.map((r, i) => ({ file: files[i], ...r })), null, 2)}\n`);
        else for (const { document, status, warnings } of results) {
          const note = warnings ? `  (${warnings.map(visible).join(' ')})` : '';
          io.stdout(`${status === 'imported' ? 'imported ' : 'duplicate'}  ${document.id}  ${visible(document.title)}${note}\n`);
        }
      });
    });

  program
    .command('list')
    .description('list the documents with their tag counts by kind')
    .argument('<project>', 'the project file')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: { json?: boolean }) => {
      await withProject(projectPath, null, true, async (project) => {
        const { documents } = await project.call('document.list', {});
        io.stdout(options.json ? `${JSON.stringify(documents, null, 2)}\n` : renderDocumentList(documents));
      });
    });

  program
    .command('show')
    .description('print a document with its tags')
    .argument('<project>', 'the project file')
    .argument('<document>', 'document id, id prefix, or title')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, documentRef: string, options: { json?: boolean }) => {
      await withProject(projectPath, null, true, async (project) => {
        const summary = await resolveDocument(project, documentRef);
        const document = await project.call('document.get', { id: summary.id });
        const { annotations } = await project.call('annotation.listForDocument', { documentId: summary.id });
        if (options.json) io.stdout(`${JSON.stringify({ document, annotations }, null, 2)}\n`);
        else io.stdout(renderDocument(document, annotations, await actorMap(project), await analystMap(project)));
      });
    });

  program
    .command('tag')
    .description('tag a passage: the n-th occurrence of a quote, or an offset range')
    .argument('<project>', 'the project file')
    .argument('<document>', 'document id, id prefix, or title')
    .addOption(new Option('--kind <kind>', 'what the passage is').choices(ANNOTATION_KINDS).makeOptionMandatory())
    .option('--quote <text>', 'the exact text to tag')
    .option('--nth <n>', 'which occurrence of the quote', '1')
    .option('--start <n>', 'start offset (UTF-16 code units)')
    .option('--end <n>', 'end offset (exclusive)')
    .option('--set <attribute=value>', 'an attribute, repeatable: status, claimant, actor, actorKind, amount, scale, unit, severity, category, correction', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--note <text>', 'a note on the tag')
    .option('--json', 'machine-readable output')
    .addOption(analystOption())
    .action((projectPath: string, documentRef: string, options: TagOptions) => tagCommand(projectPath, documentRef, options, io));

  addExportFilterOptions(
    program
      .command('export')
      .description('export the project: json (Marginalia), w3c (Web Annotation JSON-LD), csv, brat, qdpx (REFI-QDA), html (report); deleted tags only in json, marked')
      .argument('<project>', 'the project file')
      .addOption(new Option('--format <format>', 'export format').choices(ExportFormatSchema.options).makeOptionMandatory())
      .requiredOption('--out <file or folder>', 'where to write it: a file, a folder (brat writes one), or - for standard output')
      .option('--jsonl', 'w3c: JSON Lines, one annotation per line, instead of one collection'),
  ).action(async (projectPath: string, options: { format: ExportFormat; out: string; jsonl?: boolean } & ExportFilterOptions) => {
    await withProject(projectPath, null, true, async (project) => {
      const filters = await exportFilters(project, options);
      const written = await project.call('export.write', { format: options.format, ...(options.jsonl ? { jsonLines: true } : {}), ...filters });
      placeExport(written, options.out, io);
    });
  });

  program
    .command('import-annotations')
    .description("import another tool's tags: W3C Web Annotation or Hypothesis JSON (w3c), or a REFI-QDA project (qdpx)")
    .argument('<project>', 'the project file')
    .argument('<file>', 'the annotations file')
    .addOption(new Option('--format <format>', 'the file format').choices(['w3c', 'qdpx']).makeOptionMandatory())
    .addOption(analystOption())
    .option('--document <document>', 'the document every annotation is about (id, id prefix or title)')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, file: string, options: { format: 'w3c' | 'qdpx'; analyst?: string; document?: string; json?: boolean }) => {
      await withProject(projectPath, analystName(options.analyst, io), false, async (project) => {
        const document = options.document === undefined ? undefined : await resolveDocument(project, options.document);
        const report = await project.call('annotation.importFile', {
          format: options.format,
          fileName: basename(file),
          content: readInputFile(file, 'annotations'),
          ...(document ? { documentId: document.id } : {}),
        });
        io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : annotationImportSummary(report));
      });
    });

  for (const [name, method] of [['undo', 'history.undo'], ['redo', 'history.redo']] as const) {
    program
      .command(name)
      .description(`${name} the last ${name === 'undo' ? '' : 'undone '}change to tags or actors`)
      .argument('<project>', 'the project file')
      .addOption(analystOption())
      .action(async (projectPath: string, options: { analyst?: string }) => {
        await withProject(projectPath, analystName(options.analyst, io), false, async (project) => {
          const result = await project.call(method, {});
          const entry = 'undone' in result ? result.undone : result.redone;
          io.stdout(entry ? `${name === 'undo' ? 'Undid' : 'Redid'}: ${entry.label}\n` : `Nothing to ${name}.\n`);
        });
      });
  }
  registerServeCommand(program, io);
  registerShareCommands(program, io);
  registerReviewCommands(program, io);
  registerRepairCommand(program, io);
  registerCompactCommand(program, io);
  registerAnalystsCommands(program, io);
  registerActorsCommands(program, io);
  registerSearchCommands(program, io);
  registerSuggestCommands(program, io);
  registerTagsCommands(program, io);
  registerChecksCommands(program, io);
  registerDocumentCommands(program, io);
  return program;
}

/** An unexpected error as one line: its message, and the log file that holds the details (or why there is none). */
function reportUnexpected(error: unknown, argv: readonly string[], verbose: boolean, io: CliIo): void {
  const message = visible(error instanceof Error ? error.message : String(error)).slice(0, 500);
  let where: string;
  try {
    where = `Details are in ${logUnexpectedError(error, { command: argv[0] ?? null }, io.env)}`;
  } catch (logError) {
    where = `The details could not be written to ${logFilePath(io.env)} (${(logError as Error).message})${verbose ? '' : '; run again with --verbose to see them'}`;
  }
  io.stderr(`marginalia: unexpected error: ${message}. ${where}.\n`);
  if (verbose) io.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. Every failure is one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  removeStalePrivateFolders();
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return error.exitCode || 1;
    }
    if (error instanceof UserError) {
      io.stderr(`marginalia: ${visible(error.message)}\n`);
      return 1;
    }
    reportUnexpected(error, argv, program.opts<{ verbose?: boolean }>().verbose === true, io);
    return 2;
  }
}

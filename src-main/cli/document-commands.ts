// `marginalia document` edits a document's title, date, author and source; `marginalia remove` removes a document
// with its tags. Both are one undoable step (`marginalia undo`).
import type { Command } from 'commander';
import { IsoDateSchema } from '../../src-shared/model/ids';
import { UserError } from '../../src-shared/model/result';
import { analystName, resolveDocument, withProject, type CliIo } from './project';
import { visible } from './render';

interface DocumentOptions {
  title?: string;
  date?: string;
  author?: string;
  source?: string;
  analyst?: string;
}

/** A date as the command takes it: YYYY-MM-DD, a real calendar day; an empty value clears it. */
function parseDate(value: string): string | null {
  if (value.trim() === '') return null;
  if (!IsoDateSchema.safeParse(value.trim()).success) {
    throw new UserError('invalid_request', `“${visible(value)}” is not a date: write it as YYYY-MM-DD, for example 2026-01-20.`);
  }
  return value.trim();
}

const ANALYST_HELP = 'who is doing this (default: the app setting, or MARGINALIA_ANALYST)';

export function registerDocumentCommands(program: Command, io: CliIo): void {
  program
    .command('document')
    .description("edit a document's title, published date, author or source (one undoable step)")
    .argument('<project>', 'the project file')
    .argument('<doc>', 'the document: id, id prefix or title')
    .option('--title <title>', 'the new title')
    .option('--date <YYYY-MM-DD>', 'the published date ("" clears it)')
    .option('--author <name>', 'the author ("" clears it)')
    .option('--source <name>', 'the outlet or source that published it ("" clears it)')
    .option('--analyst <name>', ANALYST_HELP)
    .action(async (projectPath: string, reference: string, options: DocumentOptions) => {
      if ([options.title, options.date, options.author, options.source].every((v) => v === undefined)) {
        throw new UserError('invalid_request', 'Say what to change: --title, --date, --author or --source.');
      }
      if (options.title !== undefined && options.title.trim() === '') throw new UserError('invalid_request', 'A document needs a title: --title cannot be empty.');
      const publishedAt = options.date === undefined ? undefined : parseDate(options.date);
      await withProject(projectPath, analystName(options.analyst, io), false, async (project) => {
        const document = await resolveDocument(project, reference);
        const updated = await project.call('document.update', {
          id: document.id,
          ...(options.title !== undefined ? { title: options.title } : {}),
          ...(publishedAt !== undefined ? { publishedAt } : {}),
          ...(options.author !== undefined ? { author: options.author } : {}),
          ...(options.source !== undefined ? { outlet: options.source } : {}),
        });
        const details = [updated.publishedAt ?? 'no date', updated.author ?? 'no author', updated.outlet ?? 'no source'].map(visible).join(' · ');
        io.stdout(`${updated.id.slice(0, 8)}  ${visible(updated.title)} — ${details}\n`);
      });
    });

  program
    .command('remove')
    .description('remove a document and its tags from the project (one undoable step: marginalia undo brings them back)')
    .argument('<project>', 'the project file')
    .argument('<doc>', 'the document: id, id prefix or title')
    .option('--analyst <name>', ANALYST_HELP)
    .action(async (projectPath: string, reference: string, options: { analyst?: string }) => {
      await withProject(projectPath, analystName(options.analyst, io), false, async (project) => {
        const document = await resolveDocument(project, reference);
        const { tagCount } = await project.call('document.remove', { id: document.id });
        io.stdout(`Removed “${visible(document.title)}” and its ${tagCount} tag(s); marginalia undo brings them back.\n`);
      });
    });
}

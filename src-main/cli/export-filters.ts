// The `export` command's filters: which analysts, documents and review statuses an export holds.
import { Command, Option } from 'commander';
import type { RequestOf } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import { pickAnalyst, resolveDocument, type CliProject } from './project';

const STATUSES = ['accepted', 'rejected', 'undecided'] as const;
type Status = (typeof STATUSES)[number];

export interface ExportFilterOptions {
  analyst: string[];
  document: string[];
  status?: string;
}

const repeatable = (v: string, all: string[] = []) => [...all, v];

/** Adds --analyst, --document and --status to the export command. */
export function addExportFilterOptions(command: Command): Command {
  return command
    .addOption(new Option('--analyst <name|id>', 'only this analyst’s tags (name, id or id prefix; repeatable)').argParser(repeatable).default([]))
    .addOption(new Option('--document <document>', 'only this document (id, id prefix or title; repeatable)').argParser(repeatable).default([]))
    .option('--status <statuses>', 'only tags with these review decisions, comma-separated: accepted, rejected, undecided');
}

/** The filter fields of `export.project` for the options given; names are resolved, ambiguous ones refused. */
export async function exportFilters(project: CliProject, options: ExportFilterOptions): Promise<Partial<RequestOf<'export.project'>>> {
  const filters: Partial<RequestOf<'export.project'>> = {};
  if (options.analyst.length > 0) {
    const { analysts } = await project.call('analyst.list', {});
    filters.analystIds = options.analyst.map((name) => pickAnalyst(analysts, name, 'this project').id);
  }
  if (options.document.length > 0) {
    filters.documentIds = [];
    for (const reference of options.document) filters.documentIds.push((await resolveDocument(project, reference)).id);
  }
  if (options.status !== undefined) {
    const statuses = options.status.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const wrong = statuses.filter((s) => !(STATUSES as readonly string[]).includes(s));
    if (statuses.length === 0 || wrong.length > 0) throw new UserError('invalid_request', `--status takes ${STATUSES.join(', ')} (comma-separated), not “${options.status}”.`);
    filters.statuses = [...new Set(statuses)] as Status[];
  }
  return filters;
}

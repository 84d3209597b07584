// `marginalia checks`: the project's cross-document findings with their evidence; --dismiss sets one aside.
import type { Command } from 'commander';
import type { Finding } from '../../src-shared/api/contract';
import { WARNING_CATEGORY_LABELS } from '../../src-shared/model/annotation';
import { analystName, withProject, type CliIo } from './project';
import { visible } from './render';

const RULE_LABELS: Readonly<Record<Finding['rule'], string>> = {
  figures: 'Figures that disagree',
  roles: 'Roles that disagree',
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

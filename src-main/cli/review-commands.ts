// `marginalia agreement` and `marginalia review`: inter-analyst agreement and review decisions from the command line.
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import type { AgreementResult } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import { DIFFERENCE_LABELS } from '../../src-shared/review/differences';
import type { Annotation } from '../../src-shared/model/annotation';
import { readInputFile } from '../core/read-input-file';
import { visible } from './render';
import { analystName, pickAnalyst, resolveDocument, withProject, type CliIo, type CliProject } from './project';

interface AnalystPair {
  analystA: string;
  analystB: string;
  labels: [string, string];
  /** Set when B is an analyst of a teammate's file opened for review (`--against`). */
  teammateFileId?: string;
}

/**
 * The analysts named by `--analysts A,B`: both of this project, or — with `against`, a teammate's project file read
 * without merging it (checked like a file to merge) — A of this project and B of that file.
 */
async function analystPair(project: CliProject, names: string, against?: string): Promise<AnalystPair> {
  const wanted = names.split(',').map((n) => n.trim()).filter(Boolean);
  if (wanted.length !== 2) throw new UserError('invalid_request', '--analysts takes two names separated by a comma, e.g. --analysts "Anna,Ben".');
  const { analysts } = await project.call('analyst.list', {});
  const a = pickAnalyst(analysts, wanted[0] ?? '', 'this project');
  if (against === undefined) {
    const b = pickAnalyst(analysts, wanted[1] ?? '', 'this project');
    const same = a.name.toLowerCase() === b.name.toLowerCase();
    const label = (x: { id: string; name: string }) => (same ? `${x.name} (${x.id.slice(0, 8)})` : x.name);
    return { analystA: a.id, analystB: b.id, labels: [label(a), label(b)] };
  }
  const bytes = readInputFile(against, 'project');
  const file = await project.call('review.openFile', { fileName: basename(against), content: bytes });
  const b = pickAnalyst(file.analysts, wanted[1] ?? '', `“${file.fileName}”`);
  return { analystA: a.id, analystB: b.id, labels: [a.name, `${b.name} (${file.fileName})`], teammateFileId: file.teammateFileId };
}

const pairRequest = (pair: AnalystPair) => ({
  analystA: pair.analystA,
  analystB: pair.analystB,
  ...(pair.teammateFileId ? { teammateFileId: pair.teammateFileId } : {}),
});

function figure(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(3);
}

function renderAgreement(result: AgreementResult, labels: [string, string]): string {
  const row = (name: string, f: AgreementResult['overall']) =>
    `${name.padEnd(20)} ${figure(f.cohenKappa).padStart(7)} ${figure(f.krippendorffAlpha).padStart(7)} ${figure(f.unitizedAlpha).padStart(7)} ${figure(f.f1Exact).padStart(7)} ${figure(f.f1Overlap).padStart(7)}   ${f.units.tokens} words, ${f.units.spansA} + ${f.units.spansB} tags`;
  const lines = [
    `Agreement of ${visible(labels[0])} (A) and ${visible(labels[1])} (B)`,
    `${''.padEnd(20)} ${'κ'.padStart(7)} ${'α'.padStart(7)} ${'α_u'.padStart(7)} ${'F1 ex'.padStart(7)} ${'F1 ov'.padStart(7)}`,
    row('overall', result.overall),
    ...Object.entries(result.byKind).map(([kind, f]) => row(kind, f)),
    '',
    result.overall.interpretation,
  ];
  if (result.overall.fleissKappa !== undefined) {
    lines.push(
      '',
      `Fleiss’ κ, every analyst who tagged the same documents: ${figure(result.overall.fleissKappa)} overall; ${Object.entries(result.byKind)
        .map(([kind, f]) => `${kind} ${figure(f.fleissKappa)}`)
        .join(', ')}.`,
    );
  }
  if (result.documents.length > 0) {
    lines.push('', 'Per document (overall α, κ):');
    for (const d of result.documents) {
      const fleiss = d.overall.fleissKappa === undefined ? '' : `  (Fleiss’ κ ${figure(d.overall.fleissKappa)})`;
      lines.push(`  ${figure(d.overall.krippendorffAlpha)}  ${figure(d.overall.cohenKappa)}  ${visible(d.title)}${fleiss}`);
    }
  }
  lines.push('', 'κ: Cohen’s kappa over words; α: Krippendorff’s alpha (nominal) over words; α_u: unitized alpha over the characters; F1 of B against A with exact and with overlapping spans.');
  return `${lines.join('\n')}\n`;
}

export function registerReviewCommands(program: Command, io: CliIo): void {
  program
    .command('agreement')
    .description('agreement of two analysts’ tags: Cohen’s κ, Krippendorff’s α and unitized α, span F1 — overall and per kind')
    .argument('<project>', 'the project file')
    .requiredOption('--analysts <a,b>', 'the two analysts to compare, by name or id prefix')
    .option('--document <document>', 'one document (id, id prefix or title); default: the whole project')
    .option('--against <file>', 'B is an analyst of this teammate’s project file, read without merging it')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, options: { analysts: string; document?: string; against?: string; json?: boolean }) => {
      await withProject(projectPath, null, true, async (project) => {
        const pair = await analystPair(project, options.analysts, options.against);
        const documentId = options.document ? (await resolveDocument(project, options.document)).id : undefined;
        const result = await project.call('agreement.compute', { ...pairRequest(pair), ...(documentId ? { documentId } : {}) });
        io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderAgreement(result, pair.labels));
      });
    });

  program
    .command('review')
    .description('list the differences between two analysts’ tags on a document, and decide them')
    .argument('<project>', 'the project file')
    .argument('<document>', 'document id, id prefix, or title')
    .requiredOption('--analysts <a,b>', 'the two analysts to compare, by name or id prefix')
    .addOption(new Option('--decide <key=decision>', 'decide a difference: accept_a, accept_b, accept_both or reject_both (repeatable)').argParser((v: string, all: string[] = []) => [...all, v]))
    .option('--against <file>', 'B is an analyst of this teammate’s project file, read without merging it (no decisions)')
    .option('--accept-agreed', 'accept every tag both analysts agree on')
    .option('--comment <text>', 'a comment stored with the decisions')
    .option('--analyst <name>', 'the reviewer (default: the app setting, or MARGINALIA_ANALYST)')
    .option('--json', 'machine-readable output')
    .action(async (projectPath: string, documentRef: string, options: { analysts: string; against?: string; decide?: string[]; acceptAgreed?: boolean; comment?: string; analyst?: string; json?: boolean }) => {
      const writes = (options.decide?.length ?? 0) > 0 || options.acceptAgreed === true;
      if (writes && options.against !== undefined) {
        throw new UserError('invalid_request', 'A teammate’s file given with --against is read-only: merge it first (marginalia merge), then decide with --analysts.');
      }
      await withProject(projectPath, writes ? analystName(options.analyst, io) : null, !writes, async (project) => {
        const pair = await analystPair(project, options.analysts, options.against);
        const { id: documentId } = await resolveDocument(project, documentRef);
        const request = { documentId, ...pairRequest(pair) };
        if (options.acceptAgreed) io.stderr(`Accepted ${(await project.call('review.acceptAgreed', request)).accepted} agreement(s).\n`);
        for (const item of options.decide ?? []) {
          const at = item.lastIndexOf('=');
          const decision = item.slice(at + 1);
          if (at <= 0 || !['accept_a', 'accept_b', 'accept_both', 'reject_both'].includes(decision)) {
            throw new UserError('invalid_request', `--decide takes key=decision with accept_a, accept_b, accept_both or reject_both, not “${item}”.`);
          }
          await project.call('review.decide', { ...request, key: item.slice(0, at), decision: decision as 'accept_a', ...(options.comment ? { comment: options.comment } : {}) });
        }
        const { differences, annotations } = await project.call('review.compare', request);
        if (options.json) {
          io.stdout(`${JSON.stringify({ differences, annotations }, null, 2)}\n`);
          return;
        }
        const byId = new Map<string, Annotation>(annotations.map((a) => [a.id, a]));
        const describe = (ids: string[]) =>
          ids.map((id) => {
            const t = byId.get(id);
            return t ? `${t.kind} “${visible(t.target?.exact ?? 'whole document')}” [${t.review?.status ?? 'pending'}]` : id;
          }).join('; ') || '—';
        for (const d of differences) io.stdout(`${DIFFERENCE_LABELS[d.type]}\n  A: ${describe(d.a)}\n  B: ${describe(d.b)}\n  key: ${d.key}\n`);
        if (differences.length === 0) io.stdout('Neither analyst tagged this document.\n');
      });
    });
}

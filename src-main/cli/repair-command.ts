// `marginalia repair`: a clean project rebuilt from a damaged or untrusted project file's valid rows.
import type { Command } from 'commander';
import { repairProject } from '../core/repair';
import type { CliIo } from './project';

/** Adds `repair <file> --out <new>`; prints what was kept and dropped, one line per kind of record. */
export function registerRepairCommand(program: Command, io: CliIo): void {
  program
    .command('repair')
    .description('rebuild a clean project from a damaged or refused project file: its valid rows, nothing of its own schema')
    .argument('<file>', 'the damaged project file (read from a private copy, never changed)')
    .requiredOption('--out <new file>', 'the repaired project to create (must not exist)')
    .action((file: string, options: { out: string }) => {
      const lines = repairProject(file, options.out);
      io.stdout(`Repaired ${file} into ${options.out}:\n${lines.map((l) => `  ${l}\n`).join('')}`);
    });
}

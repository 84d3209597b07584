// `marginalia compact`: the project file with each change-log snapshot stored once, vacuumed; sizes before and after.
import type { Command } from 'commander';
import { withProject, type CliIo } from './project';

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** Adds `compact <project>`; prints the file's size before and after. */
export function registerCompactCommand(program: Command, io: CliIo): void {
  program
    .command('compact')
    .description('give back the space of snapshots the change log stores twice (VACUUM); undo, merge and the log are unchanged')
    .argument('<project>', 'the project file')
    .action(async (projectPath: string) => {
      await withProject(projectPath, null, false, async (project) => {
        const { bytesBefore, bytesAfter, snapshotsDropped } = await project.call('project.compact', {});
        io.stdout(`Compacted ${projectPath}: ${megabytes(bytesBefore)} → ${megabytes(bytesAfter)} (${snapshotsDropped} snapshot(s) stored once instead of twice).\n`);
      });
    });
}

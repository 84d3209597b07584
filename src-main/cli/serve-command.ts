// The `marginalia serve` command (Node CLI process): serves one project to the browser on 127.0.0.1 until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { settingsDirectory } from '../core/settings';
import type { CliIo } from './project';

/** The renderer that `npm run build` (electron-vite) writes: <repo>/out/renderer. */
export const DEFAULT_STATIC_DIR = join(import.meta.dirname, '..', '..', 'out', 'renderer');

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535 (0: any free port).');
  return port;
}

/** Resolves when the process is asked to stop; listeners are removed so a second Ctrl+C kills it the usual way. */
function stopRequested(): Promise<NodeJS.Signals> {
  return new Promise((resolveStop) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Adds `serve <project> [--port <n>] [--analyst <name>]`; stdout gets exactly one line, the address to open. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('open a project in your web browser: serves the Marginalia UI on 127.0.0.1 (this computer only) until Ctrl+C')
    .argument('<project>', 'the project file')
    .option('--port <n>', 'the port to listen on (default: any free port)', parsePort)
    .option('--analyst <name>', 'tag as this name while serving, without saving it (default: MARGINALIA_ANALYST, else the app setting)')
    .addHelpText(
      'after',
      [
        '',
        'Prints one line on standard output: the address to open, with its access token (http://127.0.0.1:<port>/?token=…).',
        'Only this computer can connect, and only with that token. The UI must be built first: npm run build.',
        'Without --analyst or MARGINALIA_ANALYST the page uses your name from the app settings, or asks for it and saves it.',
      ].join('\n'),
    )
    .action(async (projectPath: string, options: { port?: number; analyst?: string }) => {
      const analystName = options.analyst ?? (io.env.MARGINALIA_ANALYST || undefined);
      // The server (node:http, the core's worker thread) is loaded here, so no other command pays for it at start-up.
      const { startServer } = await import('../serve/server');
      const server = await startServer({
        projectPath,
        port: options.port ?? 0,
        settingsDir: settingsDirectory(io.env),
        staticDir: DEFAULT_STATIC_DIR,
        ...(analystName !== undefined ? { analystName } : {}),
      });
      io.stdout(`${server.url}\n`);
      if (!existsSync(join(DEFAULT_STATIC_DIR, 'index.html'))) {
        io.stderr('marginalia: the web UI is not built yet, so the page will say so: run `npm run build` first (the API works meanwhile).\n');
      }
      io.stderr(`Serving ${basename(projectPath)} on 127.0.0.1 only: open the address above. Press Ctrl+C to stop.\n`);
      await stopRequested();
      await server.close();
    });
}

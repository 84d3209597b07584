// The log file: where unexpected errors are written with their details (stack), for the CLI, `serve` and the app.
// pino writes JSON lines synchronously (so an entry written just before exit is on disk), runs in Node and in
// Electron's main process alike, and serialises errors with their stack and cause.
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type pinoModule from 'pino';

// pino is loaded when the first entry is written: a command that logs nothing (most) does not pay for it as it starts.
const load = createRequire(import.meta.url);

/** The platform's folder for logs; MARGINALIA_LOG_DIR overrides it (tests, or to keep logs elsewhere). */
export function logDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.MARGINALIA_LOG_DIR) return env.MARGINALIA_LOG_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Marginalia', 'logs');
  if (platform === 'darwin') return join(home, 'Library', 'Logs', 'Marginalia');
  // XDG: a relative XDG_STATE_HOME is invalid and ignored.
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(state, 'marginalia');
}

export function logFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(logDirectory(env), 'marginalia.log');
}

const loggers = new Map<string, pinoModule.Logger>();

/** The logger writing to `path` (created with its folder on first use), one per file for the life of the process. */
function loggerFor(path: string): pinoModule.Logger {
  let logger = loggers.get(path);
  if (!logger) {
    const pino = load('pino') as typeof pinoModule;
    logger = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: path, sync: true, mkdir: true }));
    loggers.set(path, logger);
  }
  return logger;
}

/**
 * Writes an unexpected error with its details to the log and returns the log file's path, or throws when the log
 * cannot be written (the caller then says so instead of naming the file).
 */
export function logUnexpectedError(error: unknown, context: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): string {
  const path = logFilePath(env);
  loggerFor(path).error({ ...context, err: error instanceof Error ? error : new Error(String(error)) }, 'unexpected error');
  return path;
}

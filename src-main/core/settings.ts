// The app's settings file (the analyst's name, recent projects), shared by the Electron app and the CLI.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as z from 'zod';

export const SettingsSchema = z.object({
  analystName: z.string().trim().min(1).max(100).optional(),
  recentProjects: z.array(z.string()).max(20).optional(),
  lastDocumentByProject: z.record(z.string(), z.string()).optional(),
  windowBounds: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The folder Electron uses as userData for "Marginalia" on this OS; MARGINALIA_SETTINGS_DIR overrides it (tests). */
export function settingsDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MARGINALIA_SETTINGS_DIR) return env.MARGINALIA_SETTINGS_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Marginalia');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Marginalia');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Marginalia');
}

export function settingsPath(directory: string): string {
  return join(directory, 'settings.json');
}

/** Reads the settings; a missing or unreadable file gives empty settings rather than an error. */
export function readSettings(directory: string): Settings {
  try {
    const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(settingsPath(directory), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Writes the settings atomically (temporary file, then rename), so a crash never leaves half a file. */
export function writeSettings(directory: string, settings: Settings): void {
  const path = settingsPath(directory);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(SettingsSchema.parse(settings), null, 2));
  renameSync(temporary, path);
}

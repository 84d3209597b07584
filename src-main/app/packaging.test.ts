// Checks the electron-builder config: targets, the .marginalia association and its icon, fuses, asarUnpack, extra resources, signing from the environment.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Config {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  fileAssociations: { ext: string; icon: string; name: string }[];
  electronFuses: Record<string, boolean>;
  mac: { target: { target: string; arch: string[] }[]; icon: string; identity?: null; notarize: boolean };
  win: { target: { target: string }[]; icon: string };
  linux: { target: string[]; icon: string };
}
type Builder = (env: Record<string, string>, log: (line: string) => void) => Config;

const { builderConfig } = (await import(pathToFileURL(join(ROOT, 'electron-builder.config.mjs')).href)) as { builderConfig: Builder };
const quiet = (env: Record<string, string> = {}) => builderConfig(env, () => {});

/** electron-builder's own validator, when electron-builder is installed (it is a devDependency). */
function electronBuilderValidator(): ((config: unknown, logger: unknown) => Promise<void>) | null {
  try {
    const require = createRequire(join(ROOT, 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    return (config) => validateConfiguration(config, new DebugLogger(false));
  } catch {
    return null;
  }
}
const validate = electronBuilderValidator();

describe('the electron-builder config', () => {
  it('names the app and builds AppImage and deb, NSIS, and a universal dmg', () => {
    const config = quiet();
    expect([config.appId, config.productName]).toEqual(['org.marginalia.workbench', 'Marginalia']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
  });

  it('associates .marginalia files with their own icon, and every icon it names exists', () => {
    const config = quiet();
    expect(config.fileAssociations).toHaveLength(1);
    const [association] = config.fileAssociations;
    expect(association?.ext).toBe('marginalia');
    const projectIcon = join(ROOT, association?.icon ?? 'missing');
    for (const ext of ['.icns', '.ico', '.png']) expect(existsSync(`${projectIcon}${ext}`)).toBe(true);
    expect(association?.icon).not.toBe(config.mac.icon.replace(/\.icns$/, ''));
    for (const icon of [config.mac.icon, config.win.icon, join(config.linux.icon, '512x512.png')]) expect(existsSync(join(ROOT, icon))).toBe(true);
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or inspect arguments; cookie encryption, asar only, asar integrity', () => {
    expect(quiet().electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it("unpacks better-sqlite3's native module from the asar and ships the sample articles where the app reads them", () => {
    const config = quiet();
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.asarUnpack).toContain('**/*.node');
    // src-main/app/main.ts reads process.resourcesPath/sample in a packaged app.
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'resources/sample', to: 'sample' }));
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']));
    expect(config.files.some((f) => f.startsWith('src-'))).toBe(false);
  });

  it('signs and notarises only with secrets in the environment, and says what it skips', () => {
    const lines: string[] = [];
    const unsigned = builderConfig({}, (line) => lines.push(line));
    expect(unsigned.mac.identity).toBeNull();
    expect(unsigned.mac.notarize).toBe(false);
    expect(lines.map((l) => l.split(' (')[0])).toEqual(['Marginalia: macOS code signing skipped', 'Marginalia: macOS notarisation skipped', 'Marginalia: Windows code signing skipped']);
    const signedLines: string[] = [];
    const signed = builderConfig({ CSC_LINK: 'cert.p12', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' }, (line) => signedLines.push(line));
    expect(signed.mac.identity).toBeUndefined();
    expect(signed.mac.notarize).toBe(true);
    expect(signedLines).toEqual([]);
  });

  it.skipIf(validate === null)("passes electron-builder's own validation, which refuses a misspelt fuse", async () => {
    const config = quiet();
    await expect(validate?.(config, null)).resolves.toBeUndefined();
    await expect(validate?.({ ...config, electronFuses: { runAsNod: false } }, null)).rejects.toThrow(/electronFuses/);
  });
});

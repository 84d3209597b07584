// Packaging of the desktop app (electron-builder): installers per platform, the .marginalia file association, fuses, signing from the environment.
import process from 'node:process';

/** Signing and notarisation happen only when their secrets are in the environment; otherwise the build says it skips them. */
function signing(env, log) {
  const mac = Boolean(env.CSC_LINK || env.CSC_NAME);
  const notarize = Boolean(env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID);
  const windows = Boolean(env.WIN_CSC_LINK || env.CSC_LINK);
  if (!mac) log('Marginalia: macOS code signing skipped (set CSC_LINK and CSC_KEY_PASSWORD, or CSC_NAME).\n');
  if (!notarize) log('Marginalia: macOS notarisation skipped (set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID).\n');
  if (!windows) log('Marginalia: Windows code signing skipped (set WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD).\n');
  return { mac, notarize };
}

export function builderConfig(env = process.env, log = (line) => process.stderr.write(line)) {
  const sign = signing(env, log);
  return {
    appId: 'org.marginalia.workbench',
    productName: 'Marginalia',
    copyright: 'Marginalia contributors, MIT licence',
    directories: { output: 'dist', buildResources: 'resources/icons' },
    // The built app (out/main, out/preload, out/renderer) and its runtime dependencies; not the sources, tests or the CLI bundle.
    files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
    // better-sqlite3 is a native addon: it cannot be loaded from inside the asar archive.
    asar: true,
    asarUnpack: ['**/node_modules/better-sqlite3/**', '**/*.node'],
    // The sample articles, read from process.resourcesPath/sample by the app.
    extraResources: [{ from: 'resources/sample', to: 'sample', filter: ['**/*'] }],
    fileAssociations: [
      {
        ext: 'marginalia',
        name: 'Marginalia project',
        description: 'Marginalia project',
        mimeType: 'application/x-marginalia',
        role: 'Editor',
        rank: 'Owner',
        icon: 'resources/icons/project',
      },
    ],
    electronFuses: {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    },
    mac: {
      category: 'public.app-category.productivity',
      icon: 'resources/icons/icon.icns',
      target: [{ target: 'dmg', arch: ['universal'] }],
      hardenedRuntime: true,
      // null: no identity is searched for, so an unsigned build does not fail on a machine without one.
      identity: sign.mac ? undefined : null,
      notarize: sign.notarize,
    },
    dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    win: { icon: 'resources/icons/icon.ico', target: [{ target: 'nsis', arch: ['x64', 'arm64'] }] },
    nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, artifactName: '${productName}-Setup-${version}.${ext}' },
    linux: {
      icon: 'resources/icons/png',
      category: 'Office',
      target: ['AppImage', 'deb'],
      maintainer: 'Marginalia contributors',
      synopsis: 'Offline annotation workbench for analysts who check sources',
    },
    deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1'] },
  };
}

export default builderConfig();

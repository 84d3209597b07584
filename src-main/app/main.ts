// The Electron main process: one sandboxed, locked-down window around the Workbench, with native dialogs, menus and the sample project.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type Rectangle,
  type SaveDialogOptions,
} from 'electron';
import type { Method, RequestOf } from '../../src-shared/api/contract';
import { IPC_EVENT_CHANNEL } from '../../src-shared/api/channels';
import type { WorkbenchEvent } from '../../src-shared/api/events';
import { UserError } from '../../src-shared/model/result';
import { logUnexpectedError } from '../core/log';
import { createSampleProject } from '../core/sample-project';
import { readSettings, writeSettings } from '../core/settings';
import { APP_VERSION } from '../core/version';
import type { CoreClient } from '../core-process/core-client';
import type { HostDialog } from '../core-process/protocol';
import { APP_SCHEME, createSenderCheck, registerPortRequests, type RendererLocation } from '../ipc/register';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { connectWindow, startCoreUtility } from './core-host';
import { devServerUrl, hardenSession, hardenWebContents } from './hardening';
import { menuTemplate } from './menu';

const APP_NAME = 'Marginalia';
const PROJECT_EXTENSION = '.marginalia';
const PROJECT_FILTERS = [{ name: 'Marginalia projects', extensions: ['marginalia'] }];
const SAMPLE_FILE_NAME = 'Sample project.marginalia';
/** Who the sample's example tags are attributed to: not the user, who did not make them. */
const SAMPLE_ANALYST = 'Marginalia sample';
const MIN_SIZE = { width: 720, height: 480 };
const DEFAULT_SIZE = { width: 1280, height: 840 };
/** A page that crashes again within this time is not reloaded again. */
const RENDERER_RELOAD_INTERVAL_MS = 30_000;

// electron-vite emits out/main/index.js, out/preload/index.cjs and out/renderer/index.html side by side.
const MAIN_DIR = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(MAIN_DIR, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(MAIN_DIR, '..', 'renderer');
/** The core's utility process entry, built beside the main process (electron.vite.config.ts). */
const CORE_ENTRY = join(MAIN_DIR, 'core.js');

/** The first existing `.marginalia` file named on a command line (argv[0] is the executable). */
function projectPathFromArgs(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || extname(arg).toLowerCase() !== PROJECT_EXTENSION) continue;
    const path = resolve(cwd, arg);
    if (existsSync(path)) return path;
  }
  return null;
}

function withProjectExtension(path: string): string {
  return extname(path).toLowerCase() === PROJECT_EXTENSION ? path : `${path}${PROJECT_EXTENSION}`;
}

/** Whether two paths name one file: by device and inode, so letter case (macOS, Windows) and links do not hide it. */
function sameFile(a: string, b: string): boolean {
  const [x, y] = [statSync(a, { throwIfNoEntry: false }), statSync(b, { throwIfNoEntry: false })];
  return x !== undefined && y !== undefined ? x.dev === y.dev && x.ino === y.ino : resolve(a) === resolve(b);
}

/**
 * Writes an unexpected failure with its details to the log file (core/log.ts: the platform's log folder) and says
 * where, as the end of a sentence; when the log cannot be written, the console gets the details instead.
 */
function logged(what: string, error: unknown): string {
  try {
    return `the details are in ${logUnexpectedError(error, { app: what })}`;
  } catch (logError) {
    console.error(`${what} failed`, error, logError);
    return 'the details could not be written to the log';
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** The saved window bounds moved and shrunk onto the display they overlap most, or a default size when none are saved. */
function initialBounds(saved: Rectangle | undefined): Partial<Rectangle> & { width: number; height: number } {
  const valid = saved && [saved.x, saved.y, saved.width, saved.height].every(Number.isFinite) && saved.width > 0 && saved.height > 0;
  if (!valid) {
    const area = screen.getPrimaryDisplay().workAreaSize;
    return { width: Math.min(DEFAULT_SIZE.width, area.width), height: Math.min(DEFAULT_SIZE.height, area.height) };
  }
  const rounded = { x: Math.round(saved.x), y: Math.round(saved.y), width: Math.round(saved.width), height: Math.round(saved.height) };
  const area = screen.getDisplayMatching(rounded).workArea;
  const width = Math.min(Math.max(rounded.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(rounded.height, MIN_SIZE.height), area.height);
  return {
    x: clamp(rounded.x, area.x, area.x + area.width - width),
    y: clamp(rounded.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

/** Settings live in userData, named "Marginalia" on every OS (as the CLI expects); MARGINALIA_SETTINGS_DIR overrides it for tests. */
function prepareSettingsDirectory(): string {
  const directory = process.env.MARGINALIA_SETTINGS_DIR
    ? resolve(process.env.MARGINALIA_SETTINGS_DIR)
    : join(app.getPath('appData'), APP_NAME);
  mkdirSync(directory, { recursive: true });
  app.setPath('userData', directory);
  return directory;
}

/** The sample articles: shipped as extra resources (resources/sample) in a packaged app, read from the repository otherwise. */
function sampleDirectory(): string {
  const resources = app.isPackaged ? process.resourcesPath : join(MAIN_DIR, '..', '..', 'resources');
  return join(resources, 'sample');
}

/** The desktop app around one core (the Workbench, in a utility process): its window, dialogs and menus. */
class DesktopApp {
  private window: BrowserWindow | null = null;
  private readonly core: CoreClient;
  /** A project the OS asked to open (macOS open-file) before the app was ready. */
  private pendingPath: string | null = null;
  private ready = false;
  /** When a crashed page was last reloaded (0: never). */
  private lastRendererReload = 0;

  constructor(
    private readonly settingsDir: string,
    private readonly location: RendererLocation,
  ) {
    this.core = startCoreUtility(CORE_ENTRY, {
      init: { settingsDir, hostKind: 'desktop', analystOverride: null },
      dialog: (dialog) => this.chooseForCore(dialog),
      onProjectChanged: (path) => this.projectChanged(path),
      // The window's old port died with the core: it is given a new one to the restarted core.
      onRestarted: () => {
        const contents = this.liveWindow()?.webContents;
        if (contents && !contents.isDestroyed()) connectWindow(this.core, contents);
      },
      onUnexpected: (what, error) => void logged(`the core (${what})`, error),
    });
  }

  private chooseForCore(dialog: HostDialog): Promise<string | null> {
    if (typeof dialog === 'object') return this.chooseExportPath(dialog.fileName);
    return dialog === 'new-project' ? this.chooseNewProjectPath() : this.chooseProjectToOpen();
  }

  /** Where to save an export: the downloads folder offered, under the name the window suggests (never a folder of it). */
  private async chooseExportPath(fileName: string): Promise<string | null> {
    const options: SaveDialogOptions = {
      title: 'Export',
      buttonLabel: 'Export',
      defaultPath: join(app.getPath('downloads'), basename(fileName)),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = this.liveWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  private liveWindow(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  async start(): Promise<void> {
    hardenSession(session.defaultSession, this.location);
    if (this.location.kind === 'app') protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
    const senderCheck = createSenderCheck(() => this.liveWindow()?.webContents ?? null, this.location);
    // The window calls the core over its own port (what changes in the project reaches it there too); main only
    // hands that port to the trusted frame.
    registerPortRequests(ipcMain, senderCheck, (event) => connectWindow(this.core, event.sender, event));
    const problems = await this.openInitialProject();
    this.ready = true;
    this.rebuildMenu();
    const window = this.createWindow();
    if (problems.length > 0) window.once('ready-to-show', () => void this.showProblems(problems));
    // A file opened from the OS while the first project was being opened.
    const pending = this.pendingPath;
    this.pendingPath = null;
    if (pending) this.openFromOs(pending);
  }

  private async showProblems(problems: readonly string[]): Promise<void> {
    for (const problem of problems) await this.showError('A project could not be opened', problem);
  }

  private async openInitialProject(): Promise<string[]> {
    const problems: string[] = [];
    // The end-to-end tests' hook: only with MARGINALIA_E2E=1 and never in a packaged app.
    const testHook = process.env.MARGINALIA_E2E === '1' && !app.isPackaged ? process.env.MARGINALIA_PROJECT : undefined;
    const fromEnv = testHook ? resolve(testHook) : null;
    const requested = this.pendingPath ?? projectPathFromArgs(process.argv, process.cwd()) ?? fromEnv;
    this.pendingPath = null;
    // MARGINALIA_PROJECT (end-to-end tests) may name a project that does not exist yet: it is created empty.
    const candidates = [
      ...(requested ? [{ path: requested, create: requested === fromEnv && !existsSync(requested) }] : []),
      ...(readSettings(this.settingsDir).recentProjects ?? []).filter((p) => existsSync(p)).map((path) => ({ path, create: false })),
    ];
    for (const { path, create } of candidates) {
      const problem = await this.tryOpen(path, create);
      if (problem === null) return problems;
      problems.push(problem);
    }
    const samplePath = join(app.getPath('userData'), SAMPLE_FILE_NAME);
    try {
      if (!existsSync(samplePath)) {
        const summary = await createSampleProject(samplePath, SAMPLE_ANALYST, sampleDirectory());
        if (summary.skipped.length > 0) console.warn(`Sample project: skipped ${summary.skipped.join('; ')}`);
      }
      const problem = await this.tryOpen(samplePath, false);
      if (problem) problems.push(problem);
    } catch (error) {
      console.error('The sample project could not be created', error);
    }
    return problems;
  }

  /** Opens (or creates) a project; null on success, else a sentence for the user. The open project stays on failure. */
  private async tryOpen(path: string, create: boolean): Promise<string | null> {
    try {
      await this.core.open(path, { create });
      return null;
    } catch (error) {
      if (error instanceof UserError) return error.message;
      return `“${basename(path)}” could not be opened because of an unexpected error; ${logged(`opening ${basename(path)}`, error)}.`;
    }
  }

  /** A project named by the OS: a second launch with a path, or a file opened from Finder. */
  openFromOs(path: string): void {
    if (!this.ready) {
      this.pendingPath = path;
      return;
    }
    this.showWindow();
    void this.tryOpen(path, false).then((problem) => {
      if (problem) void this.showError('The project could not be opened', problem);
    });
  }

  onSecondInstance(argv: readonly string[], cwd: string): void {
    const path = projectPathFromArgs(argv, cwd);
    if (path) this.openFromOs(path);
    else this.showWindow();
  }

  showWindow(): void {
    if (!this.ready) return;
    const window = this.liveWindow() ?? this.createWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  private createWindow(): BrowserWindow {
    const window = new BrowserWindow({
      ...initialBounds(readSettings(this.settingsDir).windowBounds),
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: this.windowTitle(),
      backgroundColor: '#ffffff',
      webPreferences: {
        // Reviewed: the preload exposes exactly `invoke` (contract methods only) and `onEvent` (validated events).
        preload: PRELOAD_PATH, // eng-disable PRELOAD_JS_CHECK
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        // A middle click on a link must not open a window (window.open is denied as well).
        disableBlinkFeatures: 'Auxclick',
      },
    });
    this.window = window;
    // The page's <title> would replace the project name in the title bar.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.once('ready-to-show', () => window.show());
    // A page that fails to load never becomes ready to show: show the window anyway rather than stay invisible.
    window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
      if (!isMainFrame) return;
      console.error(`The workbench page did not load (${code} ${description}): ${url}`);
      window.show();
    });
    window.on('close', () => this.saveBounds(window));
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    window.webContents.on('render-process-gone', (_event, details) => this.rendererGone(window, details.reason));
    const devUrl = this.location.kind === 'dev-server' ? this.location.url : null;
    const loading = window.loadURL(devUrl ?? APP_INDEX_URL);
    loading.catch((error: unknown) => console.error('The window could not load the workbench', error));
    this.updateTitle();
    return window;
  }

  /**
   * A crashed page is reloaded, once per RENDERER_RELOAD_INTERVAL_MS (a page that crashes on load is not reloaded in
   * a loop): the project lives in the core, so it is as it was; the reloaded page asks for a new port.
   */
  private rendererGone(window: BrowserWindow, reason: string): void {
    console.error(`The window's renderer stopped: ${reason}`);
    if (reason === 'clean-exit' || window.isDestroyed()) return;
    const now = Date.now();
    const reload = now - this.lastRendererReload > RENDERER_RELOAD_INTERVAL_MS;
    if (reload) {
      this.lastRendererReload = now;
      window.webContents.reload();
    }
    const detail = reload
      ? 'The window stopped unexpectedly and was reloaded. The project is as it was; an edit still being typed may need typing again.'
      : 'The window stopped unexpectedly again. The project is safe: close the window and open the project again.';
    void this.showError('The window stopped', detail);
  }

  private saveBounds(window: BrowserWindow): void {
    try {
      const { x, y, width, height } = window.getNormalBounds();
      writeSettings(this.settingsDir, { ...readSettings(this.settingsDir), windowBounds: { x, y, width, height } });
    } catch (error) {
      console.warn('The window size could not be saved', error);
    }
  }

  private windowTitle(): string {
    const path = this.core.projectPath;
    return path ? `${basename(path, extname(path))} — ${APP_NAME}` : APP_NAME;
  }

  private updateTitle(): void {
    const window = this.liveWindow();
    if (!window) return;
    window.setTitle(this.windowTitle());
    // macOS: the title bar's proxy icon for the project file.
    if (process.platform === 'darwin') window.setRepresentedFilename(this.core.projectPath ?? '');
  }

  private projectChanged(path: string | null): void {
    if (path && process.platform !== 'linux') app.addRecentDocument(path);
    this.updateTitle();
    // The window hears of it from the core, on its port.
    if (this.ready) this.rebuildMenu();
  }

  private send(event: WorkbenchEvent): void {
    const contents = this.liveWindow()?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  }

  private rebuildMenu(): void {
    const recent = (readSettings(this.settingsDir).recentProjects ?? [])
      .map((path, index) => ({ path, index }))
      .filter((entry) => existsSync(entry.path));
    const state = { platform: process.platform, appName: APP_NAME, projectOpen: this.core.projectPath !== null, recent, development: !app.isPackaged };
    const template = menuTemplate(state, {
      newProject: () => void this.command('workbench.newProject', {}, 'The project could not be created'),
      openProject: () => void this.command('workbench.openProject', {}, 'The project could not be opened'),
      openRecent: (index) => void this.command('workbench.openRecent', { index }, 'The project could not be opened'),
      closeProject: () => void this.command('workbench.closeProject', {}, 'The project could not be closed'),
      send: (event) => this.send(event),
      about: () => void this.showAbout(),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  /** Runs a workbench method for a menu item; a failure other than cancelling is shown in a message box. */
  private async command<M extends Method>(method: M, request: RequestOf<M>, failure: string): Promise<void> {
    try {
      const result = await this.core.call(method, request);
      if (!result.ok && result.error.code !== 'cancelled') await this.showError(failure, result.error.message);
    } catch (error) {
      await this.showError(failure, `An unexpected error occurred; ${logged(method, error)}.`);
    }
  }

  private async chooseNewProjectPath(): Promise<string | null> {
    const options: SaveDialogOptions = {
      title: 'New Project',
      buttonLabel: 'Create',
      defaultPath: join(app.getPath('documents'), `Untitled${PROJECT_EXTENSION}`),
      filters: PROJECT_FILTERS,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = this.liveWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    const path = withProjectExtension(result.filePath);
    if (!existsSync(path)) return path;
    // The dialog asked "Replace?" only for the name as typed: the name with the extension added is asked for here.
    if (path !== result.filePath && !(await this.confirmReplace(path))) return null;
    return (await this.replaceExisting(path)) ? path : null;
  }

  private async confirmReplace(path: string): Promise<boolean> {
    const message = `“${basename(path)}” already exists. Replace it?`;
    const chosen = await this.messageBox({ type: 'warning', message, detail: 'The old file is moved to the trash.', buttons: ['Replace', 'Cancel'], defaultId: 1, cancelId: 1 });
    return chosen === 0;
  }

  /**
   * The user said yes to "Replace?" (the save dialog's, or ours for the name with the extension added): the old file goes to the trash,
   * with its -wal and -shm beside it (a stale -wal must never meet the new file). False, after saying why, when it
   * cannot: the open project itself, or a file the trash refuses.
   */
  private async replaceExisting(path: string): Promise<boolean> {
    if (this.core.projectPath !== null && sameFile(this.core.projectPath, path)) {
      await this.showError('The project was not replaced', `“${basename(path)}” is the project open now; choose another name for the new project.`);
      return false;
    }
    try {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) await shell.trashItem(file);
      return true;
    } catch (error) {
      await this.showError('The project was not replaced', `“${basename(path)}” could not be moved to the trash (${(error as Error).message}); no new project was created.`);
      return false;
    }
  }

  private async chooseProjectToOpen(): Promise<string | null> {
    const options: OpenDialogOptions = {
      title: 'Open Project',
      filters: [...PROJECT_FILTERS, { name: 'All files', extensions: ['*'] }],
      properties: ['openFile'],
    };
    const window = this.liveWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  /** Shows a message box; resolves to the index of the button chosen. */
  private async messageBox(options: MessageBoxOptions): Promise<number> {
    const window = this.liveWindow();
    return (await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options))).response;
  }

  private async showError(title: string, detail: string): Promise<void> {
    await this.messageBox({ type: 'error', title, message: title, detail, buttons: ['OK'] });
  }

  private async showAbout(): Promise<void> {
    const versions = `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node.js ${process.versions.node}`;
    await this.messageBox({
      type: 'info',
      title: `About ${APP_NAME}`,
      message: `${APP_NAME} ${APP_VERSION}`,
      detail: `An offline annotation workbench for analysts who check sources.\n\n${versions}`,
      buttons: ['OK'],
    });
  }

  /** Closes the project database cleanly (WAL checkpoint) and ends the core. */
  shutdown(): Promise<void> {
    return this.core.stop();
  }
}

function main(): void {
  app.setName(APP_NAME);
  // Before the app is ready: app:// is a standard, secure origin, which file:// is not.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  const settingsDir = prepareSettingsDirectory();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer is sandboxed, whatever a window's webPreferences say.
  app.enableSandbox();
  const devUrl = devServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  const location: RendererLocation = devUrl ? { kind: 'dev-server', url: devUrl } : { kind: 'app' };
  const desktop = new DesktopApp(settingsDir, location);

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location));
  app.on('second-instance', (_event, argv, workingDirectory) => desktop.onSecondInstance(argv, workingDirectory));
  app.on('open-file', (event, path) => {
    event.preventDefault();
    desktop.openFromOs(path);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => desktop.showWindow());
  // The core closes the project before the app exits: quitting waits for it once.
  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    void desktop
      .shutdown()
      .catch((error: unknown) => console.error('The core did not stop cleanly', error))
      .finally(() => {
        coreStopped = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(() => desktop.start())
    .catch((error: unknown) => {
      console.error('Marginalia could not start', error);
      dialog.showErrorBox('Marginalia could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

main();

// The app around a project: which project is open, the app settings, recent projects — for the desktop app and `serve`.
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { METHODS, type ContractHandlers, type ResponseOf, type ValidRequestOf, type WorkbenchState } from '../../src-shared/api/contract';
import { dispatch } from '../../src-shared/api/dispatch';
import { CHECK_RESPONSES } from './check-responses';
import type { DocumentId } from '../../src-shared/model/ids';
import { UserError, type Result } from '../../src-shared/model/result';
import type { ProjectDataEvent } from '../../src-shared/api/events';
import { ChangeFeed } from './change-feed';
import { createHandlers, type ProjectHandlers, type ProjectMethod } from './handlers';
import { createProject, openProject, type ProjectSession } from './session';
import { readSettings, writeSettings, type Settings } from './settings';
import { runOperation, type Progress } from './operation';
import { removeStalePrivateFolders } from './private-files';
import { oneFileExtension, saveOneFile } from './export/one-file';

/** What the hosting process provides: native dialogs in the desktop app, nothing in the browser mode. */
export interface WorkbenchHost {
  readonly kind: 'desktop' | 'browser';
  /** Asks where to create a new project; null when the user cancels. */
  chooseNewProjectPath?: () => Promise<string | null>;
  /** Asks which project to open; null when the user cancels. */
  chooseProjectToOpen?: () => Promise<string | null>;
  /** Asks where to save an export, offering `fileName`; null when the user cancels. */
  chooseExportPath?: (fileName: string) => Promise<string | null>;
  /** Called after a project was opened or closed (to retitle the window, rebuild menus). */
  projectChanged?: (projectPath: string | null) => void;
}

/** Every contract method an open project answers: all but the app's own settings.*, workbench.* and request.* methods. */
const PROJECT_METHODS = METHODS.filter((m) => !m.startsWith('settings.') && !m.startsWith('workbench.') && !m.startsWith('request.')) as ProjectMethod[];

/** Receives what changed in the open project, with the client whose request changed it (null: another process). */
export type ProjectDataListener = (event: ProjectDataEvent, origin: string | null) => void;

/** How often the open project file is checked for commits by other processes (the CLI, another app). */
const EXTERNAL_CHANGE_POLL_MS = 300;

/** How a request is answered beyond its payload: the id its client may cancel it by, and where its progress goes. */
export interface CallOptions {
  readonly requestId?: string;
  readonly onProgress?: (progress: Progress) => void;
}

function runningKey(origin: string | null, requestId: string): string {
  return `${origin ?? ''}\u0000${requestId}`;
}

export class Workbench {
  private session: ProjectSession | null = null;
  /** The requests running now that their clients may cancel, by origin and request id. */
  private readonly running = new Map<string, AbortController>();
  private callingOrigin: string | null = null;
  private projectHandlers: ProjectHandlers | null = null;
  private readonly handlers: ContractHandlers;
  private feed: ChangeFeed | null = null;
  private poller: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<ProjectDataListener>();

  /**
   * @param analystOverride a name to write as for this run only (`serve --analyst`), never saved to the settings;
   *   a name the user then types in the page is saved and takes over.
   * @param readOnly opens projects read-only and does not watch them (serve's second core, for reads).
   */
  constructor(
    private readonly settingsDir: string,
    private readonly host: WorkbenchHost,
    private analystOverride: string | null = null,
    private readonly readOnly = false,
  ) {
    removeStalePrivateFolders();
    this.handlers = this.buildHandlers();
  }

  get projectPath(): string | null {
    return this.session?.path ?? null;
  }

  private analystName(): string | null {
    return this.analystOverride ?? this.settings().analystName ?? null;
  }

  settings(): Settings {
    return readSettings(this.settingsDir);
  }

  private updateSettings(change: (settings: Settings) => Settings): void {
    writeSettings(this.settingsDir, change(this.settings()));
  }

  /** Opens (or, with `create`, creates) a project file and makes it the current one. */
  open(path: string, options: { create?: boolean; name?: string } = {}): void {
    const analystName = this.analystName();
    const session = options.create
      ? createProject(path, options.name ?? basename(path).replace(/\.marginalia$/i, ''), { analystName })
      : openProject(path, { analystName, readOnly: this.readOnly });
    this.close(false);
    this.session = session;
    this.projectHandlers = createHandlers(session);
    if (!this.readOnly) this.watch(session);
    // The browser mode shows one project for a while; it does not belong in the desktop app's recent list.
    if (this.host.kind === 'desktop') {
      this.updateSettings((s) => ({ ...s, recentProjects: [path, ...(s.recentProjects ?? []).filter((p) => p !== path)].slice(0, 10) }));
    }
    this.host.projectChanged?.(path);
  }

  /** Calls `listener` with every change to the open project from now on; returns the unsubscribe function. */
  subscribe(listener: ProjectDataListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private watch(session: ProjectSession): void {
    this.feed = new ChangeFeed(session.db, (event, origin) => {
      for (const listener of this.listeners) listener(event, origin);
    });
    this.poller = setInterval(() => this.feed?.poll(), EXTERNAL_CHANGE_POLL_MS);
    this.poller.unref();
  }

  close(notify = true): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    this.feed = null;
    this.session?.close();
    this.session = null;
    this.projectHandlers = null;
    if (notify) this.host.projectChanged?.(null);
  }

  state(): WorkbenchState {
    const settings = this.settings();
    const path = this.projectPath;
    const last = path ? settings.lastDocumentByProject?.[path] : undefined;
    return {
      host: this.host.kind,
      projectName: path ? basename(path) : null,
      recent: (settings.recentProjects ?? []).map((p) => basename(p)),
      recentMissing: (settings.recentProjects ?? []).flatMap((p, index) => (existsSync(p) ? [] : [index])),
      lastDocumentId: (last ?? null) as DocumentId | null,
    };
  }

  /**
   * Answers one request of the contract. `origin` names the client (window or page) that sent it, so that what
   * the request changed reaches every other client as an event.
   */
  async call(method: unknown, payload: unknown, origin: string | null = null, options: CallOptions = {}): Promise<Result<unknown>> {
    const key = options.requestId === undefined ? null : runningKey(origin, options.requestId);
    const controller = new AbortController();
    if (key !== null) this.running.set(key, controller);
    const onProgress = options.onProgress ?? (() => {});
    // Handlers run synchronously up to their first await (better-sqlite3 is synchronous), so the origin set
    // here is the one every write of this request records (and the one `request.cancel` cancels for).
    const session = this.session;
    if (session) session.origin = origin;
    this.callingOrigin = origin;
    const pending = runOperation({ signal: controller.signal, onProgress }, () => dispatch(this.handlers, method, payload, { checkResponses: CHECK_RESPONSES }));
    this.callingOrigin = null;
    if (session) session.origin = null;
    try {
      return await pending;
    } finally {
      if (key !== null && this.running.get(key) === controller) this.running.delete(key);
      this.feed?.check(origin);
    }
  }

  private async openChosen(choose: (() => Promise<string | null>) | undefined, create: boolean): Promise<WorkbenchState> {
    if (!choose) throw new UserError('unsupported', 'Projects are opened from the Marginalia app; this window shows one project.');
    const path = await choose();
    if (path === null) throw new UserError('cancelled', 'No project was chosen.');
    this.open(path, { create });
    return this.state();
  }

  /** `workbench.saveExport`: the export written in the core's folder, then saved where the user chose; the folder removed. */
  private async saveExport(name: string, request: ValidRequestOf<'export.write'>): Promise<ResponseOf<'workbench.saveExport'>> {
    const choose = this.host.chooseExportPath;
    if (!choose) throw new UserError('unsupported', 'Here an export is downloaded by the page; saving to a chosen file is the Marginalia app’s.');
    if (!this.projectHandlers) throw new UserError('no_project', 'No project is open: open or create one first.');
    const written = await this.projectHandlers['export.write'](request);
    try {
      const path = await choose(`${name}${oneFileExtension(written)}`);
      if (path === null) throw new UserError('cancelled', 'The export was not saved.');
      return { fileName: basename(path), bytes: await saveOneFile(written, path) };
    } finally {
      rmSync(written.folder, { recursive: true, force: true });
    }
  }

  private buildHandlers(): ContractHandlers {
    const project = Object.fromEntries(
      PROJECT_METHODS.map((method) => [
        method,
        (request: unknown) => {
          if (!this.projectHandlers) throw new UserError('no_project', 'No project is open: open or create one first.');
          return (this.projectHandlers[method] as (r: unknown) => unknown)(request);
        },
      ]),
    ) as unknown as ProjectHandlers;
    return {
      ...project,
      'request.cancel': ({ requestId }) => {
        const controller = this.running.get(runningKey(this.callingOrigin, requestId));
        controller?.abort();
        return { cancelled: controller !== undefined };
      },
      'settings.get': () => ({ analystName: this.analystName() }),
      'settings.update': ({ analystName }) => {
        this.updateSettings((s) => ({ ...s, analystName }));
        this.analystOverride = null;
        this.session?.renameYourself(analystName);
        return { analystName };
      },
      'workbench.state': () => this.state(),
      'workbench.newProject': () => this.openChosen(this.host.chooseNewProjectPath, true),
      'workbench.openProject': () => this.openChosen(this.host.chooseProjectToOpen, false),
      'workbench.openRecent': ({ index }) => {
        const path = this.settings().recentProjects?.[index];
        if (!path) throw new UserError('not_found', 'That project is no longer in the recent list.');
        if (this.host.kind === 'browser') throw new UserError('unsupported', 'Projects are opened from the Marginalia app.');
        this.open(path);
        return this.state();
      },
      'workbench.removeRecent': ({ index }) => {
        const path = this.settings().recentProjects?.[index];
        if (!path) throw new UserError('not_found', 'That project is no longer in the recent list.');
        if (this.host.kind === 'browser') throw new UserError('unsupported', 'The recent projects are the Marginalia app’s.');
        this.updateSettings((s) => ({ ...s, recentProjects: (s.recentProjects ?? []).filter((p) => p !== path) }));
        return this.state();
      },
      'workbench.closeProject': () => {
        if (this.host.kind === 'browser') throw new UserError('unsupported', 'The browser view always shows its one project.');
        this.close();
        return this.state();
      },
      'workbench.saveExport': ({ name, ...request }) => this.saveExport(name, request),
      'workbench.rememberDocument': ({ documentId }) => {
        const path = this.projectPath;
        if (path) this.updateSettings((s) => ({ ...s, lastDocumentByProject: { ...(s.lastDocumentByProject ?? {}), [path]: documentId } }));
        return {};
      },
    };
  }
}


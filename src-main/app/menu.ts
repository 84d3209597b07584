// The desktop app's menu bar (main process): built as a plain template from the app's state and its actions.
import { basename, dirname } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { WorkbenchEvent } from '../../src-shared/api/events';

/** What the menu shows: the platform's conventions, the open project and the recent projects that still exist. */
export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  projectOpen: boolean;
  /** Recent projects as paths with their index in the settings' list (the index `workbench.openRecent` takes). */
  recent: ReadonlyArray<{ index: number; path: string }>;
  /** Adds developer tools to the View menu (unpackaged builds only). */
  development: boolean;
}

/** What the menu items do; the main process implements them. */
export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(index: number): void;
  closeProject(): void;
  /** Forwards a command to the workbench UI, which owns undo, import and the warning form. */
  send(event: WorkbenchEvent): void;
  about(): void;
}

/** Menu labels for recent projects: the file name, plus its folder when two recent files share a name. */
export function recentLabels(paths: readonly string[]): string[] {
  const names = paths.map((p) => basename(p));
  return paths.map((p, i) => (names.filter((n) => n === names[i]).length > 1 ? `${names[i]} — ${dirname(p)}` : (names[i] ?? p)));
}

function fileMenu(state: MenuState, actions: MenuActions): MenuItemConstructorOptions {
  const labels = recentLabels(state.recent.map((r) => r.path));
  const recent: MenuItemConstructorOptions[] = state.recent.length
    ? state.recent.map((r, i) => ({ label: labels[i] ?? basename(r.path), click: () => actions.openRecent(r.index) }))
    : [{ label: 'No recent projects', enabled: false }];
  const items: MenuItemConstructorOptions[] = [
    { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
    { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
    { label: 'Open Recent', submenu: recent },
    { type: 'separator' },
    { label: 'Import Articles…', accelerator: 'CmdOrCtrl+I', enabled: state.projectOpen, click: () => actions.send({ type: 'import-articles' }) },
    { label: 'Add Document Reliability Warning', enabled: state.projectOpen, click: () => actions.send({ type: 'add-document-warning' }) },
    { type: 'separator' },
    { label: 'Share Project…', enabled: state.projectOpen, click: () => actions.send({ type: 'share-project' }) },
    { label: 'Merge a Teammate’s Project…', enabled: state.projectOpen, click: () => actions.send({ type: 'merge-teammate' }) },
    { label: 'Export…', accelerator: 'CmdOrCtrl+E', enabled: state.projectOpen, click: () => actions.send({ type: 'export-project' }) },
    { type: 'separator' },
    { label: 'Close Project', accelerator: 'CmdOrCtrl+W', enabled: state.projectOpen, click: () => actions.closeProject() },
  ];
  // macOS keeps Quit in the application menu.
  if (state.platform !== 'darwin') items.push({ type: 'separator' }, { role: 'quit', label: 'Quit' });
  return { label: 'File', submenu: items };
}

function editMenu(state: MenuState, actions: MenuActions): MenuItemConstructorOptions {
  // Undo and redo act on the project's history, so they go to the workbench UI instead of the focused text field.
  const items: MenuItemConstructorOptions[] = [
    { label: 'Undo', accelerator: 'CmdOrCtrl+Z', enabled: state.projectOpen, click: () => actions.send({ type: 'undo' }) },
    { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', enabled: state.projectOpen, click: () => actions.send({ type: 'redo' }) },
  ];
  if (state.platform !== 'darwin') {
    // The Windows and Linux habit Ctrl+Y: a hidden item, whose accelerator still works on those platforms.
    items.push({ label: 'Redo', accelerator: 'Ctrl+Y', visible: false, enabled: state.projectOpen, click: () => actions.send({ type: 'redo' }) });
  }
  // Cut and Paste keep working in the name, note and correction fields (macOS routes those keys through the menu).
  items.push({ type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' });
  return { label: 'Edit', submenu: items };
}

function viewMenu(state: MenuState): MenuItemConstructorOptions {
  const items: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (state.development) items.push({ type: 'separator' }, { role: 'toggleDevTools' });
  return { label: 'View', submenu: items };
}

function macAppMenu(state: MenuState, actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: state.appName,
    submenu: [
      { label: `About ${state.appName}`, click: () => actions.about() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
}

/** The whole menu bar for `Menu.buildFromTemplate`. */
export function menuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const help: MenuItemConstructorOptions = mac
    ? { role: 'help', submenu: [{ label: `About ${state.appName}`, click: () => actions.about() }] }
    : { label: 'Help', submenu: [{ label: `About ${state.appName}`, click: () => actions.about() }] };
  return [
    ...(mac ? [macAppMenu(state, actions)] : []),
    fileMenu(state, actions),
    editMenu(state, actions),
    viewMenu(state),
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    help,
  ];
}

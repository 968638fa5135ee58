/**
 * Electron's main process: one window on one database (the path given on the
 * command line, or the sample in the user data folder, created on first run),
 * the app:// scheme, the IPC bridge and the menu. All database work is the
 * host's; this file wires Electron to it.
 */
import { resolve } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { openOrCreateSample } from '../sample/user-sample.js';
import { ipcEventChannel } from '../contract/index.js';
import { fileRecentList, type Host } from '../host/index.js';
import { createIsolatedHost } from '../isolation/isolated-host.js';
import { rendererDistDir } from '../layout.js';
import { APP_NAME, dataDir, recentListPath, windowStatePath } from '../paths.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { bridgeIpc } from './ipc-bridge.js';
import { parseLaunchArguments } from './launch-arguments.js';
import { forkUtilityProcess } from './utility-process.js';
import { createMainWindow } from './main-window.js';
import { installMenu } from './menu.js';

// Before ready: the name and the folder Electron derives its own paths from,
// so they match app/paths.ts (and TRELLIS_DATA_DIR) exactly.
app.setName(APP_NAME);
app.setPath('userData', dataDir());
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  denyPermissions();
  serveRenderer(rendererDistDir());
  const launch = parseLaunchArguments(process.argv, process.defaultApp === true, process.env);
  const path = launch.path === undefined ? (await openOrCreateSample(app.getPath('userData'))).path : resolve(launch.path);
  const recent = fileRecentList(recentListPath(app.getPath('userData')));
  let host: Host;
  try {
    // The engine runs in a utility process: a damaged page that ends it is answered CORRUPT, and the window stays.
    host = await createIsolatedHost({
      path,
      readOnly: launch.readOnly,
      // Only a path given with it is a replica: never the sample database.
      replica: launch.path === undefined ? undefined : launch.replica,
      recentFile: recentListPath(app.getPath('userData')),
      spawn: forkUtilityProcess,
      log: (message, error) => console.error(`trellis: ${message}`, error ?? ''),
    });
  } catch (error) {
    dialog.showErrorBox('Trellis cannot open this database', (error as Error).message);
    app.exit(1);
    return;
  }

  const window = createMainWindow(windowStatePath(app.getPath('userData')));
  const stopIpc = bridgeIpc(host, window);
  const openPath = async (path: string, readOnly = false) => {
    const outcome = await host.handle('database.open', { path, readOnly });
    if (!outcome.ok) dialog.showErrorBox('Trellis cannot open this database', outcome.error.message);
    refreshMenu();
  };
  const refreshMenu = () =>
    installMenu({
      openDatabase: () =>
        void pickDatabase(window).then((picked) => {
          if (picked !== undefined) void openPath(picked);
        }),
      openRecent: (recentPath) => void openPath(recentPath),
      recentPaths: () => recent.list(),
      runCommand: (id) => window.webContents.send(ipcEventChannel('command'), { id }),
    });
  refreshMenu();
  host.on('database', () => refreshMenu()); // the renderer may open another one (drag and drop)

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window.isMinimized()) window.restore();
    window.focus();
    const again = parseLaunchArguments(argv, process.defaultApp === true);
    if (again.path !== undefined) void openPath(resolve(workingDirectory, again.path), again.readOnly);
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault(); // close LMDB cleanly first, then quit for real
    closed = true;
    stopIpc();
    void host.close().finally(() => app.quit());
  });
}

async function pickDatabase(window: BrowserWindow): Promise<string | undefined> {
  const picked = await dialog.showOpenDialog(window, { title: 'Open a Trellis database', properties: ['openDirectory'] });
  return picked.canceled ? undefined : picked.filePaths[0];
}

/** The page never needs the camera, notifications, or anything else that asks. */
function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function fail(error: unknown): void {
  dialog.showErrorBox('Trellis could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

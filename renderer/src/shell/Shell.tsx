/**
 * The window: menu bar, toolbar, the tree list and the current place. Owns
 * the navigation history and what the commands need; everything else lives
 * in the parts it composes.
 */
import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import { HostError } from '../../../app/contract/errors.js';
import type { HostClient } from '../client/connect.js';
import { useCommands } from '../commands/use-command.js';
import { NavigatorContext, type Navigator } from '../state/contexts.js';
import { keyAddressOf } from '@trellis/engine/common/key-text';
import { confirmDiscardUnsaved } from '../state/unsaved-edits.js';
import { useDatabase } from '../state/use-database.js';
import { migrationReason, useMigration } from '../state/use-migration.js';
import type { ShownDatabase } from '../state/read-only-reason.js';
import { MigrationBanner } from './MigrationBanner.js';
import { useNavigation } from '../state/use-navigation.js';
import { useTheme } from '../state/use-theme.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { MenuBar } from './MenuBar.js';
import { RawView } from '../raw/RawView.js';
import { Sidebar } from './Sidebar.js';
import { Toolbar } from './Toolbar.js';
import { TreeView } from './TreeView.js';
import { useAppCommands } from './use-app-commands.js';
import { useDropToOpen } from './use-drop-to-open.js';
import { useShortcuts } from './use-shortcuts.js';
import { useStartingPlace } from './use-starting-place.js';
import { lazyModule } from '../state/lazy-module.js';
import { SchemaPlace } from '../schema/SchemaPlace.js';
import { showDiagram, showSchema, showTable } from '../schema/places.js';
import { useSchemaCommands } from '../schema/use-schema-commands.js';
import { useUndoCommands } from '../undo/use-undo-commands.js';
import { UndoConflict } from '../undo/UndoConflict.js';
import { SyncContext } from '../sync/sync-context.js';
import { SyncStatusBar } from '../sync/SyncStatusBar.js';
import { useSync } from '../sync/use-sync.js';

// Not on the first screen: their own chunks (cmdk and its dialog are ~30 kB), fetched when first opened.
const palette = lazyModule(() => import('./CommandPalette.js'));
const openDialogModule = lazyModule(() => import('./OpenDialog.js'));

const NO_PLACES = { entries: [], index: -1 } as const;

export function Shell({ client }: { client: HostClient }): JSX.Element {
  const database = useDatabase(client);
  const info = database.info;
  const migration = useMigration(client);
  const sync = useSync(client, info);
  // Writes are disabled while another program migrates (only its start and end change this, not each progress event).
  const migratingId = migration?.id;
  const shown = useMemo<ShownDatabase | null>(
    () => (info && migratingId !== undefined ? { ...info, readOnly: true, lockedReadOnly: true, writesRefusedBy: migrationReason({ id: migratingId }) } : info),
    [info, migratingId],
  );
  const { history, snapshot } = useNavigation();
  const { theme, toggle: toggleTheme, followSystem } = useTheme();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [openDialog, setOpenDialog] = useState(false);
  const Palette = palette.use(paletteOpen);
  const Dialog = openDialogModule.use(openDialog);
  const [notice, setNotice] = useState<string | null>(null);
  useShortcuts(useCommands());
  useStartingPlace(info, history);

  const location = snapshot.entries[snapshot.index];
  const tree = info?.trees.find((t) => t.name === location?.tree);

  const navigator = useMemo<Navigator>(
    () => ({
      follow: (text) => {
        const address = keyAddressOf(text);
        if (!address || !info?.trees.some((t) => t.name === address.tree)) setNotice(`Cannot follow ${text}: no such tree in this database.`);
        else history.push({ tree: address.tree, selected: text });
      },
      showView: (name, view) => void (view === 'schema' ? showSchema(history, name) : view === 'diagram' ? showDiagram(history, name) : showTable(history, name)),
    }),
    [info, history],
  );
  const openTree = useCallback((name: string) => void history.push({ tree: name }), [history]);
  const openDatabase = useCallback(
    async (path: string): Promise<string | null> => {
      if (!confirmDiscardUnsaved()) return `Did not open ${path}: the record on screen has unsaved changes.`;
      try {
        database.setInfo(await client.call('database.open', { path }));
        return null;
      } catch (error) {
        if (!(error instanceof HostError || error instanceof Error)) return String(error);
        // The host's refusals name the path already ("… is not a Trellis database: …"): not twice.
        return error.message.includes(path) ? error.message.charAt(0).toUpperCase() + error.message.slice(1) : `Could not open ${path}: ${error.message}`;
      }
    },
    [client, database],
  );
  const toggleReadOnly = useCallback(() => {
    if (!info) return;
    client.call('session.setReadOnly', { readOnly: !info.readOnly }).then(database.setInfo, (error: Error) => setNotice(error.message));
  }, [client, info, database.setInfo]);
  const openAndReport = useCallback((path: string) => void openDatabase(path).then((problem) => problem && setNotice(problem)), [openDatabase]);
  useDropToOpen(client, openDatabase, setNotice);
  useWindowTitle(info?.path, location?.view === 'diagram' ? 'Schema diagram' : location?.tree);
  useSchemaCommands(history, location, (info?.trees.length ?? 0) > 0);
  const undo = useUndoCommands({ client, database: shown, follow: navigator.follow, openTree, notify: setNotice });
  useAppCommands({ client, history, database: shown, openPalette: () => setPaletteOpen(true), openTree, toggleReadOnly, toggleTheme, followSystemTheme: followSystem, showOpenDialog: () => setOpenDialog(true), openDatabase: openAndReport });

  return (
    <NavigatorContext.Provider value={navigator}>
      <SyncContext.Provider value={sync}>
        <div className="app">
          <ConnectionBanner client={client} />
          <MenuBar />
          {/* A raw LMDB environment has no places in the history: no breadcrumbs of the database open before it. */}
          <Toolbar history={history} snapshot={info?.kind === 'raw' ? NO_PLACES : snapshot} database={shown} theme={theme} undo={undo} onToggleReadOnly={toggleReadOnly} onToggleTheme={toggleTheme} />
          <div className="workspace">
            {/* An LMDB environment without a Trellis catalog: its databases, read-only, in a view of their own. */}
            {info?.kind === 'raw' ? (
              <RawView key={info.path} database={info} />
            ) : (
              <>
                {info && <Sidebar database={info} current={location?.view === 'diagram' ? undefined : location?.tree} diagramOpen={location?.view === 'diagram'} onOpen={openTree} onOpenDiagram={() => location && showDiagram(history, location.tree)} />}
                <main className="content">
                  {migration && <MigrationBanner migration={migration} />}
                  {info && tree && location?.view && <SchemaPlace database={info} location={location} />}
                  {info && tree && location && !location.view && <TreeView key={`${info.path}\n${tree.name}`} database={shown ?? info} tree={tree} location={location} historyIndex={snapshot.index} history={history} theme={theme} />}
                  {info && location && !tree && <div className="empty-state">This database has no tree named “{location.tree}”.</div>}
                  {info && info.trees.length === 0 && <div className="empty-state">This database has no trees yet.</div>}
                  {!info && <div className="empty-state">{database.loading ? 'Loading…' : database.problem}</div>}
                </main>
              </>
            )}
          </div>
          {notice && (
            <div className="notice" data-testid="notice" role="status">
              <span>{notice}</span>
              <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
                ✕
              </button>
            </div>
          )}
          {undo.conflict && (
            <UndoConflict
              outcome={undo.conflict}
              theme={theme}
              onOpen={(text) => {
                undo.dismissConflict();
                navigator.follow(text);
              }}
              onForget={undo.forgetConflicted}
              onClose={undo.dismissConflict}
            />
          )}
          <SyncStatusBar theme={theme} />
          {paletteOpen && Palette && <Palette.CommandPalette open onOpenChange={setPaletteOpen} />}
          {openDialog && Dialog && <Dialog.OpenDialog onClose={() => setOpenDialog(false)} onOpen={openDatabase} />}
        </div>
      </SyncContext.Provider>
    </NavigatorContext.Provider>
  );
}

/** `tasks — sample-db — Trellis`: the page title (and the window's, under Electron) says where the user is. */
function useWindowTitle(path: string | undefined, tree: string | undefined): void {
  useEffect(() => {
    const folder = path?.split(/[\\/]/).filter(Boolean).at(-1);
    document.title = [tree, folder, 'Trellis'].filter(Boolean).join(' — ');
  }, [path, tree]);
}

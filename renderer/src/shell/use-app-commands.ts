/**
 * The window-wide commands: navigation, the palette, trees, read-only, theme,
 * File › Open and Open Recent. Commands that belong to one part of the UI
 * (jump to key, new record) are registered by that part while it is shown.
 */
import { useEffect, useState } from 'react';
import { useCommand, useCommands } from '../commands/use-command.js';
import type { HostClient } from '../client/connect.js';
import { describedCommand } from '../../../app/contract/commands.js';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import type { NavigationHistory } from '../state/history.js';

interface AppCommandsOptions {
  readonly client: HostClient;
  readonly history: NavigationHistory;
  readonly database: DatabaseInfo | null;
  openPalette(): void;
  openTree(tree: string): void;
  toggleReadOnly(): void;
  toggleTheme(): void;
  followSystemTheme(): void;
  showOpenDialog(): void;
  openDatabase(path: string): void;
}

export function useAppCommands(options: AppCommandsOptions): void {
  const { client, history, database } = options;
  // Described in app/contract/commands.ts, which Electron's native menu reads too.
  useCommand({ ...describedCommand('nav.back'), run: () => history.back(), enabled: () => history.canGoBack() });
  useCommand({ ...describedCommand('nav.forward'), run: () => history.forward(), enabled: () => history.canGoForward() });
  useCommand({ ...describedCommand('palette.open'), run: options.openPalette });
  useCommand({ id: 'view.toggleTheme', label: 'Toggle Light/Dark Theme', group: 'View', run: options.toggleTheme });
  useCommand({ id: 'view.followSystemTheme', label: 'Theme: Follow System', group: 'View', run: options.followSystemTheme });
  useCommand({
    id: 'session.toggleReadOnly',
    label: database?.readOnly ? 'Turn Read-Only Off' : 'Turn Read-Only On',
    group: 'Edit',
    run: options.toggleReadOnly,
    enabled: () => database !== null && !database.lockedReadOnly,
  });
  // In the desktop app the native menu's File › Open shows the system dialog in the main process.
  const web = client.kind === 'web';
  const fileOpen = describedCommand('file.open');
  useCommand({ ...fileOpen, keys: web ? fileOpen.keys : [], run: options.showOpenDialog, enabled: () => web });
  useTreeCommands(database, options.openTree);
  useRecentCommands(client, database?.path, options.openDatabase);
}

function useTreeCommands(database: DatabaseInfo | null, openTree: (tree: string) => void): void {
  const registry = useCommands();
  const names = database?.trees.map((tree) => tree.name).join('\n') ?? '';
  useEffect(() => {
    const removers = names
      .split('\n')
      .filter(Boolean)
      .map((name) => registry.register({ id: `tree.open.${name}`, label: `Go to Tree: ${name}`, group: 'Go', run: () => openTree(name) }));
    return () => removers.forEach((remove) => remove());
  }, [registry, names, openTree]);
}

function useRecentCommands(client: HostClient, currentPath: string | undefined, openDatabase: (path: string) => void): void {
  const registry = useCommands();
  const [recent, setRecent] = useState<readonly string[]>([]);
  useEffect(() => {
    client.call('database.recent', {}).then(({ paths }) => setRecent(paths), () => setRecent([]));
  }, [client, currentPath]);
  useEffect(() => {
    const removers = recent
      .filter((path) => path !== currentPath)
      .slice(0, 8)
      .map((path, i) => registry.register({ id: `file.openRecent.${i + 1}`, label: `Open Recent: ${path}`, group: 'File', run: () => openDatabase(path) }));
    return () => removers.forEach((remove) => remove());
  }, [registry, recent, currentPath, openDatabase]);
}

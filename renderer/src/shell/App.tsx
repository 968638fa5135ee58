/** The app: providers for the client, the command registry and the record lookup, around the shell. */
import { useEffect, useState, type JSX } from 'react';
import { createRoot } from 'react-dom/client';
import type { HostClient } from '../client/connect.js';
import { CommandRegistry } from '../commands/registry.js';
import { CommandsContext } from '../commands/use-command.js';
import { labellingClient } from '../labels/labelling-client.js';
import { RecordLookup } from '../references/record-lookup.js';
import { ClientContext, RecordLookupContext } from '../state/contexts.js';
import { installUnloadGuard } from '../state/unsaved-edits.js';
import { Shell } from './Shell.js';
import { UndoHistory } from '../undo/undo-history.js';
import { UndoContext } from '../undo/use-undo.js';

/** Renders the app into `container` (replacing index.html's boot message); main.tsx loads this module on its own. */
export function renderApp(container: HTMLElement, client: HostClient): void {
  // Reloading or closing the page asks when a record has an unsaved edit.
  installUnloadGuard();
  createRoot(container).render(<App client={client} />);
}

export function App({ client: connection }: { client: HostClient }): JSX.Element {
  const [registry] = useState(() => new CommandRegistry());
  const [lookup] = useState(() => new RecordLookup(connection));
  // Every answer's `labels` land in the lookup's label book, whoever asked.
  const [client] = useState(() => labellingClient(connection, lookup.labels));
  const [undo] = useState(() => new UndoHistory());

  // Electron's native menu asks for commands by id; cached previews forget what changed.
  useEffect(() => client.on('command', ({ id }) => void registry.run(id)), [client, registry]);
  useEffect(
    () =>
      client.on('changes', ({ changes, resync }) => {
        if (resync) lookup.clear();
        else lookup.forget(changes.map((change) => change.text));
      }),
    [client, lookup],
  );
  useEffect(() => client.on('database', () => lookup.clear()), [client, lookup]);

  return (
    <ClientContext.Provider value={client}>
      <CommandsContext.Provider value={registry}>
        <RecordLookupContext.Provider value={lookup}>
          <UndoContext.Provider value={undo}>
            <Shell client={client} />
          </UndoContext.Provider>
        </RecordLookupContext.Provider>
      </CommandsContext.Provider>
    </ClientContext.Provider>
  );
}

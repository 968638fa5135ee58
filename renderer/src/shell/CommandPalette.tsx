/** The command palette (Mod+K, Mod+Shift+P): every enabled command in the registry, searchable. */
import { Command as Cmdk } from 'cmdk';
import type { JSX } from 'react';
import { useCommandList, useCommands } from '../commands/use-command.js';
import { groupCommands } from './MenuBar.js';
import { shortcutLabel } from './shortcut-label.js';

export function CommandPalette({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }): JSX.Element {
  const registry = useCommands();
  const commands = useCommandList().filter((command) => command.enabled?.() !== false);
  return (
    <Cmdk.Dialog open={open} onOpenChange={onOpenChange} label="Command palette" data-testid="command-palette" overlayClassName="palette-overlay" contentClassName="palette-content">
      <Cmdk.Input placeholder="Type a command…" aria-label="Command" />
      <Cmdk.List>
        <Cmdk.Empty>No matching command.</Cmdk.Empty>
        {groupCommands(commands).map(([group, items]) => (
          <Cmdk.Group heading={group} key={group}>
            {items.map((command) => (
              <Cmdk.Item
                key={command.id}
                value={`${group} ${command.label} ${command.id}`}
                data-command={command.id}
                onSelect={() => {
                  onOpenChange(false);
                  // After the dialog has closed, so focus moves where the command wants it.
                  setTimeout(() => registry.run(command.id), 0);
                }}
              >
                <span>{command.label}</span>
                {command.keys?.[0] && <kbd>{shortcutLabel(command.keys[0])}</kbd>}
              </Cmdk.Item>
            ))}
          </Cmdk.Group>
        ))}
      </Cmdk.List>
    </Cmdk.Dialog>
  );
}

/** The in-window menu bar, built from the command registry's groups. */
import { useEffect, useRef, useState, type JSX } from 'react';
import { useCommandList, useCommands } from '../commands/use-command.js';
import type { Command } from '../commands/registry.js';
import { shortcutLabel } from './shortcut-label.js';

const GROUP_ORDER = ['File', 'Edit', 'Record', 'Go', 'View'];

export function groupCommands(commands: readonly Command[]): [string, Command[]][] {
  const groups = new Map<string, Command[]>();
  for (const command of commands) {
    const list = groups.get(command.group) ?? [];
    list.push(command);
    groups.set(command.group, list);
  }
  const rank = (group: string) => (GROUP_ORDER.includes(group) ? GROUP_ORDER.indexOf(group) : GROUP_ORDER.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

export function MenuBar(): JSX.Element {
  const registry = useCommands();
  const commands = useCommandList();
  const [open, setOpen] = useState<string | null>(null);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!bar.current?.contains(event.target as Node)) setOpen(null);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  return (
    <div className="menu-bar" role="menubar" data-testid="menu-bar" ref={bar} onKeyDown={(event) => {
        // Escape closes the open menu and nothing else (not the record panel behind it).
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        event.stopPropagation();
        setOpen(null);
      }}>
      {groupCommands(commands).map(([group, items]) => (
        <div className="menu" key={group}>
          <button type="button" role="menuitem" aria-haspopup="menu" aria-expanded={open === group} className="menu-title" onClick={() => setOpen(open === group ? null : group)} onMouseEnter={() => open && setOpen(group)}>
            {group}
          </button>
          {open === group && (
            <div className="menu-items" role="menu" aria-label={group}>
              {items.map((command) => (
                <button
                  key={command.id}
                  type="button"
                  role="menuitem"
                  className="menu-item"
                  data-testid="menu-item"
                  data-command={command.id}
                  disabled={command.enabled?.() === false}
                  onClick={() => {
                    setOpen(null);
                    registry.run(command.id);
                  }}
                >
                  <span>{command.label}</span>
                  {command.keys?.[0] && <kbd>{shortcutLabel(command.keys[0])}</kbd>}
                </button>
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

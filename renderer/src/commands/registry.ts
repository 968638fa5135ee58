/**
 * The command registry: every user action is one object, and the menu bar,
 * keyboard shortcuts and the command palette all read this one list
 * (Excalidraw's actions/). Components register commands while mounted, so a
 * command exists exactly when it can apply.
 */

export interface Command {
  /** Stable id, `area.verb` (e.g. `nav.back`, `record.save`); Electron's native menu sends these. */
  readonly id: string;
  readonly label: string;
  /** Menu group, e.g. 'File', 'Go', 'Record', 'View'. */
  readonly group: string;
  /** Shortcuts in `Mod+S` / `Alt+ArrowLeft` form; `Mod` is Cmd on macOS, Ctrl elsewhere. */
  readonly keys?: readonly string[];
  readonly run: () => void;
  readonly enabled?: () => boolean;
  /** In a text field or the record editor its keys keep their text meaning (Mod+Z is the field's own undo). */
  readonly yieldToText?: boolean;
}

type Listener = () => void;

export class CommandRegistry {
  private readonly commands = new Map<string, Command>();
  private readonly listeners = new Set<Listener>();
  private snapshot: readonly Command[] = [];

  /** Adds (or replaces) a command; the returned function removes it again. */
  register(command: Command): () => void {
    this.commands.set(command.id, command);
    this.changed();
    return () => {
      if (this.commands.get(command.id) === command) {
        this.commands.delete(command.id);
        this.changed();
      }
    };
  }

  get(id: string): Command | undefined {
    return this.commands.get(id);
  }

  /** Runs a command if it exists and is enabled; returns whether it ran. */
  run(id: string): boolean {
    const command = this.commands.get(id);
    if (!command || command.enabled?.() === false) return false;
    command.run();
    return true;
  }

  /** All commands, stable between changes (for useSyncExternalStore). */
  list = (): readonly Command[] => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The command bound to a keyboard event, if any. */
  match(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, isMac: boolean): Command | undefined {
    const pressed = shortcutOf(event, isMac);
    return this.snapshot.find((command) => command.keys?.some((keys) => normaliseShortcut(keys) === pressed));
  }

  private changed(): void {
    this.snapshot = [...this.commands.values()];
    for (const listener of this.listeners) listener();
  }
}

/** Canonical text of a key event: modifiers in a fixed order, then the key. */
export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, isMac: boolean): string {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const parts = [mod && 'Mod', event.altKey && 'Alt', event.shiftKey && 'Shift'].filter(Boolean) as string[];
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
  return [...parts, key].join('+');
}

function normaliseShortcut(keys: string): string {
  const parts = keys.split('+');
  const key = parts.pop() ?? '';
  const order = ['Mod', 'Alt', 'Shift'];
  const mods = order.filter((m) => parts.includes(m));
  return [...mods, key.length === 1 ? key.toUpperCase() : key].join('+');
}

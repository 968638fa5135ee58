/**
 * React bindings for the registry: one registry per app, provided by context.
 */
import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { CommandRegistry, type Command } from './registry.js';

export const CommandsContext = createContext<CommandRegistry>(new CommandRegistry());

export function useCommands(): CommandRegistry {
  return useContext(CommandsContext);
}

/** Every registered command, re-rendering when the list changes. */
export function useCommandList(): readonly Command[] {
  const registry = useCommands();
  return useSyncExternalStore(registry.subscribe, registry.list);
}

/**
 * Registers a command while the component is mounted. `run` and `enabled`
 * always call the latest render's functions, so callers need not memoise them.
 */
export function useCommand(command: Command): void {
  const registry = useCommands();
  const latest = useRef(command);
  latest.current = command;
  const { id, label, group } = command;
  const keys = command.keys?.join(' ') ?? '';
  const yieldToText = command.yieldToText === true;
  useEffect(
    () =>
      registry.register({
        id,
        label,
        group,
        ...(keys ? { keys: keys.split(' ') } : {}),
        ...(yieldToText ? { yieldToText } : {}),
        run: () => latest.current.run(),
        enabled: () => latest.current.enabled?.() ?? true,
      }),
    [registry, id, label, group, keys, yieldToText],
  );
}

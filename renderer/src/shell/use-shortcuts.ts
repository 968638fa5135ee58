/**
 * Keyboard shortcuts from the registry, for the whole window. Shortcuts
 * without Mod (Escape, Alt+←) are left alone while typing in a field, where
 * those keys already mean something.
 */
import { useEffect } from 'react';
import { shortcutOf, type CommandRegistry } from '../commands/registry.js';
import { IS_MAC } from './shortcut-label.js';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.monaco-editor') !== null;
}

export function useShortcuts(registry: CommandRegistry): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // Mod+S never reaches the browser ("Save page as…"), even when there is nothing to save.
      if (shortcutOf(event, IS_MAC) === 'Mod+S') event.preventDefault();
      const command = registry.match(event, IS_MAC);
      if (!command) return;
      const usesMod = command.keys?.some((keys) => keys.startsWith('Mod+')) ?? false;
      if (!usesMod && isTyping(event.target)) return;
      if (registry.run(command.id)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [registry]);
}

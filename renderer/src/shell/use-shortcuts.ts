/**
 * Keyboard shortcuts from the registry, for the whole window. Shortcuts
 * without Mod (Escape, Alt+←) are left alone while typing in a field, where
 * those keys already mean something, and inside a menu or dialog, which
 * handles its own Escape; a key some handler already consumed
 * (`defaultPrevented`) is left alone too.
 */
import { useEffect } from 'react';
import { shortcutOf, type CommandRegistry } from '../commands/registry.js';
import { IS_MAC } from './shortcut-label.js';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.monaco-editor') !== null;
}

/** Escape in a menu, the palette or a dialog belongs to that (innermost) thing, which closes itself. */
function insideLayer(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"], [role="alertdialog"], [role="menu"], [role="menubar"], [cmdk-root]') !== null;
}

export function useShortcuts(registry: CommandRegistry): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // Mod+S never reaches the browser ("Save page as…"), even when there is nothing to save.
      if (shortcutOf(event, IS_MAC) === 'Mod+S') event.preventDefault();
      const command = registry.match(event, IS_MAC);
      if (!command) return;
      if (command.yieldToText && isTyping(event.target)) return;
      const usesMod = command.keys?.some((keys) => keys.startsWith('Mod+')) ?? false;
      if (!usesMod && (isTyping(event.target) || (event.key === 'Escape' && insideLayer(event.target)))) return;
      if (registry.run(command.id)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [registry]);
}

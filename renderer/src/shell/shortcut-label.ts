/** `Mod+Shift+P` as the platform writes it: ⌘⇧P on macOS, Ctrl+Shift+P elsewhere. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Alt: '⌥', Shift: '⇧', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };
const PC_NAMES: Record<string, string> = { Mod: 'Ctrl', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };

export function shortcutLabel(keys: string, mac = IS_MAC): string {
  const parts = keys.split('+').map((part) => (mac ? MAC_SYMBOLS : PC_NAMES)[part] ?? part);
  return parts.join(mac ? '' : '+');
}

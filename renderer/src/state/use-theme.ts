/**
 * Light or dark: follows the system (`prefers-color-scheme`) until the user
 * picks one with the theme toggle; that choice is remembered.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'trellis.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemTheme(): Theme {
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function subscribeToSystem(listener: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

function storedTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage can be disabled; the system theme still works
  }
}

export function useTheme(): { theme: Theme; overridden: boolean; toggle(): void; followSystem(): void } {
  const system = useSyncExternalStore(subscribeToSystem, systemTheme);
  const [override, setOverride] = useState<Theme | null>(storedTheme);
  const theme = override ?? system;

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  const remember = useCallback((next: Theme | null) => {
    setOverride(next);
    try {
      if (next) window.localStorage.setItem(STORAGE_KEY, next);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // not remembered, but still applied
    }
  }, []);

  return {
    theme,
    overridden: override !== null,
    toggle: () => remember(theme === 'dark' ? 'light' : 'dark'),
    followSystem: () => remember(null),
  };
}

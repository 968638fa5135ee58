/**
 * The main window's size, position and maximized state, kept in
 * window-state.json between runs. Plain Node (no Electron), so it is tested
 * without a window; a bounds rectangle that no longer fits a screen is the
 * caller's to check.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
const MIN_SIZE = 400;

/** The saved state, or the default when there is none or it is damaged. */
export function loadWindowState(file: string): WindowState {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  if (typeof saved !== 'object' || saved === null) return DEFAULT_WINDOW_STATE;
  const { x, y, width, height, maximized } = saved as Record<string, unknown>;
  if (!isInteger(width) || !isInteger(height) || width < MIN_SIZE || height < MIN_SIZE) return DEFAULT_WINDOW_STATE;
  const position = isInteger(x) && isInteger(y) ? { x, y } : {};
  return { ...position, width, height, maximized: maximized === true };
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);

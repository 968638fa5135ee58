import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from './window-state.js';

const dir = mkdtempSync(join(tmpdir(), 'trellis-window-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('round-trips bounds and the maximized flag, creating the folder', () => {
    const file = join(dir, 'nested', 'window-state.json');
    saveWindowState(file, { x: 10, y: 20, width: 900, height: 700, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: true });
  });

  it('falls back to the default for a missing, damaged or implausible file', () => {
    expect(loadWindowState(join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, '{ not json');
    expect(loadWindowState(damaged)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(damaged, JSON.stringify({ width: 10, height: 10 }));
    expect(loadWindowState(damaged)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('drops a position that is not a pair of integers', () => {
    const file = join(dir, 'half.json');
    writeFileSync(file, JSON.stringify({ x: 'left', y: 5, width: 800, height: 600 }));
    expect(loadWindowState(file)).toEqual({ width: 800, height: 600, maximized: false });
  });
});

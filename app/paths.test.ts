import { describe, expect, it } from 'vitest';
import { dataDir, recentListPath, sampleDatabasePath, windowStatePath } from './paths.js';

const home = '/home/ada';

describe('dataDir', () => {
  it('follows Electron userData on each platform', () => {
    expect(dataDir({ platform: 'linux', env: {}, home })).toBe('/home/ada/.config/Trellis');
    expect(dataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home })).toBe('/xdg/Trellis');
    expect(dataDir({ platform: 'darwin', env: {}, home })).toBe('/home/ada/Library/Application Support/Trellis');
    expect(dataDir({ platform: 'win32', env: { APPDATA: '/roaming' }, home })).toMatch(/roaming[\\/]Trellis$/);
  });

  it('is overridden by TRELLIS_DATA_DIR', () => {
    expect(dataDir({ platform: 'linux', env: { TRELLIS_DATA_DIR: '/data', XDG_CONFIG_HOME: '/xdg' }, home })).toBe('/data');
  });

  it('names the sample database, recent list and window state inside it', () => {
    expect(sampleDatabasePath('/d')).toBe('/d/sample-db');
    expect(recentListPath('/d')).toBe('/d/recent.json');
    expect(windowStatePath('/d')).toBe('/d/window-state.json');
  });
});

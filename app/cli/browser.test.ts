import { describe, expect, it } from 'vitest';
import { browserSkipReason } from './browser.js';

describe('browserSkipReason', () => {
  it('opens where there is a display and nobody said no', () => {
    expect(browserSkipReason(true, { platform: 'linux', env: { DISPLAY: ':0' } })).toBeUndefined();
    expect(browserSkipReason(true, { platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeUndefined();
    expect(browserSkipReason(true, { platform: 'darwin', env: {} })).toBeUndefined();
  });

  it('skips for --no-open, TRELLIS_NO_OPEN=1 and a headless Linux', () => {
    expect(browserSkipReason(false, { platform: 'darwin', env: {} })).toBe('--no-open');
    expect(browserSkipReason(true, { platform: 'win32', env: { TRELLIS_NO_OPEN: '1' } })).toBe('TRELLIS_NO_OPEN=1');
    expect(browserSkipReason(true, { platform: 'linux', env: {} })).toBe('no display');
  });
});

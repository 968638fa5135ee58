import { describe, expect, it } from 'vitest';
import { lazyModule } from './lazy-module.js';

describe('lazyModule', () => {
  it('fetches once however often it is preloaded', async () => {
    let fetches = 0;
    const part = lazyModule(async () => ({ value: ++fetches }));
    const [a, b] = await Promise.all([part.preload(), part.preload()]);
    expect(await part.preload()).toBe(a);
    expect(a).toBe(b);
    expect(fetches).toBe(1);
  });

  it('tries again after a failed fetch', async () => {
    let fetches = 0;
    const part = lazyModule(async () => {
      fetches++;
      if (fetches === 1) throw new Error('the host restarted');
      return { ok: true };
    });
    await expect(part.preload()).rejects.toThrow('the host restarted');
    await expect(part.preload()).resolves.toEqual({ ok: true });
    expect(fetches).toBe(2);
  });
});

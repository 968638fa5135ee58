import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, IPC_CALL, ipcEventChannel } from '../contract/index.js';

// The sandboxed preload may require only 'electron', so it spells out the
// contract's channel names; this keeps the copies honest.
describe('preload', () => {
  const source = readFileSync(new URL('./preload.cts', import.meta.url), 'utf8');

  it('uses the contract call channel and event channels', () => {
    expect(source).toContain(`const IPC_CALL = '${IPC_CALL}';`);
    expect(source).toContain(`const EVENT_NAMES: readonly EventName[] = [${EVENT_NAMES.map((n) => `'${n}'`).join(', ')}];`);
    expect(ipcEventChannel('changes')).toBe('trellis:event:changes');
    expect(source).toContain('const channelOf = (event: EventName) => `trellis:event:${event}`;');
  });

  it('requires nothing but electron at run time', () => {
    const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*(?:from |require\()'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
    expect(source).not.toMatch(/\brequire\('(?!electron')/);
  });
});

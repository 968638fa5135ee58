import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../app/contract/sync.js';
import { statusLine } from './status-line.js';

const base: SyncStatus = { state: 'connected', cursor: 40, serverRevision: 40, waiting: 0, conflicts: 0 };

describe('statusLine', () => {
  it('says connected, how far behind, and what waits to be sent', () => {
    expect(statusLine(base)).toEqual({ text: 'Connected', tone: 'ok' });
    expect(statusLine({ ...base, serverRevision: 52 })).toEqual({ text: '12 changes behind', tone: 'busy' });
    expect(statusLine({ ...base, serverRevision: 41, waiting: 2 }).text).toBe('1 change behind · 2 changes waiting to send');
    expect(statusLine({ ...base, waiting: 1 })).toEqual({ text: 'Connected — sending 1 change', tone: 'busy' });
  });

  it('says offline with what waits, and why in the detail', () => {
    const offline = statusLine({ ...base, state: 'offline', waiting: 3, error: { code: 'OFFLINE', message: 'cannot reach the server at ws://h:1' } });
    expect(offline).toEqual({ text: 'Offline — 3 changes waiting to send', tone: 'warning', detail: 'cannot reach the server at ws://h:1' });
    expect(statusLine({ ...base, state: 'offline' }).text).toBe('Offline — edits are kept and sent when the server is back');
    expect(statusLine({ ...base, state: 'connecting', waiting: 1000 }).text).toBe('Connecting — 1,000 changes waiting to send');
  });

  it('says a refusal with its reason, and a snapshot with its progress', () => {
    const refused = statusLine({ ...base, state: 'refused', error: { code: 'WRONG_SERVER', message: 'this replica belongs to server a, not b' } });
    expect(refused.text).toBe('Refused: this replica belongs to server a, not b');
    expect(refused.tone).toBe('error');
    expect(statusLine({ ...base, cursor: 0, snapshot: { done: 1200, total: 5000 } })).toEqual({
      text: 'Taking a snapshot of the server: 1,200 of 5,000 records',
      tone: 'busy',
      progress: { done: 1200, total: 5000 },
    });
    expect(statusLine({ ...base, cursor: 0, snapshot: { done: 0, total: 0 } })).toEqual({ text: 'Taking a snapshot of the server…', tone: 'busy' });
  });
});

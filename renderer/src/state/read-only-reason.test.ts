import { describe, expect, it } from 'vitest';
import { lockedReadOnlyReason, writeRefusedReason } from './read-only-reason.js';

describe('lockedReadOnlyReason', () => {
  it('names --read-only for a session started read-only, before the database’s own mode', () => {
    expect(lockedReadOnlyReason({ startedReadOnly: true, lockedReadOnly: true })).toMatch(/started read-only \(--read-only\).*restart without --read-only/);
  });

  it('says the database was opened read-only, or nothing when the toggle may be turned off', () => {
    expect(lockedReadOnlyReason({ startedReadOnly: false, lockedReadOnly: true })).toBe('The database was opened read-only');
    expect(lockedReadOnlyReason({ startedReadOnly: false, lockedReadOnly: false })).toBeUndefined();
  });

  it('says a raw LMDB environment is read-only for good, whatever else holds', () => {
    expect(lockedReadOnlyReason({ startedReadOnly: false, lockedReadOnly: true, kind: 'raw' })).toMatch(/without a Trellis catalog is opened read-only/);
  });
});

describe('writeRefusedReason', () => {
  it('offers the toggle only when the toggle can lift read-only', () => {
    expect(writeRefusedReason({ readOnly: true, startedReadOnly: false, lockedReadOnly: false })).toMatch(/turn it off/);
    // The tooltip of New used to say "turn off read-only" in a session started with --read-only, where the toggle is disabled.
    for (const locked of [{ startedReadOnly: true, lockedReadOnly: true }, { startedReadOnly: false, lockedReadOnly: true }]) {
      const reason = writeRefusedReason({ readOnly: true, ...locked });
      expect(reason).toBe(lockedReadOnlyReason(locked));
      expect(reason).not.toMatch(/turn (it )?off/i);
    }
    expect(writeRefusedReason({ readOnly: false, startedReadOnly: false, lockedReadOnly: false })).toBeUndefined();
  });
});

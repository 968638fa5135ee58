import { describe, expect, it } from 'vitest';
import { lockedReadOnlyReason, writeRefusedReason } from './read-only-reason.js';
import { migrationReason } from './use-migration.js';

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

  it('names another program’s migration while it runs, before the session’s or the database’s mode', () => {
    const migrating = { startedReadOnly: true, lockedReadOnly: true, writesRefusedBy: migrationReason({ id: 'people-v2' }) };
    expect(lockedReadOnlyReason(migrating)).toBe('Another program is migrating this database (people-v2): writes are refused until it finishes');
    expect(writeRefusedReason({ readOnly: true, ...migrating })).toBe(lockedReadOnlyReason(migrating));
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

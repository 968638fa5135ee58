/**
 * Walks a record store in key order, one value at a time, and keeps going past
 * values that do not decode: lmdb-js decodes in the iterator's `next`, so one
 * bad value would otherwise end the whole scan. Memory stays constant.
 */
import { firstOf, type Store, type StoredKey } from '../storage/backend.js';

export type ScannedRecord =
  | { readonly ok: true; readonly key: StoredKey; readonly value: unknown; readonly version: number }
  | { readonly ok: false; readonly key: StoredKey; readonly error: unknown };

export function* scanRecords(store: Store): Generator<ScannedRecord> {
  let after: StoredKey | undefined;
  // Each pass ends the scan or steps past at least one key, so this is bounded by the number of keys.
  for (;;) {
    try {
      for (const entry of store.entries(after === undefined ? {} : { after })) {
        after = entry.key;
        yield { ok: true, key: entry.key, value: entry.value, version: entry.version };
      }
      return;
    } catch (error) {
      // LMDB's own errors (MDB_…) are not about one value: let them end the check.
      if (error instanceof Error && error.message.startsWith('MDB_')) throw error;
      // Which key failed: the next one after the last value read (keys are read without their values).
      const failed = firstOf(store.keys(after === undefined ? { limit: 1 } : { after, limit: 1 }));
      if (failed === undefined) throw error;
      yield { ok: false, key: failed, error };
      after = failed;
    }
  }
}

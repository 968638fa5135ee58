/**
 * A write that waits its turn while the database closes answers CLOSED, as a
 * call after the close does, never lmdb-js's own "The transaction is already
 * closed" (which the host could only answer as INTERNAL). The fuzz suite found
 * it: a `records.insert` sent together with a `database.open` of the same path.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, isTrellisError, schema, t, tree } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const notes = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }), indexes: { byText: { on: 'text' } } });
const appSchema = schema(notes);

/** Fulfilled, or refused with CLOSED: nothing else. */
const outcome = (settled: PromiseSettledResult<unknown>) =>
  settled.status === 'fulfilled' ? 'written' : isTrellisError(settled.reason, 'CLOSED') ? 'CLOSED' : `other: ${String(settled.reason)}`;

describe.each(backends)('writes racing a close ($name)', (backend) => {
  it('are written or refused with CLOSED, on both faces, whatever was written before', async () => {
    for (const warm of [false, true]) {
      const db = await backend.open(appSchema);
      if (warm) await db.notes.insert({ text: 'before' });
      const writes = [
        db.notes.insert({ text: 'typed' }),
        db.opaque.tree('notes').insert({ text: 'opaque' }),
        db.transaction((tx) => tx.notes.insert({ text: 'in a transaction' })),
      ];
      const closing = db.close();
      const settled = await Promise.allSettled(writes);
      await closing;
      for (const s of settled) expect(['written', 'CLOSED']).toContain(outcome(s));
    }
  });
});

/**
 * The remote storage model over a real PostgreSQL of the tests' own: a
 * transaction reads its own writes and ranges as the engine orders keys
 * (checked against a sorted model under random operations), commits whole or
 * not at all, and one that conflicts runs again: concurrent increments lose
 * none; one out of attempts is given up, nothing of it committed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TooManyConflictsError, type RemoteKv } from '../remote/remote-kv.js';
import { findPostgres, startThrowawayPostgres, type ThrowawayPostgres } from './fixtures/throwaway-postgres.js';
import { openPostgresKv } from './postgres-kv.js';

const found = findPostgres();
if ('missing' in found) console.info(`skipped: ${found.missing}`);

let server: ThrowawayPostgres;
let kv: RemoteKv;
const b = (...bytes: number[]) => Buffer.from(bytes);

describe.skipIf('missing' in found)('the remote storage model over PostgreSQL', () => {
  beforeAll(async () => {
    server = await startThrowawayPostgres({ fsync: false });
    kv = await openPostgresKv({ url: server.url, table: 'kv_contract' });
  }, 60_000);
  afterAll(async () => {
    await kv?.close();
    await server?.stop();
  });

  it('reads its own writes, and ranges as the model does (start, end, reverse, limit), before and after commit', async () => {
    const key = fc.uint8Array({ minLength: 0, maxLength: 3, max: 3 }).map((bytes) => Buffer.from(bytes));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.uint8Array({ maxLength: 4 }).map((bytes) => Buffer.from(bytes)) }),
      fc.record({ kind: fc.constant('clear' as const), key }),
      fc.record({ kind: fc.constant('range' as const), start: fc.option(key, { nil: undefined }), end: fc.option(key, { nil: undefined }), reverse: fc.boolean(), limit: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) }),
      fc.record({ kind: fc.constant('get' as const), key }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        await kv.transact(async (tx) => {
          for (const entry of await tx.range({})) tx.clear(entry.key);
        });
        const model = new Map<string, Buffer>();
        const modelRange = (start?: Buffer, end?: Buffer, reverse = false, limit?: number) => {
          const keys = [...model.keys()].map((hex) => Buffer.from(hex, 'hex')).filter((k) => (!start || Buffer.compare(k, start) >= 0) && (!end || Buffer.compare(k, end) < 0)).sort(Buffer.compare);
          if (reverse) keys.reverse();
          return keys.slice(0, limit ?? keys.length).map((k) => [k.toString('hex'), model.get(k.toString('hex'))!.toString('hex')]);
        };
        const seen = (entries: { key: Buffer; value: Buffer }[]) => entries.map((entry) => [entry.key.toString('hex'), entry.value.toString('hex')]);
        await kv.transact(async (tx) => {
          for (const step of ops) {
            if (step.kind === 'set') {
              tx.set(step.key, step.value);
              model.set(step.key.toString('hex'), step.value);
            } else if (step.kind === 'clear') {
              tx.clear(step.key);
              model.delete(step.key.toString('hex'));
            } else if (step.kind === 'get') {
              expect((await tx.get(step.key))?.toString('hex')).toBe(model.get(step.key.toString('hex'))?.toString('hex'));
            } else {
              expect(seen(await tx.range(step))).toEqual(modelRange(step.start, step.end, step.reverse, step.limit));
            }
          }
        });
        expect(await kv.transact(async (tx) => seen(await tx.range({})))).toEqual(modelRange());
      }),
      { numRuns: 30 },
    );
  });

  it('commits whole or not at all: a body that throws leaves nothing', async () => {
    await kv.transact(async (tx) => tx.set(b(9, 0), b(1)));
    const failed = kv.transact(async (tx) => {
      tx.set(b(9, 0), b(2));
      tx.set(b(9, 1), b(2));
      await tx.get(b(9, 1)); // sent to the server already
      throw new Error('the body failed');
    });
    await expect(failed).rejects.toThrow('the body failed');
    expect(await kv.transact(async (tx) => [(await tx.get(b(9, 0)))?.[0], await tx.get(b(9, 1))])).toEqual([1, undefined]);
  });

  it('runs a conflicting transaction again: concurrent increments lose none', async () => {
    const counter = b(7);
    await kv.transact(async (tx) => tx.set(counter, Buffer.from('0')));
    let runs = 0;
    const increment = () =>
      kv.transact(async (tx) => {
        runs++;
        const now = Number((await tx.get(counter))!.toString());
        tx.set(counter, Buffer.from(String(now + 1)));
      });
    await Promise.all(Array.from({ length: 40 }, increment));
    expect(Number((await kv.transact((tx) => tx.get(counter)))!.toString())).toBe(40);
    expect(runs).toBeGreaterThanOrEqual(40);
  });

  it('gives a transaction up after its attempts, nothing of it committed', async () => {
    const key = b(8);
    await kv.transact(async (tx) => tx.set(key, b(0)));
    // The first reads, the second reads, writes and commits, then the first writes: PostgreSQL refuses it.
    let release!: () => void;
    const secondDone = new Promise<void>((resolve) => (release = resolve));
    const first = kv.transact(
      async (tx) => {
        await tx.get(key);
        await secondDone;
        tx.set(key, b(1));
      },
      { attempts: 1 },
    );
    await kv.transact(async (tx) => {
      await tx.get(key);
      tx.set(key, b(2));
    });
    release();
    await expect(first).rejects.toBeInstanceOf(TooManyConflictsError);
    expect((await kv.transact((tx) => tx.get(key)))?.[0]).toBe(2);
  });
});

/**
 * What a PostgreSQL backend (issue 15) will rest on, checked against a real
 * server of the tests' own: a `bytea` primary key orders the engine's encoded
 * keys as LMDB does (a shorter prefix first), forward and backward with a
 * limit; SERIALIZABLE transactions refuse write skew with SQLSTATE 40001 (to
 * retry); NOTIFY reaches a listener at commit, never for a rolled-back one.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKey } from '../key-encoding.js';
import { findPostgres, startThrowawayPostgres, type ThrowawayPostgres } from './fixtures/throwaway-postgres.js';

const found = findPostgres();
if ('missing' in found) console.info(`skipped: ${found.missing}`);

let server: ThrowawayPostgres;
let client: pg.Client;

describe.skipIf('missing' in found)('PostgreSQL as the engine would use it', () => {
  beforeAll(async () => {
    server = await startThrowawayPostgres({ fsync: false });
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('CREATE TABLE kv (store text NOT NULL, key bytea NOT NULL, value bytea, PRIMARY KEY (store, key))');
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it('orders encoded keys as LMDB does, forward and backward with a limit', async () => {
    const part = fc.oneof(fc.boolean(), fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ unit: 'binary', maxLength: 12 }));
    const key = fc.oneof(part, fc.array(part, { minLength: 1, maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(key, { minLength: 1, maxLength: 40, selector: (k) => encodeKey(k).toString('hex') }), async (keys) => {
        const encoded = keys.map((k) => encodeKey(k));
        await client.query('DELETE FROM kv');
        await client.query('INSERT INTO kv (store, key) SELECT $1, unnest($2::bytea[])', ['t', encoded]);
        // LMDB's order: unsigned bytes, a prefix before what extends it (Buffer.compare is that order).
        const expected = [...encoded].sort(Buffer.compare).map((b) => b.toString('hex'));
        const forward = await client.query<{ key: Buffer }>('SELECT key FROM kv WHERE store = $1 ORDER BY key', ['t']);
        expect(forward.rows.map((row) => row.key.toString('hex'))).toEqual(expected);
        const backward = await client.query<{ key: Buffer }>('SELECT key FROM kv WHERE store = $1 ORDER BY key DESC LIMIT 5', ['t']);
        expect(backward.rows.map((row) => row.key.toString('hex'))).toEqual(expected.reverse().slice(0, 5));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses write skew between SERIALIZABLE transactions with SQLSTATE 40001', async () => {
    await client.query("DELETE FROM kv; INSERT INTO kv (store, key, value) VALUES ('c', '\\x01', '\\x00'), ('c', '\\x02', '\\x00')");
    const other = new pg.Client({ connectionString: server.url });
    await other.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      await other.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      // Each reads both rows and writes the one the other read: serially, one would see the other's write.
      await client.query("SELECT count(*) FROM kv WHERE store = 'c'");
      await other.query("SELECT count(*) FROM kv WHERE store = 'c'");
      await client.query("UPDATE kv SET value = '\\x01' WHERE store = 'c' AND key = '\\x01'");
      await other.query("UPDATE kv SET value = '\\x01' WHERE store = 'c' AND key = '\\x02'");
      await client.query('COMMIT');
      const refused = await other.query('COMMIT').then(
        () => undefined,
        (error: { code?: string }) => error.code,
      );
      expect(refused).toBe('40001');
    } finally {
      await other.end();
    }
  });

  it('delivers NOTIFY at commit, and not for a transaction rolled back', async () => {
    const listener = new pg.Client({ connectionString: server.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.query('LISTEN trellis_commits');
    try {
      await client.query('BEGIN');
      await client.query("NOTIFY trellis_commits, 'rolled back'");
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query("NOTIFY trellis_commits, '41'");
      // A round trip on the listener's connection: a notification sent already would arrive before its answer.
      await listener.query('SELECT 1');
      expect(heard).toEqual([]);
      await client.query('COMMIT');
      await expect.poll(() => heard).toEqual(['41']);
    } finally {
      await listener.end();
    }
  });
});

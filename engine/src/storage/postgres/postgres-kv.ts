/**
 * The remote storage model (../remote/remote-kv.ts) over PostgreSQL: one
 * table of `bytea` keys and values (bytea orders keys as unsigned bytes, a
 * prefix first: the engine's key order), transactions at SERIALIZABLE, so
 * PostgreSQL finds every conflict a serial order would not allow and answers
 * SQLSTATE 40001 (or 40P01, a deadlock), on which the body is run again.
 * Writes are buffered as FoundationDB's are, and sent before the next read
 * and at commit, in one statement each, so reads see them.
 *
 * Not handled yet: a connection lost during COMMIT leaves the outcome unknown
 * (FoundationDB's commit_unknown_result); the error reaches the caller.
 */
import pg from 'pg';
import { TooManyConflictsError, type KvEntry, type RangeOptions, type RemoteKv, type RemoteTransaction } from '../remote/remote-kv.js';

/** SQLSTATEs of a transaction PostgreSQL gave up so that others could go on: run it again. */
const RETRYABLE = new Set(['40001', '40P01']);
const DEFAULT_ATTEMPTS = 20;
const BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 200;

export interface PostgresKvOptions {
  /** postgresql://… */
  readonly url: string;
  /** The table (made when missing). */
  readonly table?: string | undefined;
  /** Connections kept for transactions at once. */
  readonly connections?: number | undefined;
}

export async function openPostgresKv(options: PostgresKvOptions): Promise<RemoteKv> {
  const table = options.table ?? 'trellis_kv';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(table)) throw new Error(`'${table}' is not a table name this backend uses (lower case letters, digits, _)`);
  const pool = new pg.Pool({ connectionString: options.url, max: options.connections ?? 8 });
  try {
    await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (key bytea PRIMARY KEY, value bytea NOT NULL)`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    async transact(body, transactOptions = {}) {
      const attempts = transactOptions.attempts ?? DEFAULT_ATTEMPTS;
      const client = await pool.connect();
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
            const tx = new PostgresTransaction(client, table);
            const result = await body(tx);
            await tx.flush();
            await client.query('COMMIT');
            return result;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            if (!RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
            if (attempt >= attempts) throw new TooManyConflictsError(attempts, error);
            // Apart, at random: two transactions that keep meeting stop meeting.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** attempt)));
          }
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

class PostgresTransaction implements RemoteTransaction {
  /** Writes not sent yet, by key (hex): the value, or null for a clear. The last write of a key wins. */
  private readonly pending = new Map<string, { readonly key: Buffer; readonly value: Buffer | null }>();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly table: string,
  ) {}

  async get(key: Buffer): Promise<Buffer | undefined> {
    const waiting = this.pending.get(key.toString('hex'));
    if (waiting) return waiting.value ?? undefined;
    const found = await this.client.query<{ value: Buffer }>(`SELECT value FROM ${this.table} WHERE key = $1`, [key]);
    return found.rows[0]?.value;
  }

  async range(options: RangeOptions): Promise<KvEntry[]> {
    await this.flush();
    const where: string[] = [];
    const values: unknown[] = [];
    if (options.start) where.push(`key >= $${values.push(options.start)}`);
    if (options.end) where.push(`key < $${values.push(options.end)}`);
    const limit = options.limit === undefined ? '' : ` LIMIT $${values.push(options.limit)}`;
    const sql = `SELECT key, value FROM ${this.table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY key${options.reverse ? ' DESC' : ''}${limit}`;
    return (await this.client.query<KvEntry>(sql, values)).rows;
  }

  set(key: Buffer, value: Buffer): void {
    this.pending.set(key.toString('hex'), { key, value });
  }

  clear(key: Buffer): void {
    this.pending.set(key.toString('hex'), { key, value: null });
  }

  /** Sends the buffered writes: one upsert and one delete at most. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const writes = [...this.pending.values()];
    this.pending.clear();
    const sets = writes.filter((write) => write.value !== null);
    const clears = writes.filter((write) => write.value === null).map((write) => write.key);
    if (sets.length > 0) {
      await this.client.query(
        `INSERT INTO ${this.table} (key, value) SELECT * FROM unnest($1::bytea[], $2::bytea[]) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [sets.map((write) => write.key), sets.map((write) => write.value)],
      );
    }
    if (clears.length > 0) await this.client.query(`DELETE FROM ${this.table} WHERE key = ANY($1::bytea[])`, [clears]);
  }
}

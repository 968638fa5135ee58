/**
 * Fault test: a writer process (./fixtures/writer.ts) killed with SIGKILL at
 * random moments, 10 times on one database. After each kill the database
 * opens, every acknowledged transaction is present, no transaction is half
 * visible, and the integrity check passes (see ./fixtures/crash-cycle.ts).
 * `npm run soak` runs the same at length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrashSeries } from './fixtures/crash-series.js';

const dir = mkdtempSync(join(tmpdir(), 'trellis-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a writer killed with SIGKILL', () => {
  it('loses no acknowledged transaction and leaves none half-written, 10 times over', async () => {
    const seed = Number(process.env['FAULT_SEED'] ?? 7);
    const summary = await runCrashSeries(join(dir, 'db'), { kills: 10, seed, maxAcks: 40, maxDelayMs: 25 });
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ kills: 10, lost: 0, halfWritten: 0, integrityFailures: 0 });
    expect(summary.acknowledged).toBeGreaterThanOrEqual(10);
  }, 120_000);
});

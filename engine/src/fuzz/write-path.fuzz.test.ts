/**
 * Fuzz of the engine's write path (fixtures/write-path.ts): random sequences
 * of writes with near-valid and hostile values and keys, through both faces,
 * alone and in transactions (committed, aborted, and with refusals caught
 * inside). Only TrellisErrors, refusals leave nothing behind, acknowledged
 * writes read back equal, and `verify` stays clean. Bounded here; `npm run
 * fuzz` runs the same at length. FUZZ_SEED replays a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { steps, runWritePath } from './fixtures/write-path.js';
import { assertClean, newTally } from './fixtures/tally.js';

const root = mkdtempSync(join(tmpdir(), 'trellis-fuzz-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

describe('the write path under fuzz', () => {
  it('answers every write with a result or a TrellisError, changes nothing when it refuses, and verifies clean', async () => {
    await fc.assert(
      // One run in four on the in-memory backend, which must behave as LMDB does.
      fc.asyncProperty(steps(60, 20), fc.nat(3), async (sequence, backend) => {
        const path = join(root, `db-${++runs}`);
        const tally = newTally();
        try {
          await runWritePath(path, sequence, tally, { inMemory: backend === 0 });
        } finally {
          rmSync(path, { recursive: true, force: true });
        }
        assertClean(tally);
      }),
      { numRuns: Number(process.env['FUZZ_WRITE_RUNS'] ?? 15), ...(process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {}) },
    );
  }, 120_000);
});

/**
 * Fuzz of the host contract (fixtures/contract-calls.ts, contract-episode.ts):
 * random sequences of calls to every method, with arguments made from each
 * method's schema (mostly valid, then damaged) and hostile text, numbers and
 * nesting, against a real host on a database with every key strategy. Every
 * answer is a valid result or a closed-set error that is never INTERNAL,
 * refused writes change nothing, acknowledged writes read back equal, pages
 * and lookups mean what they say, a read-only session stays read-only, and
 * `verifyDatabase` stays clean. Then schemas nested around every depth limit:
 * the engine refuses them when declared, or the host shows them.
 * Bounded here; `npm run fuzz` runs the calls at length. FUZZ_SEED replays a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { autoIncrement, isTrellisError, open, schema, t, tree, verifyDatabase } from '@trellis/engine';
import type { TSchema } from 'typebox';
import { calls } from './fixtures/contract-calls.js';
import { makeWorld, runCalls } from './fixtures/contract-episode.js';
import { createHost } from '../index.js';
import { assertClean, newTally } from '../../../engine/src/fuzz/fixtures/tally.js';
import { DEPTHS, nested } from '../../../engine/src/fuzz/fixtures/hostile.js';

const root = mkdtempSync(join(tmpdir(), 'trellis-fuzz-contract-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;
const seed = process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {};

describe('the contract under fuzz', () => {
  it('answers every call with a valid result or a closed-set error (never INTERNAL), and the databases verify clean', async () => {
    await fc.assert(
      // One run in four starts the host read-only (then nothing may write, or lift it); one in
      // four runs the engine in a child process, as the web host and Electron do.
      fc.asyncProperty(calls(200, 60), fc.nat(3), fc.nat(3), async (sequence, mode, where) => {
        const dir = join(root, `run-${++runs}`);
        const tally = newTally();
        try {
          await runCalls(await makeWorld(dir), sequence, tally, { verifyEvery: 100, readOnlySession: mode === 0, isolated: where === 0 });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        assertClean(tally);
      }),
      { numRuns: Number(process.env['FUZZ_CONTRACT_RUNS'] ?? 10), ...seed },
    );
  }, 180_000);

  it('a schema nested at any depth is refused when declared (INVALID_SCHEMA) or shown, read and written through the host', async () => {
    /** Objects, lists or both in turn, `levels` deep, with a string at the bottom: the schema of `nested(levels, shape)`. */
    const deepSchema = (levels: number, shape: 'object' | 'array' | 'mixed'): TSchema => {
      let node: TSchema = t.string();
      for (let i = 0; i < levels; i++) node = shape === 'array' || (shape === 'mixed' && i % 2 === 1) ? t.array(node) : t.object({ name: node });
      return node;
    };
    const depth = fc.record({ levels: fc.constantFrom(...DEPTHS.filter((d) => d <= 256)), shape: fc.constantFrom('object' as const, 'array' as const, 'mixed' as const) });
    await fc.assert(
      fc.asyncProperty(depth, async ({ levels, shape }) => {
        const path = join(root, `deep-${++runs}`);
        const value = nested(levels, shape, 'bottom');
        // The record itself is an object: wrap so the tree's value is one.
        let declared;
        try {
          declared = schema(tree('deep', { key: autoIncrement(), value: t.object({ v: deepSchema(levels, shape) }) }));
          const db = await open(path, declared);
          await db.close();
        } catch (error) {
          expect(isTrellisError(error, 'INVALID_SCHEMA'), String(error)).toBe(true);
          return;
        }
        try {
          const logged: string[] = [];
          const host = await createHost({ path, log: (message) => logged.push(message) });
          try {
            const info = await host.handle('database.info', {});
            expect(info.ok, JSON.stringify(info).slice(0, 300)).toBe(true);
            // A schema the engine accepted takes values as deep as itself, and the host carries them.
            const validated = await host.handle('records.validate', { tree: 'deep', value: { v: value } });
            expect(validated, JSON.stringify(validated).slice(0, 400)).toMatchObject({ ok: true, result: { issues: [] } });
            const inserted = await host.handle('records.insert', { tree: 'deep', value: { v: value } });
            expect(inserted.ok, JSON.stringify(inserted).slice(0, 300)).toBe(true);
            const page = await host.handle('records.page', { tree: 'deep', limit: 5 });
            expect(page.ok && (page.result as { entries: { value: unknown }[] }).entries.map((e) => e.value)).toEqual([{ v: value }]);
          } finally {
            await host.close();
          }
          expect(logged).toEqual([]);
          expect((await verifyDatabase(path)).problems).toEqual([]);
        } finally {
          rmSync(path, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env['FUZZ_DEPTH_RUNS'] ?? 30), ...seed },
    );
  }, 120_000);
});

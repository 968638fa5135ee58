/**
 * Hostile JSON5 text through the editor's path: the renderer's pure parse and
 * local checks (renderer/src/editor/text/json5-text.ts, issue-location.ts), then a real
 * host's records.validate and records.insert / records.put, on a real LMDB
 * database. Random edits of valid record text, huge strings, deep nesting,
 * `__proto__` / `constructor` / `prototype` keys, odd numbers, duplicate keys,
 * keys past the size limit: nothing throws except a closed-set HostError, no
 * invalid record is stored (verifyDatabase passes, every record validates), and
 * Object.prototype is never polluted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyDatabase } from '@trellis/engine';
import { ENGINE_ERROR_CODES, HOST_ERROR_CODES, HostError } from '../contract/index.js';
import { localProblems } from '../../renderer/src/editor/text/issue-location.js';
import { parseJson5, toJson5 } from '../../renderer/src/editor/text/json5-text.js';
import { startHost } from './fixtures/host-harness.js';
import { JOINED } from './fixtures/sample-database.js';

const CLOSED_SET = new Set<string>([...ENGINE_ERROR_CODES, ...HOST_ERROR_CODES]);

const validTexts = [
  toJson5({ name: 'Ann', email: 'ann@example.com', joined: JOINED }),
  toJson5({ name: 'Pip', owner: 1, friends: [] }),
  toJson5({ owner: 2, name: 'rope', squeaks: true }),
];
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'hasOwnProperty', 'name', 'name', 'k'.repeat(3000));
const hostileScalar = fc.oneof(
  fc.constantFrom('1e400', '-1e400', '-0', 'NaN', 'Infinity', '-Infinity', '0x10', '.5', '+1', 'null', 'true', "''", '"\\u0000"', '"\\ud800"'),
  fc.constantFrom(`'${'x'.repeat(70_000)}'`, `'${'中'.repeat(3000)}'`),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
);
const deepText = fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('[', '{a:')).map(([depth, open]) => `{name: ${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}, joined: '${JOINED}'}`);
const objectText = fc
  .array(fc.tuple(hostileKey, fc.oneof(hostileScalar, fc.constant(`'${JOINED}'`), fc.constant('{polluted: true}'))), { maxLength: 6 })
  .map((members) => `{${members.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(', ')}}`);
const editedText = fc
  .tuple(fc.constantFrom(...validTexts), fc.nat(), fc.nat({ max: 8 }), fc.oneof(fc.string({ maxLength: 6 }), hostileScalar, fc.constantFrom('{', '}', ',', ':', '"', "'", '//', '/*', '__proto__: {polluted: 1},')))
  .map(([text, at, cut, insert]) => {
    const where = at % (text.length + 1);
    return text.slice(0, where) + insert + text.slice(where + cut);
  });
const hostileText = fc.oneof(editedText, objectText, deepText, hostileScalar);

function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe['polluted']).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  expect(typeof probe['toString']).toBe('function');
  expect(Object.keys(Object.prototype)).toEqual([]);
}

describe('hostile JSON5 through the edit path (property)', () => {
  it('never crashes, never stores an invalid record, never pollutes Object.prototype', async () => {
    const { client, sample, host, logged } = await startHost();
    const stored: string[] = [];
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom('users', 'pets', 'toys'), fc.constantFrom('insert', 'put', 'validate'), async (text, tree, action) => {
        const outcome = parseJson5(text);
        expectNoPollution();
        if (!outcome.ok) {
          expect(outcome.problem.message.length).toBeGreaterThan(0);
          return;
        }
        // As the editor does (check-text.ts): text with local problems never reaches the host.
        if (localProblems(outcome.document).length > 0) return;
        try {
          if (action === 'validate') await client.call('records.validate', { tree, value: outcome.value });
          else if (action === 'insert') stored.push((await client.call('records.insert', { tree, value: outcome.value })).entry.text);
          else stored.push((await client.call('records.put', { tree, key: tree === 'toys' ? [1, 'ball'] : tree === 'users' ? 3 : sample.rex, value: outcome.value })).entry.text);
        } catch (error) {
          expect(error).toBeInstanceOf(HostError);
          expect(CLOSED_SET.has((error as HostError).code), (error as HostError).code).toBe(true);
          expect((error as HostError).code).not.toBe('INTERNAL');
        }
        expectNoPollution();
      }),
      { numRuns: 150, interruptAfterTimeLimit: 25_000, seed: Number(process.env['FUZZ_SEED'] ?? 4242) },
    );
    expect(logged).toEqual([]);
    for (const tree of ['users', 'pets', 'toys']) {
      for (const entry of (await client.call('records.page', { tree, limit: 1000 })).entries) {
        expect(entry.problems, entry.text).toBeUndefined();
        expect((await client.call('records.validate', { tree, value: entry.value })).issues, entry.text).toEqual([]);
      }
    }
    await host.close();
    const report = await verifyDatabase(sample.path);
    expect(report.ok, JSON.stringify(report).slice(0, 500)).toBe(true);
    expectNoPollution();
  }, 90_000);
});

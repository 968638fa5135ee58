/**
 * Hostile and malformed calls. Whatever arrives (wrong shapes, values JSON
 * cannot carry, deep nesting, `__proto__` keys, oversized keys), the host
 * answers with an error code from the closed set, never crashes, never
 * stores an invalid record, and a refused write changes nothing.
 */
import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { ENGINE_ERROR_CODES, HOST_ERROR_CODES, METHOD_NAMES, methods, type MethodName } from '../contract/index.js';
import { startHost, type Harness } from './fixtures/host-harness.js';
import { JOINED } from './fixtures/sample-database.js';
import { plainJsonProblem } from './plain-json.js';
import { toErrorPayload } from './error-payload.js';

const CLOSED_SET = new Set<string>([...ENGINE_ERROR_CODES, ...HOST_ERROR_CODES]);
const resultValidators = new Map(METHOD_NAMES.map((name) => [name, Compile(methods[name].result)]));
const WRITES = new Set<string>(['records.insert', 'records.put', 'records.delete', 'records.applyWrites', 'records.release', 'records.setLifecycle', 'records.newVersion', 'records.perform']);

/** A fingerprint of everything stored: the revision and every record. */
async function snapshot({ client }: Harness): Promise<string> {
  const info = await client.call('database.info', {});
  const trees = await Promise.all(info.trees.map((t) => client.call('records.page', { tree: t.name, limit: 1000 })));
  return JSON.stringify({ revision: info.revision, trees });
}

/** Every stored record passes its tree's schema and reference checks. */
async function expectAllRecordsValid({ client }: Harness): Promise<void> {
  for (const tree of ['users', 'pets', 'toys']) {
    for (const entry of (await client.call('records.page', { tree, limit: 1000 })).entries) {
      expect(entry.problems, entry.text).toBeUndefined();
      expect((await client.call('records.validate', { tree, value: entry.value })).issues, entry.text).toEqual([]);
    }
  }
}

/** Answers must be a valid result, or an error from the closed set with a message. */
function expectWellFormed(method: unknown, answer: Awaited<ReturnType<Harness['host']['handle']>>): void {
  if (answer.ok) {
    expect(typeof method === 'string' && resultValidators.get(method as MethodName)?.Check(answer.result)).toBe(true);
    expect(plainJsonProblem(answer.result)).toBeUndefined();
  } else {
    expect(CLOSED_SET.has(answer.error.code), answer.error.code).toBe(true);
    expect(answer.error.message.length).toBeGreaterThan(0);
    expect(plainJsonProblem(answer.error)).toBeUndefined();
  }
}

class Point {
  x = 1;
}
const deep = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { name: value };
  return value;
};
const withProto = JSON.parse('{"tree":"users","value":{"name":"p","joined":"2024-01-02T03:04:05.000Z","__proto__":{"admin":true}}}') as unknown;

/** [method, args, expected code]: each straight to `host.handle`, as IPC's structured clone could deliver it. */
const hostileCalls: [unknown, unknown, string][] = [
  ['records.nope', {}, 'UNKNOWN_METHOD'],
  ['__proto__', {}, 'UNKNOWN_METHOD'],
  ['constructor', {}, 'UNKNOWN_METHOD'],
  ['toString', {}, 'UNKNOWN_METHOD'],
  [42, {}, 'UNKNOWN_METHOD'],
  [undefined, undefined, 'UNKNOWN_METHOD'],
  ['database.info', undefined, 'BAD_REQUEST'],
  ['database.info', null, 'BAD_REQUEST'],
  ['database.info', [], 'BAD_REQUEST'],
  ['database.open', { path: '' }, 'BAD_REQUEST'],
  ['database.open', { path: 'x'.repeat(5000) }, 'BAD_REQUEST'],
  ['database.open', { path: 7 }, 'BAD_REQUEST'],
  ['session.setReadOnly', { readOnly: 'yes' }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users' }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: 0 }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: 1001 }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: 1.5 }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: Number.NaN }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: Number.POSITIVE_INFINITY }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: 5, offset: -1 }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: 5, after: { id: 1 } }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: 5, after: [] }, 'BAD_REQUEST'],
  ['records.page', { tree: 'x'.repeat(300), limit: 5 }, 'BAD_REQUEST'],
  ['records.page', { tree: 'users', limit: 5, start: 'k'.repeat(5000) }, 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: Number.NaN }, 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: Number.NEGATIVE_INFINITY }, 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: new Date() }, 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: Buffer.from('1') }, 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: 10n }, 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: null }, 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: -1 }, 'INVALID_KEY'],
  ['records.get', { tree: '__proto__', key: 1 }, 'UNKNOWN_TREE'],
  ['records.get', { tree: 'constructor', key: 1 }, 'UNKNOWN_TREE'],
  ['records.get', new Point(), 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: 1, extra: () => 1 }, 'BAD_REQUEST'],
  ['records.get', { tree: 'users', key: 1, [Symbol('s')]: 1 }, 'BAD_REQUEST'],
  ['records.position', { tree: 'toys', key: [1, 'k'.repeat(5000)] }, 'BAD_REQUEST'],
  ['records.position', { tree: 'toys', key: [1, 'k'.repeat(4000)] }, 'KEY_TOO_LARGE'],
  ['records.position', { tree: 'toys', key: [1, '中'.repeat(1000)] }, 'KEY_TOO_LARGE'],
  ['records.validate', { tree: 'users' }, 'BAD_REQUEST'],
  ['records.validate', { tree: 'users', value: deep(100_000) }, 'BAD_REQUEST'],
  ['records.insert', { tree: 'users', value: { name: 'n', joined: JOINED, n: Number.NaN } }, 'BAD_REQUEST'],
  ['records.insert', { tree: 'users', value: [1, undefined] }, 'BAD_REQUEST'],
  ['records.insert', { tree: 'users', value: { name: 'n', joined: new Date() } }, 'BAD_REQUEST'],
  ['records.insert', { tree: 'users', value: { name: 'n', joined: JOINED, extra: new Map() } }, 'BAD_REQUEST'],
  ['records.insert', { tree: 'users', value: deep(250) }, 'BAD_REQUEST'],
  ['records.insert', { tree: 'users', value: deep(150) }, 'VALIDATION'],
  ['records.insert', withProto, 'VALIDATION'],
  ['records.insert', { tree: 'users', value: { name: 'x'.repeat(9 * 1024 * 1024), joined: JOINED } }, 'VALIDATION'],
  ['records.insert', { tree: 'users', value: 'just text' }, 'VALIDATION'],
  ['records.put', { tree: 'users', key: 1, value: { name: 'n', joined: JOINED }, expectedRevision: -1 }, 'BAD_REQUEST'],
  ['records.put', { tree: 'users', key: 1, value: { name: 'n', joined: JOINED }, create: 'yes' }, 'BAD_REQUEST'],
  ['records.put', { tree: 'users', key: 2 ** 60, value: { name: 'n', joined: JOINED } }, 'INVALID_KEY'],
  ['records.put', { tree: 'users', key: 1.5, value: { name: 'n', joined: JOINED } }, 'INVALID_KEY'],
  ['records.put', { tree: 'users', key: [1], value: { name: 'n', joined: JOINED } }, 'INVALID_KEY'],
  ['records.put', { tree: 'toys', key: [1, 'ball', 'x'], value: { owner: 1, name: 'ball', squeaks: true } }, 'INVALID_KEY'],
  ['records.put', { tree: 'toys', key: Array.from({ length: 40 }, () => 1), value: {} }, 'BAD_REQUEST'],
  ['records.delete', { tree: 'users', key: true }, 'INVALID_KEY'],
  ['records.referencedBy', { tree: 'users', key: 1, limit: 0 }, 'BAD_REQUEST'],
  ['index.lookup', { tree: 'users', index: 'byName', limit: 5, after: Array.from({ length: 65 }, () => 1) }, 'BAD_REQUEST'],
  ['index.lookup', { tree: 'users', index: 'byName', limit: 5, equals: [Number.NaN] }, 'BAD_REQUEST'],
  ['index.lookup', { tree: 'users', index: 'byName', limit: 5, start: [1, [2, [3]]] }, 'INVALID_KEY'],
  ['index.lookup', { tree: 'users', index: '', limit: 5 }, 'BAD_REQUEST'],
];

describe('hostile calls', () => {
  it('each gets its error code, the database stays as it was, and every stored record stays valid', async () => {
    const harness = await startHost();
    const before = await snapshot(harness);
    for (const [method, args, code] of hostileCalls) {
      const answer = await harness.host.handle(method, args);
      const label = `${String(method)} ${plainJsonProblem(args) ?? JSON.stringify(args)?.slice(0, 120)}`;
      expect(answer.ok ? 'ok' : answer.error.code, label).toBe(code);
      expectWellFormed(method, answer);
    }
    expect(await snapshot(harness)).toBe(before);
    expect(harness.logged).toEqual([]); // nothing was unexpected
    await expectAllRecordsValid(harness);
  });

  it('BAD_REQUEST names the offending argument paths in its message and issues', async () => {
    const { host } = await startHost();
    const answer = await host.handle('records.page', { tree: 5, limit: 'ten', reverse: 'no' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('BAD_REQUEST');
    expect(answer.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['/tree', '/limit', '/reverse']));
    expect(answer.error.message).toMatch(/^Bad arguments for records\.page: .*\/tree/);
    const notJson = await host.handle('records.get', { tree: 'users', key: Number.NaN });
    expect(notJson).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/\/key: NaN is not a JSON number/) } });
  });

  it('an unexpected failure is INTERNAL with a short message, and the details go to the log', () => {
    const logged: unknown[] = [];
    const payload = toErrorPayload(new TypeError('secret internals at /home/x'), 'records.get', (message, error) => logged.push(message, error));
    expect(payload).toEqual({ code: 'INTERNAL', message: "records.get failed unexpectedly; the details are in the host's log" });
    expect(logged).toEqual(['records.get failed unexpectedly', expect.any(TypeError)]);
  });

  it('after close, calls answer NO_DATABASE (a call running meanwhile: its result or CLOSED)', async () => {
    const { host, logged, client } = await startHost();
    const pets = host.handle('records.page', { tree: 'pets', limit: 5 });
    await host.close(); // the database closes under a running call: CLOSED, or NO_DATABASE once gone
    const answer = await pets;
    expect(answer.ok || ['CLOSED', 'NO_DATABASE'].includes(answer.error.code)).toBe(true);
    expect(await host.handle('database.info', {})).toMatchObject({ ok: false, error: { code: 'NO_DATABASE' } });
    await expect(client.call('records.get', { tree: 'users', key: 1 })).rejects.toMatchObject({ code: 'NO_DATABASE' });
    expect(logged).toEqual([]);
  });
});

/** Mostly what a schema accepts, sometimes not: the calls must reach the handlers, not only the argument check. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad });
const keyPart = mostly(fc.oneof(fc.integer({ min: -3, max: 30 }), fc.constantFrom('ball', 'bone', 'x')), fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.double()));
const key = mostly(fc.oneof(keyPart, fc.tuple(fc.integer({ min: 0, max: 3 }), keyPart)), fc.oneof(fc.array(keyPart, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })));
const value = fc.record(
  {
    name: mostly(fc.constantFrom('Ann', 'ball', ''), fc.integer()),
    joined: mostly(fc.constant(JOINED), fc.constantFrom('yesterday', 5)),
    email: fc.constantFrom('one@example.com', 'two@example.com'),
    owner: fc.integer({ min: -1, max: 30 }),
    friends: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
    squeaks: fc.boolean(),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['name', 'joined', 'owner', 'squeaks'] },
);
const args = mostly(
  fc.record(
    {
      tree: mostly(fc.constantFrom('users', 'pets', 'toys'), fc.constantFrom('nope', '', '__proto__')),
      index: fc.constantFrom('byName', 'byEmail', 'byOwner', 'nope'),
      key,
      value: mostly(value, fc.jsonValue({ maxDepth: 3 })),
      limit: mostly(fc.integer({ min: 1, max: 40 }), fc.oneof(fc.integer({ min: -1, max: 1001 }), fc.double())),
      after: key,
      start: key,
      end: key,
      equals: key,
      prefix: fc.oneof(fc.string({ maxLength: 4 }), fc.array(keyPart, { maxLength: 2 })),
      offset: mostly(fc.integer({ min: 0, max: 40 }), fc.oneof(fc.integer({ min: -1, max: 0 }), fc.double())),
      expectedRevision: fc.integer({ min: -1, max: 200 }),
      create: fc.boolean(),
      reverse: fc.boolean(),
      readOnly: mostly(fc.constant(false), fc.constant(true)),
    },
    { requiredKeys: ['tree', 'index', 'key', 'value', 'limit', 'readOnly'] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
// database.open is left out: random paths would have the host probe arbitrary folders of this machine.
const method = fc.constantFrom(...METHOD_NAMES.filter((name) => name !== 'database.open'), 'records.nope', '');

describe('random calls (property)', () => {
  it('always answer a valid result or a closed-set error; refused writes change nothing; stored records stay valid', async () => {
    const harness = await startHost();
    await fc.assert(
      fc.asyncProperty(method, args, async (name, callArgs) => {
        const before = WRITES.has(name) ? await snapshot(harness) : undefined;
        const answer = await harness.host.handle(name, callArgs);
        expectWellFormed(name, answer);
        if (before !== undefined && !answer.ok) expect(await snapshot(harness)).toBe(before);
      }),
      { numRuns: 100, interruptAfterTimeLimit: 60_000 },
    );
    expect(harness.logged).toEqual([]);
    await expectAllRecordsValid(harness);
  });
});

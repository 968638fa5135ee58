/**
 * Property: whatever the key strategy, records come back from `range()` in the
 * documented key order, on the LMDB backend and the in-memory backend alike.
 *
 * The expected order is computed here by a reference comparator that knows
 * nothing of the byte encoding:
 *   - numbers numerically (negative, zero, floats, ids past 2^8, 2^16, 2^32);
 *   - strings by Unicode code point, which is UTF-8 byte order (so an astral
 *     character sorts after U+FFFF, unlike JavaScript's UTF-16 `<`);
 *   - false < true; booleans < numbers < strings where one part may be any of them;
 *   - tuples (composite keys) part by part, a shorter prefix first.
 *
 * Both backends must return identical sequences for the same random
 * `[start, end)` ranges, forward and reverse, and keyset paging must walk the
 * same order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBufferKey, toBufferKey } from 'ordered-binary';
import { autoIncrement, composite, contentHash, custom, isTrellisError, open, schema, t, tree, uuid } from '../index.js';
import { encodeKey } from './key-encoding.js';

// ---------------------------------------------------------------------------
// The reference order.

type Part = string | number | boolean;
type AnyKey = Part | readonly Part[];

function compareText(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

const rank = (p: Part): number => (typeof p === 'boolean' ? 0 : typeof p === 'number' ? 1 : 2);

function comparePart(a: Part, b: Part): number {
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') return compareText(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
}

function compareKeys(a: AnyKey, b: AnyKey): number {
  const x: readonly Part[] = Array.isArray(a) ? a : [a as Part];
  const y: readonly Part[] = Array.isArray(b) ? b : [b as Part];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = comparePart(x[i]!, y[i]!);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/** -0 and 0 are one key (documented: the engine normalises -0). */
const normalise = (key: AnyKey): AnyKey =>
  Array.isArray(key) ? key.map((p: Part) => (Object.is(p, -0) ? 0 : p)) : Object.is(key, -0) ? 0 : key;
const keyText = (key: unknown) => JSON.stringify(key);

describe('the reference comparator itself', () => {
  it('orders the documented examples', () => {
    const sorted = (keys: AnyKey[]) => [...keys].sort(compareKeys);
    expect(sorted([2 ** 32, -1.5, 255, 256, 0, -(2 ** 40), 65_536, 65_535, 0.25])).toEqual([-(2 ** 40), -1.5, 0, 0.25, 255, 256, 65_535, 65_536, 2 ** 32]);
    // U+FFFF sorts before an astral character by code point, although its UTF-16 unit is larger.
    expect(sorted(['\u{1F600}', '\uFFFF', 'b', 'a\u0000', 'a', ''])).toEqual(['', 'a', 'a\u0000', 'b', '\uFFFF', '\u{1F600}']);
    expect(sorted(['x', 3, true, -7, false])).toEqual([false, true, -7, 3, 'x']);
    expect(sorted([['a', 2], ['a'], ['a', 1, true], [false, 'z']])).toEqual([[false, 'z'], ['a'], ['a', 1, true], ['a', 2]]);
  });
});

// ---------------------------------------------------------------------------
// Generators.

/** Characters around every boundary of the encoding: escapes (≤ U+0004), the string marker (U+001B), UTF-8 widths, surrogates. */
const edgeChar = fc.constantFrom(
  '\u0000', '\u0001', '\u0003', '\u0004', '\u0005', '\u001b', '\u001c', ' ', 'a', 'b', 'z', '\u007f', '\u0080', 'é',
  '\u07ff', '\u0800', '\ud7ff', '\ue000', '\uffff', '\u{10000}', '\u{1F600}', '\u{10FFFF}',
);
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const char = fc.oneof({ weight: 3, arbitrary: edgeChar }, { weight: 1, arbitrary: anyChar });
/** Short strings share prefixes often; long ones cross the 64-unit mark where the encoder changes paths. */
const text = fc
  .tuple(fc.constantFrom('', '', '', 'k', 'k'.repeat(62), 'k'.repeat(64), 'é'.repeat(70)), fc.array(char, { maxLength: 6 }))
  .map(([head, tail]) => head + tail.join(''));

const number = fc.oneof(
  fc.constantFrom(
    0, -0, 1, -1, 0.5, -0.5, 0.1, 0.2, 0.30000000000000004, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1,
    2 ** 53 - 1, -(2 ** 53 - 1), Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300, -1e300,
  ),
  fc.integer({ min: -300, max: 300 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const part: fc.Arbitrary<Part> = fc.oneof(fc.boolean(), number, text);

/** Auto ids: small ones, and ids on both sides of 2^8, 2^16, 2^32 and the largest safe integer. */
const autoId = fc.oneof(
  fc.integer({ min: 1, max: 300 }),
  fc.constantFrom(255, 256, 257, 65_535, 65_536, 65_537, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40, 2 ** 53 - 2, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
);
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

// ---------------------------------------------------------------------------
// One tree per key strategy.

const mixedPart = Type.Union([t.boolean(), t.number(), t.string()]);

const ids = tree('ids', { key: autoIncrement(), value: t.object({ n: t.number() }) });
const pairs = tree('pairs', { key: composite('s', 'n', 'b'), value: t.object({ s: t.string(), n: t.number(), b: t.boolean() }) });
const flags = tree('flags', { key: composite('b', 'n', 's'), value: t.object({ s: t.string(), n: t.number(), b: t.boolean() }) });
const events = tree('events', { key: uuid(), value: t.object({ n: t.number() }) });
const blobs = tree('blobs', { key: contentHash(), value: t.object({ text: t.string(), n: t.number() }) });
const names = tree('names', { key: custom(t.string(), (v: { id: string }) => v.id), value: t.object({ id: t.string() }) });
const numbers = tree('numbers', { key: custom(t.number(), (v: { x: number }) => v.x), value: t.object({ x: t.number() }) });
const mixed = tree('mixed', {
  key: custom(mixedPart, (v: { k: Part }) => v.k),
  value: t.object({ k: mixedPart }),
});
const paths = tree('paths', {
  key: custom(t.array(mixedPart, { minItems: 1, maxItems: 4 }), (v: { p: Part[] }) => v.p),
  value: t.object({ p: t.array(mixedPart, { minItems: 1, maxItems: 4 }) }),
});

const trees = { ids, pairs, flags, events, blobs, names, numbers, mixed, paths };
type TreeName = keyof typeof trees;

/** A write: `put` at the key the value implies, or `insert` (the engine picks the key). */
type Op = { readonly kind: 'put' | 'insert'; readonly key?: AnyKey; readonly value: Record<string, unknown> };

interface Scenario {
  readonly tree: TreeName;
  readonly ops: fc.Arbitrary<Op[]>;
  /** Valid keys of the tree that may or may not be stored, for range bounds. */
  readonly freshKey: fc.Arbitrary<AnyKey>;
  /** Inserts whose keys are random: the second backend puts the first one's key instead. */
  readonly randomInsertKeys?: boolean;
  /** For composite keys: how many parts, so `prefix` ranges of 1 to that many parts are checked. */
  readonly compositeParts?: number;
  /** Cases always run, besides the random ones. */
  readonly examples?: Op[][];
}

const put = (key: AnyKey, value: Record<string, unknown>): Op => ({ kind: 'put', key, value });
const many = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 24 });

const scenarios: Scenario[] = [
  {
    tree: 'ids',
    // Explicit ids past 2^8, 2^16 and 2^32, then inserts continuing after the highest.
    ops: fc
      .tuple(many(autoId), fc.nat({ max: 4 }))
      .map(([explicit, inserts]) => [
        ...explicit.map((id) => put(id, { n: id })),
        ...Array.from({ length: inserts }, (_, i): Op => ({ kind: 'insert', value: { n: -i } })),
      ]),
    freshKey: autoId,
    // The last safe id taken: a further insert is refused, and an explicit put below it still works.
    examples: [[put(Number.MAX_SAFE_INTEGER - 1, { n: 1 }), { kind: 'insert', value: { n: 2 } }, { kind: 'insert', value: { n: 3 } }, put(7, { n: 7 })]],
  },
  {
    tree: 'pairs',
    ops: many(fc.record({ s: text, n: number, b: fc.boolean() }).map((v) => put([v.s, v.n, v.b], v))),
    freshKey: fc.tuple(text, number, fc.boolean()),
    compositeParts: 3,
  },
  {
    tree: 'flags',
    ops: many(fc.record({ s: text, n: number, b: fc.boolean() }).map((v) => put([v.b, v.n, v.s], v))),
    freshKey: fc.tuple(fc.boolean(), number, text),
    compositeParts: 3,
  },
  {
    tree: 'events',
    ops: many(fc.oneof(fc.uuid({ version: 7 }).map((id) => put(id, { n: 1 })), fc.constant<Op>({ kind: 'insert', value: { n: 2 } }))),
    freshKey: fc.uuid({ version: 7 }),
    randomInsertKeys: true,
  },
  {
    tree: 'blobs',
    ops: fc
      .uniqueArray(fc.record({ text, n: number }), { minLength: 1, maxLength: 24, selector: (v) => keyText([v.text, v.n]) })
      .map((values) => values.map((value): Op => ({ kind: 'insert', value }))),
    freshKey: hex(64),
  },
  { tree: 'names', ops: many(text.map((id) => put(id, { id }))), freshKey: text },
  { tree: 'numbers', ops: many(number.map((x) => put(x, { x }))), freshKey: number },
  { tree: 'mixed', ops: many(part.map((k) => put(k, { k }))), freshKey: part },
  {
    tree: 'paths',
    // Variable-length tuples of mixed parts, built to share prefixes with one another.
    ops: fc
      .tuple(fc.array(part, { minLength: 1, maxLength: 4 }), many(fc.tuple(fc.nat({ max: 4 }), fc.array(part, { maxLength: 3 }))))
      .map(([stem, rest]) =>
        rest.map(([keep, tail]) => {
          const p = [...stem.slice(0, keep), ...tail].slice(0, 4);
          const key = p.length > 0 ? p : [stem[0]!];
          return put(key, { p: key });
        }),
      ),
    freshKey: fc.array(part, { minLength: 1, maxLength: 4 }),
  },
];

/** A range bound: none, one of the stored keys, or any valid key of the tree. */
type Bound = undefined | { readonly pick: number } | { readonly key: AnyKey };
const bound = (fresh: fc.Arbitrary<AnyKey>): fc.Arbitrary<Bound> =>
  fc.oneof(fc.constant(undefined), fc.nat().map((pick) => ({ pick })), fresh.map((key) => ({ key })));

// ---------------------------------------------------------------------------
// Running against both backends.

interface Entry {
  readonly key: unknown;
  readonly value: unknown;
}
interface Handle {
  range(options?: object): Iterable<Entry>;
  page(options: object): { entries: Entry[]; next?: unknown };
  count(): number;
  has(key: unknown): boolean;
}
interface WriteHandle {
  put(key: unknown, value: unknown): unknown;
  insert(value: unknown): unknown;
}
const handle = (db: object, name: TreeName) => (db as Record<string, Handle>)[name]!;
const keysOf = (entries: Iterable<Entry>) => [...entries].map((e) => e.key);

let root: string;
let runs = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trellis-key-order-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An id insert past the largest safe integer is refused (InvalidKeyError) and writes nothing; the batch goes on. */
type Written = AnyKey | 'refused';

function writeAll(tx: WriteHandle, ops: readonly Op[], keyFor: (i: number) => AnyKey | undefined): Written[] {
  return ops.map((op, i) => {
    const given = keyFor(i);
    try {
      return (op.kind === 'put' ? tx.put(op.key, op.value) : given !== undefined ? tx.put(given, op.value) : tx.insert(op.value)) as AnyKey;
    } catch (error) {
      if (op.kind === 'insert' && isTrellisError(error, 'INVALID_KEY')) return 'refused';
      throw error;
    }
  });
}

async function check(scenario: Scenario, ops: Op[], bounds: readonly (readonly [Bound, Bound])[], limit: number): Promise<void> {
  const path = join(root, `db-${++runs}`);
  const declared = schema(trees[scenario.tree]);
  const lmdb = await open(path, declared);
  const memory = await open('memory', declared, { inMemory: true });
  try {
    // Write on LMDB, then the same on memory (random uuid inserts become puts of the key LMDB chose).
    const txOf = (t: object) => (t as Record<string, WriteHandle>)[scenario.tree]!;
    const written = await lmdb.transaction((t) => writeAll(txOf(t), ops, () => undefined));
    const mirrored = await memory.transaction((t) =>
      writeAll(txOf(t), ops, (i) => (scenario.randomInsertKeys && written[i] !== 'refused' ? written[i] : undefined)),
    );
    expect(mirrored).toEqual(written);

    // What the reference says is stored, in order; the last write to a key wins.
    const stored = new Map<string, { key: AnyKey; value: string }>();
    let highestId = 0;
    written.forEach((key, i) => {
      const op = ops[i]!;
      if (op.kind === 'put') expect(key).toEqual(normalise(op.key!));
      if (scenario.tree === 'ids' && op.kind === 'insert') {
        // Ids continue after the highest one given out or put, and stop at the largest safe integer.
        expect(key).toEqual(highestId === Number.MAX_SAFE_INTEGER ? 'refused' : highestId + 1);
      } else {
        expect(key).not.toBe('refused');
      }
      if (key === 'refused') return;
      if (typeof key === 'number') highestId = Math.max(highestId, key);
      stored.set(keyText(key), { key, value: keyText(op.value) });
    });
    const expected = [...stored.values()].sort((a, b) => compareKeys(a.key, b.key));
    const expectedKeys = expected.map((e) => e.key);

    const resolve = (b: Bound): AnyKey | undefined =>
      b === undefined ? undefined : 'key' in b ? normalise(b.key) : expectedKeys[b.pick % expectedKeys.length];

    for (const db of [lmdb, memory]) {
      const h = handle(db, scenario.tree);
      const all = [...h.range()];
      expect(all.map((e) => e.key)).toEqual(expectedKeys);
      expect(all.map((e) => keyText(e.value))).toEqual(expected.map((e) => e.value));
      expect(keysOf(h.range({ reverse: true }))).toEqual([...expectedKeys].reverse());
      expect(h.count()).toBe(expected.length);
      for (const key of expectedKeys) expect(h.has(key)).toBe(true);

      // Keyset paging walks the same order, both ways.
      for (const reverse of [false, true]) {
        const paged: unknown[] = [];
        let after: unknown;
        for (;;) {
          const page = h.page({ limit, reverse, ...(after === undefined ? {} : { after }) });
          paged.push(...keysOf(page.entries));
          if (page.next === undefined) break;
          after = page.next;
        }
        expect(paged).toEqual(reverse ? [...expectedKeys].reverse() : expectedKeys);
      }
    }

    // Random [start, end): the reference filter, and both backends agree entry for entry.
    for (const [low, high] of bounds) {
      const start = resolve(low);
      const end = resolve(high);
      const want = expectedKeys.filter((k) => (start === undefined || compareKeys(k, start) >= 0) && (end === undefined || compareKeys(k, end) < 0));
      for (const reverse of [false, true]) {
        const options = { start, end, reverse };
        const fromLmdb = keysOf(handle(lmdb, scenario.tree).range(options));
        const fromMemory = keysOf(handle(memory, scenario.tree).range(options));
        expect(fromMemory).toEqual(fromLmdb);
        expect(fromLmdb).toEqual(reverse ? [...want].reverse() : want);
      }
      // Composite keys: the leading parts of a bound as a `prefix` select exactly the keys that start with them.
      if (scenario.compositeParts !== undefined && Array.isArray(start)) {
        for (let n = 1; n <= scenario.compositeParts; n++) {
          const prefix = start.slice(0, n);
          const inPrefix = expectedKeys.filter((k) => compareKeys((k as readonly Part[]).slice(0, n), prefix) === 0);
          for (const reverse of [false, true]) {
            const fromLmdb = keysOf(handle(lmdb, scenario.tree).range({ prefix, reverse }));
            expect(keysOf(handle(memory, scenario.tree).range({ prefix, reverse }))).toEqual(fromLmdb);
            expect(fromLmdb).toEqual(reverse ? [...inPrefix].reverse() : inPrefix);
          }
        }
      }
    }
  } finally {
    await lmdb.close();
    await memory.close();
    rmSync(path, { recursive: true, force: true });
  }
}

describe('range() returns records in the documented key order on both backends', () => {
  for (const scenario of scenarios) {
    it(`${scenario.tree} keys`, async () => {
      const bounds = fc.array(fc.tuple(bound(scenario.freshKey), bound(scenario.freshKey)), { maxLength: 6 });
      await fc.assert(
        fc.asyncProperty(scenario.ops, bounds, fc.integer({ min: 1, max: 5 }), (ops, b, limit) => check(scenario, ops, b, limit)),
        { numRuns: Number(process.env['KEY_ORDER_RUNS'] ?? 25), examples: (scenario.examples ?? []).map((ops) => [ops, [[undefined, undefined]], 2] as [Op[], [Bound, Bound][], number]) },
      );
    });
  }
});

describe('the key encoding', () => {
  const key = fc.oneof(part, fc.array(part, { minLength: 1, maxLength: 4 }));
  // eslint-disable-next-line no-control-regex -- the characters ordered-binary escapes only in short strings
  const longEscaped = (p: Part) => typeof p === 'string' && p.length >= 64 && /[\u0000-\u0004]/.test(p);

  it('is ordered-binary’s, byte for byte, for every key ordered-binary already wrote correctly', () => {
    fc.assert(
      fc.property(key, (k) => {
        const parts = Array.isArray(k) ? k : [k];
        fc.pre(!parts.some(longEscaped));
        const normal = normalise(k);
        expect(encodeKey(normal).equals(toBufferKey(normal as never))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // A tree's keys are all bare parts or all tuples, never both: a bare `x` and the
  // one-part tuple `[x]` are different stored keys (numbers in a tuple keep all
  // eight bytes), which the reference order cannot tell apart. So pairs are drawn
  // of one shape.
  const tuple = fc.array(part, { minLength: 1, maxLength: 4 });
  const sameShapePair = fc.oneof(fc.tuple(part, part), fc.tuple(tuple, tuple));

  it('reads back every key it writes, and its byte order is the reference order', () => {
    fc.assert(
      fc.property(sameShapePair, ([a, b]) => {
        const [x, y] = [normalise(a), normalise(b)];
        const decoded = fromBufferKey(encodeKey(x));
        expect(Array.isArray(x) && x.length === 1 ? [decoded] : decoded).toEqual(x);
        expect(Math.sign(Buffer.compare(encodeKey(x), encodeKey(y)))).toBe(Math.sign(compareKeys(x, y)));
      }),
      { numRuns: 300 },
    );
  });

  it('stores long text keys holding U+0000 to U+0004 as themselves, in code point order (regression)', async () => {
    const long = 'k'.repeat(70);
    const texts = [long + '\u0000b', long, long + '\u0004', long + '\u0001\u0000', long + 'a', long + '\u0003x', '\u0000' + long];
    const sorted = [...texts].sort(compareText);
    const path = join(root, 'long-text');
    for (const db of [await open(path, schema(names)), await open('memory', schema(names), { inMemory: true })]) {
      try {
        await db.transaction((trees) => texts.forEach((id) => trees.names.put(trees.names.key(id), { id })));
        expect([...db.names.range()].map((e) => e.key)).toEqual(sorted);
        expect([...db.names.range({ reverse: true })].map((e) => e.key)).toEqual([...sorted].reverse());
        expect([...db.names.range({ start: db.names.key(long), end: db.names.key(long + 'a') })].map((e) => e.value.id)).toEqual(
          sorted.filter((x) => compareText(x, long) >= 0 && compareText(x, long + 'a') < 0),
        );
        for (const id of texts) expect(db.names.get(db.names.key(id))).toEqual({ id });
      } finally {
        await db.close();
      }
    }
  });
});

/**
 * The benchmark's data: one schema, deterministic records, and deterministic
 * random sequences, so every run and every system sees the same values in the
 * same order.
 */
import { autoIncrement, schema, t, tree } from '@trellis/engine';

/** The referenced tree: every item points at one of `OWNERS` owners. */
export const owners = tree('owners', {
  key: autoIncrement(),
  value: t.object({ name: t.string() }),
});

export const items = tree('items', {
  key: autoIncrement(),
  value: t.object({
    name: t.string(),
    group: t.string(),
    score: t.number(),
    visits: t.integer(),
    active: t.boolean(),
    owner: t.ref(owners),
  }),
  indexes: { byGroup: { on: 'group' } },
});

export const benchSchema = schema(owners, items);

export const OWNERS = 1000;
export const GROUPS = 1000;

/** An item as plain data; `owner` is an owner's id, 1..OWNERS (the engine's keys are the same numbers). */
export interface Item {
  name: string;
  group: string;
  score: number;
  visits: number;
  active: boolean;
  owner: number;
}

/** mulberry32: small, fast, and the same sequence everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export const groupName = (n: number) => `group-${n}`;

/** `count` records of about 70 bytes of msgpack each; GROUPS distinct groups, OWNERS owners. */
export function makeItems(count: number, seed = 42): Item[] {
  const rnd = random(seed);
  const out: Item[] = new Array<Item>(count);
  for (let i = 0; i < count; i++) {
    out[i] = {
      name: `user-${Math.floor(rnd() * 2 ** 32).toString(36)}-${i}`,
      group: groupName(Math.floor(rnd() * GROUPS)),
      score: Math.round(rnd() * 1e6) / 100,
      visits: 1 + Math.floor(rnd() * 10_000),
      active: rnd() < 0.5,
      owner: 1 + Math.floor(rnd() * OWNERS),
    };
  }
  return out;
}

/** `length` integers in [from, from + count), uniformly at random. */
export function randomInts(from: number, count: number, length: number, seed = 7): number[] {
  const rnd = random(seed);
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = from + Math.floor(rnd() * count);
  return out;
}

/**
 * The benchmark's data: one tree declaration, deterministic records, and a
 * deterministic random key sequence, so every run and both sides see the same
 * bytes in the same order.
 */
import { autoIncrement, schema, t, tree } from '@trellis/engine';

export const items = tree('items', {
  key: autoIncrement(),
  value: t.object({
    name: t.string(),
    group: t.string(),
    score: t.number(),
    visits: t.integer(),
    active: t.boolean(),
  }),
  indexes: { byGroup: { on: 'group' } },
});

export const benchSchema = schema(items);

export interface Item {
  name: string;
  group: string;
  score: number;
  visits: number;
  active: boolean;
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

/** `count` records of about 60 bytes of msgpack each; 1,000 distinct groups for the index. */
export function makeItems(count: number, seed = 42): Item[] {
  const rnd = random(seed);
  const out: Item[] = new Array<Item>(count);
  for (let i = 0; i < count; i++) {
    out[i] = {
      name: `user-${Math.floor(rnd() * 2 ** 32).toString(36)}-${i}`,
      group: `group-${Math.floor(rnd() * 1000)}`,
      score: Math.round(rnd() * 1e6) / 100,
      visits: Math.floor(rnd() * 10_000),
      active: rnd() < 0.5,
    };
  }
  return out;
}

/** `length` indexes into [0, count), uniformly at random. */
export function randomIndexes(count: number, length: number, seed = 7): Uint32Array {
  const rnd = random(seed);
  const out = new Uint32Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(rnd() * count);
  return out;
}

/**
 * Row positions in a tree without walking it. A browser jumps to row 900,000
 * of a million and asks where a key sits; LMDB keeps no counts in its pages,
 * so both would step over every key before it (tens of milliseconds at a
 * million). Here every STRIDE-th key of a tree is remembered once, found with
 * native offset skips, and a jump or a position walks at most STRIDE keys.
 *
 * The checkpoints hold while the tree's shape counter (meta.ts, moved by any
 * process's insert or delete, never by an update) and its record count are
 * those they were built at. Inside a write transaction they are not used: the
 * counter moves only when it commits.
 */
import { encodeKey } from '../storage/key-encoding.js';
import { firstOf, type RangeQuery, type Store, type StoredKey } from '../storage/backend.js';
import { shapeKey } from './meta.js';
import type { TreeModel } from './tree-model.js';

/** Keys walked at most per jump: ~0.1 ms of native skipping; 250 checkpoints per million records. */
export const POSITION_STRIDE = 4096;

interface Checkpoints {
  readonly shape: number;
  readonly count: number;
  /** keys[i] is the key at position i × STRIDE. */
  readonly keys: readonly StoredKey[];
  readonly encoded: readonly Buffer[];
}

/** What the checkpoints are read from: the engine that owns them (./engine-state.ts), declared here so this module need not import it. */
export interface PositionSource {
  records(model: TreeModel): Store;
  readonly meta: Store;
  readonly inTransaction: boolean;
}

export class PositionIndex {
  private readonly trees = new Map<string, Checkpoints>();

  constructor(private readonly engine: PositionSource) {}

  /**
   * The same query with a deep `offset` turned into a bound near the row it
   * asks for. Only whole-tree queries (no bounds, no cursor) are narrowed.
   */
  narrow(model: TreeModel, query: RangeQuery): RangeQuery {
    const offset = query.offset ?? 0;
    if (offset < POSITION_STRIDE || query.start !== undefined || query.end !== undefined || query.after !== undefined) return query;
    const points = this.checkpoints(model);
    if (!points || offset >= points.count) return query;
    if (!query.reverse) {
      const at = Math.floor(offset / POSITION_STRIDE);
      return { ...query, start: points.keys[at], offset: offset - at * POSITION_STRIDE };
    }
    // Reverse: the first row returned sits at `position`; walk down from the checkpoint just above it.
    const position = points.count - 1 - offset;
    const above = Math.floor(position / POSITION_STRIDE) + 1;
    if (above >= points.keys.length) return query;
    return { ...query, end: points.keys[above], offset: above * POSITION_STRIDE - 1 - position };
  }

  /**
   * Records in `[start, end)` of a whole tree (either bound may be absent),
   * or undefined when the tree is too small for checkpoints to pay.
   */
  countRange(model: TreeModel, start: StoredKey | undefined, end: StoredKey | undefined): number | undefined {
    const points = this.checkpoints(model);
    if (!points) return undefined;
    const from = start === undefined ? undefined : checkpointBefore(points, start);
    const to = end === undefined ? undefined : checkpointBefore(points, end);
    // A narrow range (both bounds within one stride or two) is cheaper counted directly than as two positions.
    if (from !== undefined && to !== undefined && to - from <= 1) return undefined;
    const store = this.engine.records(model);
    const fromPosition = start === undefined ? 0 : positionFrom(store, points, from!, start);
    const toPosition = end === undefined ? points.count : positionFrom(store, points, to!, end);
    return Math.max(0, toPosition - fromPosition);
  }

  private checkpoints(model: TreeModel): Checkpoints | undefined {
    if (this.engine.inTransaction) return undefined;
    const store = this.engine.records(model);
    const count = store.count();
    if (count < 2 * POSITION_STRIDE) return undefined;
    const shape = (this.engine.meta.get(shapeKey(model.storage)) as number | undefined) ?? 0;
    const known = this.trees.get(model.name);
    // The count too: a database written before shape counters existed, or a counter that did not move.
    if (known && known.shape === shape && known.count === count) return known;
    const built = this.build(store, shape, count);
    this.trees.set(model.name, built);
    return built;
  }

  /** One native skip of STRIDE keys per checkpoint: the whole tree's keys are stepped over once, no value is read. */
  private build(store: Store, shape: number, count: number): Checkpoints {
    const keys: StoredKey[] = [];
    let key = firstOf(store.keys({ limit: 1 }));
    for (let i = 0; key !== undefined && i * POSITION_STRIDE < count; i++) {
      keys.push(key);
      key = firstOf(store.keys({ start: key, offset: POSITION_STRIDE, limit: 1 }));
    }
    return { shape, count, keys, encoded: keys.map(encodeKey) };
  }
}

/** The index of the last checkpoint at or before `key`, or −1 when the key sorts before them all. */
function checkpointBefore(points: Checkpoints, key: StoredKey): number {
  const target = encodeKey(key);
  let low = 0;
  let high = points.encoded.length; // the answer is the last checkpoint ≤ key: in [low − 1, high)
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Buffer.compare(points.encoded[middle]!, target) <= 0) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** How many keys sort before `key`, counted natively from its checkpoint `at`. */
function positionFrom(store: Store, points: Checkpoints, at: number, key: StoredKey): number {
  if (at < 0) return 0;
  return at * POSITION_STRIDE + store.countRange({ start: points.keys[at], end: key });
}

/**
 * Rows of a (possibly huge) ordered view, loaded in blocks on demand and kept
 * in a bounded LRU, so a 1M-record tree scrolls without loading it.
 *
 * A block continues from the previous block's last cursor (keyset paging) when
 * that is already known; otherwise an addressable source jumps to it by offset
 * (scrollbar drags; blocks of one view load in parallel), and a cursor-only
 * source (index lookups) loads the blocks before it first.
 * `invalidate` (a change event) marks every block stale and reloads the
 * visible ones, still showing the old rows until the new ones arrive.
 */
import type { RecordEntry } from '../../../../app/contract/index.js';

export interface BlockPage<C> {
  readonly rows: readonly RecordEntry[];
  /** The total number of rows, when the source knows it. */
  readonly count?: number;
  /** False while `count` may still grow (a query still reading): the rows so far, not the total. */
  readonly complete?: boolean;
  readonly hasMore: boolean;
  /** Where the next block continues (the last row's key or index cursor). */
  readonly end: C | undefined;
}

export interface PageSource<C> {
  /** True when any block can be loaded directly (by offset). */
  readonly addressable: boolean;
  load(block: number, size: number, after: C | undefined): Promise<BlockPage<C>>;
}

interface Block {
  readonly rows: readonly RecordEntry[];
  readonly generation: number;
}

export interface BlockCacheOptions {
  readonly blockSize?: number;
  /** Blocks kept in memory; the least recently shown are dropped first. */
  readonly maxBlocks?: number;
  /** The row count to show before the first block arrives. */
  readonly initialCount?: number;
}

export class BlockCache<C> {
  readonly blockSize: number;
  private readonly maxBlocks: number;
  private readonly blocks = new Map<number, Block>();
  private readonly ends = new Map<number, { cursor: C | undefined; generation: number }>();
  private readonly pending = new Map<number, { promise: Promise<void>; generation: number }>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private total: number;
  private complete: boolean;
  private visible = { first: 0, last: -1 };
  private version = 0;
  private disposed = false;
  error: string | undefined;

  constructor(private readonly source: PageSource<C>, options: BlockCacheOptions = {}) {
    this.blockSize = options.blockSize ?? 100;
    this.maxBlocks = Math.max(options.maxBlocks ?? 40, 4);
    this.total = source.addressable ? (options.initialCount ?? 0) : 0;
    // Until a count is known, no block is beyond the end.
    this.complete = source.addressable && options.initialCount !== undefined;
  }

  /** Rows to lay out. For a cursor-only source: the rows seen so far, plus one block while more exist. */
  get rowCount(): number {
    return this.total;
  }

  /** False while a cursor-only source may still have rows beyond `rowCount`. */
  get exact(): boolean {
    return this.complete;
  }

  row(index: number): RecordEntry | undefined {
    return this.blocks.get(Math.floor(index / this.blockSize))?.rows[index % this.blockSize];
  }

  /** The row index of a loaded record, or -1. */
  indexOf(text: string): number {
    for (const [block, { rows }] of this.blocks) {
      const i = rows.findIndex((row) => row.text === text);
      if (i >= 0) return block * this.blockSize + i;
    }
    return -1;
  }

  /** Makes sure rows first..last (inclusive) are loaded or on their way. */
  ensure(first: number, last: number): void {
    this.visible = { first: Math.max(0, first), last: Math.max(first, last) };
    const from = Math.floor(this.visible.first / this.blockSize);
    const to = Math.floor(this.visible.last / this.blockSize);
    for (let block = from; block <= to; block++) {
      // Block 0 always loads: it is how an empty (or just filled) view learns its count.
      if (block > 0 && block * this.blockSize >= this.total && this.complete) break;
      const held = this.blocks.get(block);
      if (held) this.touch(block, held);
      if (!held || held.generation < this.generation) void this.load(block);
    }
  }

  /**
   * Rows first..last (inclusive), loading the blocks not held, one after another (a copy of a
   * selection). Blocks loaded for it may be dropped again at once: the visible ones are kept.
   * Stops early at the end of the view; rejects with the host's error.
   */
  async rowsBetween(first: number, last: number): Promise<RecordEntry[]> {
    const out: RecordEntry[] = [];
    for (let block = Math.floor(first / this.blockSize); block <= Math.floor(last / this.blockSize); block++) {
      let held = this.blocks.get(block);
      if (!held || held.generation < this.generation) {
        await this.load(block);
        held = this.blocks.get(block);
        if (!held && this.error !== undefined) throw new Error(this.error);
      }
      if (!held) break;
      const start = block * this.blockSize;
      out.push(...held.rows.slice(Math.max(0, first - start), last - start + 1));
      if (held.rows.length < this.blockSize) break;
    }
    return out;
  }

  /** The data changed: reload what is visible, keeping old rows on screen meanwhile. */
  invalidate(): void {
    this.generation++;
    this.error = undefined;
    this.ensure(this.visible.first, this.visible.last);
  }

  /**
   * A source that learns its size as it goes (a query still reading) says how many rows it has
   * now: the visible blocks that came back short reload with the rows found since.
   */
  resize(count: number, complete: boolean): void {
    if (count === this.total && complete === this.complete) return;
    this.total = count;
    this.complete = complete;
    for (const [block, held] of this.blocks) {
      if (held.rows.length < this.blockSize && block * this.blockSize < count) this.blocks.set(block, { rows: held.rows, generation: -1 });
    }
    this.ensure(this.visible.first, this.visible.last);
    this.notify();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): number => this.version;

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private load(block: number): Promise<void> {
    const running = this.pending.get(block);
    if (running && running.generation === this.generation) return running.promise;
    const generation = this.generation;
    const promise = this.fetch(block, generation).finally(() => {
      if (this.pending.get(block)?.promise === promise) this.pending.delete(block);
    });
    this.pending.set(block, { promise, generation });
    return promise;
  }

  private async fetch(block: number, generation: number): Promise<void> {
    let after = block > 0 ? this.cursorBefore(block, generation) : undefined;
    if (block > 0 && after === undefined) {
      // A cursor-only source must load its predecessors first; an addressable one jumps by offset
      // at once rather than wait a round trip for the block before (a view spanning two blocks
      // after a jump paid two; offsets cost the host no more than cursors, engine/src/core/positions.ts).
      if (!this.source.addressable) {
        await this.load(block - 1);
        after = this.cursorBefore(block, generation);
        if (after === undefined && !this.source.addressable) return;
      }
    }
    try {
      const page = await this.source.load(block, this.blockSize, after);
      if (this.disposed || generation !== this.generation) return;
      this.store(block, page, generation);
    } catch (error) {
      if (this.disposed || generation !== this.generation) return;
      this.error = error instanceof Error ? error.message : String(error);
      this.notify();
    }
  }

  private cursorBefore(block: number, generation: number): C | undefined {
    const end = this.ends.get(block - 1);
    // Index cursors stay valid across changes (they are values, not positions); offsets do not.
    if (!end || (this.source.addressable && end.generation !== generation)) return undefined;
    return end.cursor;
  }

  private store(block: number, page: BlockPage<C>, generation: number): void {
    this.blocks.delete(block);
    this.blocks.set(block, { rows: page.rows, generation });
    this.ends.set(block, { cursor: page.end, generation });
    const seen = block * this.blockSize + page.rows.length;
    if (page.count !== undefined) {
      this.total = page.count;
      this.complete = page.complete ?? true;
    } else if (!page.hasMore) {
      this.total = seen;
      this.complete = true;
    } else {
      this.total = Math.max(this.total, seen + this.blockSize);
      this.complete = false;
    }
    this.error = undefined;
    this.evict();
    this.notify();
  }

  private touch(block: number, held: Block): void {
    this.blocks.delete(block);
    this.blocks.set(block, held);
  }

  private evict(): void {
    const from = Math.floor(this.visible.first / this.blockSize);
    const to = Math.floor(this.visible.last / this.blockSize);
    for (const block of this.blocks.keys()) {
      if (this.blocks.size <= this.maxBlocks) break;
      if (block < from || block > to) this.blocks.delete(block);
    }
  }

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

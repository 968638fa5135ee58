/**
 * The cells of the table's path columns: for the rows the table draws, one
 * path from each row's record, asked of the host in one call per path and
 * block of rows (`records.resolvePaths`), kept by path and row key. Rows never
 * drawn are never asked for. A change anywhere makes every cell stale (a path
 * reads other records): stale cells stay on screen and are asked for again
 * when drawn. Bounded: the least recently written cells are dropped first.
 */
import type { JsonKey, PathMatch, PathStop, RecordEntry, ResultOf } from '../../../../app/contract/index.js';

export type PathCell =
  | { readonly state: 'loading' }
  | { readonly state: 'done'; readonly matches: readonly PathMatch[]; readonly truncated: boolean }
  /** The path stopped for this record (BAD_PATH): where and why. */
  | { readonly state: 'stopped'; readonly stop: PathStop }
  /** The call failed (a path the schema no longer fits, a lost connection). */
  | { readonly state: 'failed'; readonly message: string };

export type PathFetch = (path: string, keys: JsonKey[]) => Promise<ResultOf<'records.resolvePaths'>>;

export interface DrawnRow {
  readonly index: number;
  readonly entry: RecordEntry;
}

interface Held {
  readonly cell: PathCell;
  readonly generation: number;
}

const MAX_CELLS = 5_000;

export class PathCells {
  private readonly cells = new Map<string, Held>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private version = 0;

  constructor(
    private readonly fetch: PathFetch,
    private readonly blockSize = 100,
    private readonly maxCells = MAX_CELLS,
  ) {}

  cell(path: string, row: string): PathCell | undefined {
    return this.cells.get(id(path, row))?.cell;
  }

  /** The cell's value as the clipboard takes it: the one result's value, the list of them for a fan-out. */
  valueOf(path: string, row: string, many: boolean): unknown {
    const cell = this.cell(path, row);
    if (cell?.state !== 'done') return undefined;
    return many ? cell.matches.map((match) => match.value ?? null) : cell.matches[0]?.value;
  }

  /** Asks for the cells of `rows` that are missing or stale: one call per path and block. */
  want(paths: readonly string[], rows: readonly DrawnRow[]): void {
    for (const path of paths) {
      const blocks = new Map<number, DrawnRow[]>();
      for (const row of rows) {
        const held = this.cells.get(id(path, row.entry.text));
        if (held && held.generation === this.generation) continue;
        const block = Math.floor(row.index / this.blockSize);
        blocks.set(block, [...(blocks.get(block) ?? []), row]);
      }
      for (const block of blocks.values()) this.ask(path, block);
    }
  }

  /** Every cell is stale (a change event): kept on screen until asked for again. */
  invalidate(): void {
    this.generation++;
  }

  /** Forgets a path's cells (its column was removed). */
  forget(path: string): void {
    for (const key of [...this.cells.keys()]) if (key.startsWith(`${path}\u0000`)) this.cells.delete(key);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): number => this.version;

  private ask(path: string, rows: readonly DrawnRow[]): void {
    const generation = this.generation;
    for (const row of rows) {
      // A stale cell stays as it was while its new answer is on its way.
      const held = this.cells.get(id(path, row.entry.text));
      this.put(path, row.entry.text, held?.cell ?? { state: 'loading' }, generation);
    }
    this.notify();
    this.fetch(path, rows.map((row) => row.entry.key)).then(
      ({ rows: answers }) => {
        rows.forEach((row, i) => {
          const answer = answers[i];
          const cell: PathCell = !answer ? { state: 'failed', message: 'no answer for this record' } : 'stopped' in answer ? { state: 'stopped', stop: answer.stopped } : { state: 'done', ...answer };
          this.settle(path, row.entry.text, cell, generation);
        });
        this.notify();
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        for (const row of rows) this.settle(path, row.entry.text, { state: 'failed', message }, generation);
        this.notify();
      },
    );
  }

  /** An answer is kept unless a newer ask for the cell has been made since. */
  private settle(path: string, row: string, cell: PathCell, generation: number): void {
    const held = this.cells.get(id(path, row));
    if (held && held.generation > generation) return;
    this.put(path, row, cell, generation);
  }

  private put(path: string, row: string, cell: PathCell, generation: number): void {
    const key = id(path, row);
    this.cells.delete(key);
    this.cells.set(key, { cell, generation });
    for (const oldest of this.cells.keys()) {
      if (this.cells.size <= this.maxCells) break;
      this.cells.delete(oldest);
    }
  }

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function id(path: string, row: string): string {
  return `${path}\u0000${row}`;
}

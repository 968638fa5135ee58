/**
 * Navigation history, like a browser's: every place the user went (a tree,
 * maybe a filter, maybe a selected record, and how far it was scrolled).
 * Following a link or switching trees pushes; selecting a row or scrolling
 * only updates the current place, so going back returns to it as it was left.
 */

import type { ViewQuery } from './view-query.js';
import { sameViewQuery } from './view-query.js';

export type { ViewQuery };

/**
 * What a place shows instead of the tree's table: the tree's schema, or the
 * diagram of the whole database (its `tree` is the tree it was opened from).
 */
export type PlaceView = 'schema' | 'diagram';

export interface ViewLocation {
  readonly tree: string;
  /** Absent for the tree's table. */
  readonly view?: PlaceView;
  /** OpaqueKey text of the selected record. */
  readonly selected?: string;
  /** A filter and an order, as typed in the filter bar (absent: the whole tree in key order). */
  readonly query?: ViewQuery;
  /** Pixels; absent for a new place, which scrolls to its selected record instead. */
  readonly scrollTop?: number;
}

/** A change to the current place; a field set to undefined is removed. */
export type LocationPatch = { readonly [K in keyof ViewLocation]?: ViewLocation[K] | undefined };

/** How the last change came about: the browser-history mirror pushes, replaces or moves to match. */
export type HistoryChange = 'push' | 'update' | 'go' | 'reset';

export interface HistorySnapshot {
  readonly entries: readonly ViewLocation[];
  readonly index: number;
  readonly change?: HistoryChange;
}

/**
 * Asked before leaving the record on screen (another place, another selection);
 * false keeps the user where they are. The app passes the unsaved-edit check.
 */
export type LeaveGuard = () => boolean;

/** `force`: leave without asking (after a save or a delete, where nothing is left to lose). */
export interface MoveOptions {
  readonly force?: boolean;
}

const LIMIT = 200;

export class NavigationHistory {
  private snapshot: HistorySnapshot = { entries: [], index: -1 };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly guard: LeaveGuard = () => true) {}

  get = (): HistorySnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks the guard: for leaving a record that is not in the history (a new one being created). */
  mayLeave(): boolean {
    return this.guard();
  }

  current(): ViewLocation | undefined {
    return this.snapshot.entries[this.snapshot.index];
  }

  canGoBack(): boolean {
    return this.snapshot.index > 0;
  }

  canGoForward(): boolean {
    return this.snapshot.index < this.snapshot.entries.length - 1;
  }

  /**
   * Goes somewhere new: forward entries are dropped. Going where we already are only updates it.
   * False when the guard kept the user where they are.
   */
  push(location: ViewLocation, options: MoveOptions = {}): boolean {
    const here = this.current();
    if (here && samePlace(here, location)) return this.update(location, false, options);
    if (here && !options.force && !this.guard()) return false;
    const kept = this.snapshot.entries.slice(0, this.snapshot.index + 1);
    const entries = [...kept, location].slice(-LIMIT);
    this.set({ entries, index: entries.length - 1, change: 'push' });
    return true;
  }

  /**
   * Changes the current place in place (selection, scroll); `quiet` skips listeners, for scroll
   * offsets. Another selection asks the guard first; false when it said no.
   */
  update(patch: LocationPatch, quiet = false, options: MoveOptions = {}): boolean {
    const here = this.current();
    if (!here) return false;
    if ('selected' in patch && patch.selected !== here.selected && !options.force && !this.guard()) return false;
    const entries = [...this.snapshot.entries];
    entries[this.snapshot.index] = withoutUndefined({ ...here, ...patch });
    const next: HistorySnapshot = { entries, index: this.snapshot.index, change: 'update' };
    if (quiet) this.snapshot = next;
    else this.set(next);
    return true;
  }

  /** Starts over (another database was opened: old places no longer exist). Never asks: the caller did. */
  reset(location: ViewLocation): void {
    this.set({ entries: [location], index: 0, change: 'reset' });
  }

  back(): boolean {
    return this.go(this.snapshot.index - 1);
  }

  forward(): boolean {
    return this.go(this.snapshot.index + 1);
  }

  go(index: number, options: MoveOptions = {}): boolean {
    if (index < 0 || index >= this.snapshot.entries.length || index === this.snapshot.index) return false;
    if (!options.force && !this.guard()) return false;
    this.set({ entries: this.snapshot.entries, index, change: 'go' });
    return true;
  }

  private set(snapshot: HistorySnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}

export function samePlace(a: ViewLocation, b: ViewLocation): boolean {
  return a.tree === b.tree && a.view === b.view && a.selected === b.selected && sameViewQuery(a.query, b.query);
}

/** exactOptionalPropertyTypes: a patch `{ selected: undefined }` means "remove it". */
function withoutUndefined(location: LocationPatch): ViewLocation {
  return Object.fromEntries(Object.entries(location).filter(([, v]) => v !== undefined)) as unknown as ViewLocation;
}

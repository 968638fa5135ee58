/**
 * Navigation history, like a browser's: every place the user went (a tree,
 * maybe a filter, maybe a selected record, and how far it was scrolled).
 * Following a link or switching trees pushes; selecting a row or scrolling
 * only updates the current place, so going back returns to it as it was left.
 */

export type FilterMode = 'equals' | 'prefix' | 'range';

/** An index filter as the user typed it (text, so the inputs can show it again). */
export interface IndexFilter {
  readonly index: string;
  readonly mode: FilterMode;
  readonly value: string;
  readonly end: string;
}

export interface ViewLocation {
  readonly tree: string;
  /** OpaqueKey text of the selected record. */
  readonly selected?: string;
  readonly filter?: IndexFilter;
  /** Pixels; absent for a new place, which scrolls to its selected record instead. */
  readonly scrollTop?: number;
}

/** A change to the current place; a field set to undefined is removed. */
export type LocationPatch = { readonly [K in keyof ViewLocation]?: ViewLocation[K] | undefined };

export interface HistorySnapshot {
  readonly entries: readonly ViewLocation[];
  readonly index: number;
}

const LIMIT = 200;

export class NavigationHistory {
  private snapshot: HistorySnapshot = { entries: [], index: -1 };
  private readonly listeners = new Set<() => void>();

  get = (): HistorySnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  current(): ViewLocation | undefined {
    return this.snapshot.entries[this.snapshot.index];
  }

  canGoBack(): boolean {
    return this.snapshot.index > 0;
  }

  canGoForward(): boolean {
    return this.snapshot.index < this.snapshot.entries.length - 1;
  }

  /** Goes somewhere new: forward entries are dropped. Going where we already are only updates it. */
  push(location: ViewLocation): void {
    const here = this.current();
    if (here && samePlace(here, location)) {
      this.update(location);
      return;
    }
    const kept = this.snapshot.entries.slice(0, this.snapshot.index + 1);
    const entries = [...kept, location].slice(-LIMIT);
    this.set({ entries, index: entries.length - 1 });
  }

  /** Changes the current place in place (selection, scroll); `quiet` skips listeners, for scroll offsets. */
  update(patch: LocationPatch, quiet = false): void {
    const here = this.current();
    if (!here) return;
    const entries = [...this.snapshot.entries];
    entries[this.snapshot.index] = withoutUndefined({ ...here, ...patch });
    const next = { entries, index: this.snapshot.index };
    if (quiet) this.snapshot = next;
    else this.set(next);
  }

  /** Starts over (another database was opened: old places no longer exist). */
  reset(location: ViewLocation): void {
    this.set({ entries: [location], index: 0 });
  }

  back(): boolean {
    return this.go(this.snapshot.index - 1);
  }

  forward(): boolean {
    return this.go(this.snapshot.index + 1);
  }

  go(index: number): boolean {
    if (index < 0 || index >= this.snapshot.entries.length || index === this.snapshot.index) return false;
    this.set({ entries: this.snapshot.entries, index });
    return true;
  }

  private set(snapshot: HistorySnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}

export function samePlace(a: ViewLocation, b: ViewLocation): boolean {
  return a.tree === b.tree && a.selected === b.selected && sameFilter(a.filter, b.filter);
}

export function sameFilter(a: IndexFilter | undefined, b: IndexFilter | undefined): boolean {
  if (!a || !b) return a === b;
  return a.index === b.index && a.mode === b.mode && a.value === b.value && a.end === b.end;
}

/** exactOptionalPropertyTypes: a patch `{ selected: undefined }` means "remove it". */
function withoutUndefined(location: LocationPatch): ViewLocation {
  return Object.fromEntries(Object.entries(location).filter(([, v]) => v !== undefined)) as unknown as ViewLocation;
}

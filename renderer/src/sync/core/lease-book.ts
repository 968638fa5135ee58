/**
 * The check-outs this window knows of, by record (OpaqueKey text): all of
 * them as the host listed them, then each change its `lease` events tell.
 * A store for useSyncExternalStore: `version` changes with every change.
 */
import type { Lease, LeaseChange } from '../../../../app/contract/sync.js';

export class LeaseBook {
  private readonly byText = new Map<string, Lease>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;

  /** Everything the host listed (a new connection may have brought other check-outs). */
  replace(leases: readonly Lease[]): void {
    this.byText.clear();
    for (const lease of leases) this.byText.set(lease.text, lease);
    this.changed();
  }

  apply(change: LeaseChange): void {
    if (change.lease) this.byText.set(change.text, change.lease);
    else if (!this.byText.delete(change.text)) return;
    this.changed();
  }

  of(text: string): Lease | undefined {
    return this.byText.get(text);
  }

  /** The first moment after `now` at which a check-out ends (what is shown must change then), if any. */
  nextEnd(now: number): number | undefined {
    let next: number | undefined;
    for (const lease of this.byText.values()) if (lease.expires > now && (next === undefined || lease.expires < next)) next = lease.expires;
    return next;
  }

  version = (): number => this.generation;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.generation++;
    for (const listener of this.listeners) listener();
  }
}

/**
 * A replica's sync as the host shows it: its status pushed as `sync` events
 * (the replica reports one after every commit and every step of its loop, so
 * at most one every STATUS_GAP_MS, and only when something changed), its
 * check-outs as `lease` events, each marked as this replica's own or another's.
 */
import type { OpaqueReplica } from '@trellis/engine';
import type { Lease, LeaseChange, SyncStatus } from '../contract/index.js';
import { keyText, wireKey } from './wire-forms.js';
import { wireLease, wireStatus, type EngineLease } from './sync-wire.js';

export interface SyncFeedListener {
  status(status: SyncStatus): void;
  lease(change: LeaseChange): void;
  /** The server changed which trees require check-out (told at each connection). */
  checkOutTreesChanged(): void;
}

const STATUS_GAP_MS = 100;

export class SyncFeed {
  private readonly stops: (() => void)[];
  private lastStatus = '';
  private lastSentAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checkOutText: string;

  constructor(
    readonly replica: OpaqueReplica,
    readonly server: string,
    private readonly listener: SyncFeedListener,
  ) {
    this.checkOutText = replica.sync.checkOutTrees().join('\n');
    this.stops = [
      replica.sync.onStatus(() => this.statusChanged()),
      replica.sync.onLease(({ tree, key, lease }) => {
        listener.lease({ tree, key: wireKey(key), text: keyText(tree, key), lease: lease ? this.lease(lease) : null });
      }),
    ];
  }

  get sync(): OpaqueReplica['sync'] {
    return this.replica.sync;
  }

  status(): SyncStatus {
    return wireStatus(this.sync.status());
  }

  checkOutTrees(): string[] {
    return [...this.sync.checkOutTrees()];
  }

  /** `mine`: held by this replica (by its client id, not the user: one user may work from two machines). */
  lease(lease: EngineLease): Lease {
    return wireLease(lease, lease.clientId === this.sync.clientId);
  }

  close(): void {
    for (const stop of this.stops) stop();
    clearTimeout(this.timer);
  }

  private statusChanged(): void {
    if (this.timer !== undefined) return; // a send is due: it reads the status as it is then
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastSentAt = Date.now();
      this.send();
    }, Math.max(0, this.lastSentAt + STATUS_GAP_MS - Date.now()));
  }

  private send(): void {
    const status = this.status();
    const text = JSON.stringify(status);
    if (text !== this.lastStatus) {
      this.lastStatus = text;
      this.listener.status(status);
    }
    const trees = this.sync.checkOutTrees().join('\n');
    if (trees !== this.checkOutText) {
      this.checkOutText = trees;
      this.listener.checkOutTreesChanged();
    }
  }
}

/**
 * Single records by OpaqueKey text, for hover previews and broken-link checks:
 * fetched once, cached (bounded), forgotten when a change event names them.
 * Nothing here issues a request by itself; a hover or a followed link does.
 */
import type { RecordEntry, Transport } from '../../../app/contract/index.js';
import { keyAddressOf } from '@trellis/engine/common/key-text';
import { LabelBook } from '../labels/label-book.js';

const LIMIT = 500;

export type LookupState = 'present' | 'missing' | undefined;

export class RecordLookup {
  private readonly entries = new Map<string, RecordEntry | null>();
  private readonly inFlight = new Map<string, Promise<RecordEntry | null>>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  /** Labels learnt from answers, forgotten and cleared with the records (labels/labelling-client.ts fills it). */
  readonly labels = new LabelBook();

  constructor(private readonly client: Pick<Transport, 'call'>) {}

  /** What is known without asking: undefined until someone looked. */
  state(text: string): LookupState {
    if (!this.entries.has(text)) return undefined;
    return this.entries.get(text) ? 'present' : 'missing';
  }

  cached(text: string): RecordEntry | null | undefined {
    return this.entries.get(text);
  }

  get(text: string): Promise<RecordEntry | null> {
    if (this.entries.has(text)) return Promise.resolve(this.entries.get(text) ?? null);
    const running = this.inFlight.get(text);
    if (running) return running;
    const address = keyAddressOf(text);
    if (!address) return Promise.resolve(null);
    const request = this.client
      .call('records.get', address)
      .then(({ entry }) => {
        this.remember(text, entry);
        return entry;
      })
      .finally(() => this.inFlight.delete(text));
    this.inFlight.set(text, request);
    return request;
  }

  /** Records that changed: their cached state is stale. */
  forget(texts: Iterable<string>): void {
    let changed = false;
    const forgotten = [...texts];
    this.labels.forget(forgotten);
    for (const text of forgotten) changed = this.entries.delete(text) || changed;
    if (changed) this.notify();
  }

  clear(): void {
    this.labels.clear();
    this.entries.clear();
    this.notify();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever any cached state changes (for useSyncExternalStore). */
  snapshot = (): number => this.version;

  /** What someone else just read (the record panel), so links learn about it without asking again. */
  remember(text: string, entry: RecordEntry | null): void {
    this.entries.delete(text);
    this.entries.set(text, entry);
    if (this.entries.size > LIMIT) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.notify();
  }

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

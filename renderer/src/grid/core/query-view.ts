/**
 * A filtered or sorted view of a tree: one query the host runs (query.open),
 * its progress (from `query` events), and its matches paged by offset like a
 * tree. It opens the query on first use, opens it again when the host has
 * forgotten it (NOT_FOUND: closed as old, or the host restarted) and when the
 * data changed, and closes it when dropped.
 */
import type { HostEvents, QueryProgressPayload, RecordEntry, Transport } from '../../../../app/contract/index.js';
import type { QueryPlan, RecordQuery } from '@trellis/engine/common/record-query';
import type { BlockPage, PageSource } from './block-cache.js';

type Client = Pick<Transport, 'call' | 'on'>;

export interface QueryState {
  readonly plan: QueryPlan | undefined;
  readonly progress: QueryProgressPayload | undefined;
  /** Why the query could not be opened (INVALID_QUERY and the like). */
  readonly error: string | undefined;
}

const EMPTY_STATE: QueryState = { plan: undefined, progress: undefined, error: undefined };

export class QueryView implements PageSource<undefined> {
  readonly addressable = true;
  private id: Promise<string> | undefined;
  private openedId: string | undefined;
  private state: QueryState = EMPTY_STATE;
  private readonly listeners = new Set<(state: QueryState) => void>();
  private readonly stopEvents: () => void;
  private closed = false;

  constructor(
    private readonly client: Client,
    readonly tree: string,
    readonly query: RecordQuery,
  ) {
    this.stopEvents = client.on('query', (event) => this.onEvent(event));
  }

  get current(): QueryState {
    return this.state;
  }

  /** Listens to plan and progress changes; returns the unsubscribe. */
  subscribe(listener: (state: QueryState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async load(block: number, size: number): Promise<BlockPage<undefined>> {
    const page = await this.page(block * size, size);
    const { progress } = page;
    const complete = progress.done && progress.ordered;
    return { rows: page.entries, count: progress.matches, complete, hasMore: !complete, end: undefined };
  }

  /**
   * Matches `offset`… for a reader that wants them all (an export): while the host is still
   * reading and has no more yet, it waits for the next progress. `done`: none follow.
   */
  async read(offset: number, limit: number, signal: AbortSignal): Promise<{ entries: RecordEntry[]; done: boolean }> {
    for (;;) {
      signal.throwIfAborted();
      const page = await this.page(offset, limit);
      const { progress } = page;
      const finished = progress.done && progress.ordered;
      if (page.entries.length > 0 || finished) return { entries: page.entries, done: finished && offset + page.entries.length >= progress.matches };
      await new Promise<void>((resolve) => {
        const stop = this.subscribe(() => {
          stop();
          resolve();
        });
        signal.addEventListener('abort', () => {
          stop();
          resolve();
        });
      });
    }
  }

  /** Stops the host reading; what was found stays. */
  async cancel(): Promise<void> {
    const id = this.openedId;
    if (!id) return;
    const { progress } = await this.client.call('query.cancel', { id });
    this.update({ progress });
  }

  /** The data changed: the next page runs the query again. */
  restart(): void {
    this.forget();
  }

  close(): void {
    this.closed = true;
    this.stopEvents();
    this.forget();
    this.listeners.clear();
  }

  private async page(offset: number, limit: number): Promise<{ entries: RecordEntry[]; progress: QueryProgressPayload }> {
    for (let attempt = 0; ; attempt++) {
      const id = await this.opened();
      try {
        const page = await this.client.call('query.page', { id, offset, limit });
        if (this.openedId === id) this.update({ progress: page.progress });
        return page;
      } catch (error) {
        // Forgotten by the host (dropped as old, or a restarted engine process): run it again, once.
        if ((error as { code?: string }).code !== 'NOT_FOUND' || attempt > 0) throw error;
        if (this.openedId === id) this.forget();
      }
    }
  }

  private opened(): Promise<string> {
    if (this.closed) return Promise.reject(new Error('This view was closed'));
    this.id ??= this.client.call('query.open', { tree: this.tree, query: this.query }).then(
      ({ id, plan, progress }) => {
        this.openedId = id;
        this.update({ plan, progress, error: undefined });
        return id;
      },
      (error: unknown) => {
        this.id = undefined;
        this.update({ error: error instanceof Error ? error.message : String(error) });
        throw error;
      },
    );
    return this.id;
  }

  private forget(): void {
    const id = this.openedId;
    this.id = undefined;
    this.openedId = undefined;
    if (id) this.client.call('query.close', { id }).catch(() => undefined);
  }

  private onEvent(event: HostEvents['query']): void {
    if (event.id === this.openedId) this.update({ progress: event.progress });
  }

  private update(patch: Partial<QueryState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener(this.state);
  }
}

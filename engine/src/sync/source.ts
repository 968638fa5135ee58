/**
 * The server's side of sync, over its engine: who it is, what changed since a
 * replica's cursor (from the change log, or a paged snapshot when the log no
 * longer reaches back), applying a replica's mutations once each, and handing
 * out id blocks. The socket, credentials and permissions are the server
 * process's (app/server); everything here is checked data in, data out.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, TrellisError } from '../errors.js';
import type { Engine } from '../core/engine.js';
import { readLoggedTransaction } from '../core/changes.js';
import { keyText, type TreeModel } from '../core/tree-model.js';
import type { WriteContext } from '../core/write-context.js';
import type { KeyValue } from '../schema/key-brand.js';
import { autoKey } from '../core/meta.js';
import { SERVER_KEY, syncStore } from './sync-store.js';
import { storedRelease } from '../core/release-state.js';
import type { IdBlockResult, Mutation, MutationOutcome, Op, PullResult, PushResult, RecordChange, SnapshotPage, Welcome } from './protocol.js';
import { ForbiddenError, ProtocolError } from './sync-errors.js';
import { CheckedOutError, allLeases, assertCheckedOut, isLive, leaseKey, leaseOf, type Lease } from './leases.js';

/** Outcomes kept per client for replicas that ask again (a push whose answer was lost). */
const OUTCOMES_KEPT = 10_000;

/** Answers whether a client may read or write a tree (the server's permissions); everything, when absent. */
export type TreeAccess = (tree: string, access: 'read' | 'write') => boolean;

/** Who asks: the replica, the user its token names, and what that user may do. */
export interface Caller {
  readonly clientId: string;
  readonly user: string;
  /** May break another user's check-out. */
  readonly admin: boolean;
  readonly access: TreeAccess;
}

/** A check-out taken, given back or broken: every connected replica is told. */
export type LeaseListener = (change: { readonly tree: string; readonly key: unknown; readonly lease: Lease | null }) => void;

export class SyncSource {
  readonly serverId: string;
  /** A hash of every stored tree (a replica is sent the hash of the trees it may read). */
  readonly catalogHash: string;
  /** Trees whose records must be checked out before they are changed or deleted. */
  readonly checkOutTrees: ReadonlySet<string>;
  /** Trees where the last edit to reach the server wins: a stale base is no conflict there. */
  readonly lastWriterWinsTrees: ReadonlySet<string>;
  private readonly leaseListeners = new Set<LeaseListener>();

  /** The time leases are measured by (a test may move it on instead of waiting). */
  now: () => number = Date.now;

  private constructor(readonly engine: Engine, serverId: string, policy: Policy) {
    this.serverId = serverId;
    this.catalogHash = catalogHashOf(engine.catalog.trees);
    this.checkOutTrees = new Set(policy.checkOut ?? []);
    this.lastWriterWinsTrees = new Set(policy.lastWriterWins ?? []);
  }

  /**
   * The server's UUID is made on first use and kept in the database: a copy of the file is the same server.
   * Each list of `given` replaces the stored one (trees that require check-out, trees where the last writer wins).
   */
  static async over(engine: Engine, given: Policy = {}): Promise<SyncSource> {
    for (const tree of [...(given.checkOut ?? []), ...(given.lastWriterWins ?? [])]) engine.model(tree); // an unknown tree is refused by name
    if (given.checkOut || given.lastWriterWins) {
      await engine.transaction(() => {
        const stored = (syncStore(engine).get(POLICY_KEY) as Policy | undefined) ?? {};
        syncStore(engine).put(POLICY_KEY, { ...stored, ...(given.checkOut ? { checkOut: given.checkOut } : {}), ...(given.lastWriterWins ? { lastWriterWins: given.lastWriterWins } : {}) });
      });
    }
    const store = syncStore(engine);
    let id = (store.get(SERVER_KEY) as { id?: string } | undefined)?.id;
    if (id === undefined) {
      id = randomUUID();
      const made = id;
      id = await engine.transaction(() => {
        const existing = (store.get(SERVER_KEY) as { id?: string } | undefined)?.id;
        if (existing !== undefined) return existing;
        store.put(SERVER_KEY, { id: made });
        return made;
      });
    }
    return new SyncSource(engine, id, (syncStore(engine).get(POLICY_KEY) as Policy | undefined) ?? {});
  }

  welcome(caller: Caller): Welcome {
    const trees = Object.fromEntries(Object.entries(this.engine.catalog.trees).filter(([name]) => caller.access(name, 'read')));
    return {
      serverId: this.serverId,
      catalogHash: catalogHashOf(trees), // of the trees this caller is sent: a replica holds those
      user: caller.user,
      admin: caller.admin,
      trees,
      revision: this.engine.revision(),
      lastMutationId: this.lastMutationId(caller.clientId),
      checkOut: [...this.checkOutTrees],
      leases: allLeases(this.engine).filter((lease) => caller.access(lease.tree, 'read')),
    };
  }

  onLease(listener: LeaseListener): () => void {
    this.leaseListeners.add(listener);
    return () => this.leaseListeners.delete(listener);
  }

  /** Takes (or renews) a check-out; refused while another replica holds a live one. */
  async checkOut(caller: Caller, tree: string, rawKey: unknown, minutes: number): Promise<Lease> {
    if (!caller.access(tree, 'write')) throw new ForbiddenError(`this client may not write ${tree}: it cannot check out its records`);
    const model = this.engine.model(tree);
    const key = model.key.check(rawKey);
    const lease = await this.engine.transaction(() => {
      const held = leaseOf(this.engine, tree, key);
      if (held && held.clientId !== caller.clientId && isLive(held, this.now())) {
        throw new CheckedOutError(`${tree} ${keyText(key)} is checked out by ${held.user} until ${new Date(held.expires).toISOString()}`);
      }
      const now = this.now();
      const taken: Lease = { tree, key, user: caller.user, clientId: caller.clientId, since: now, expires: now + minutes * 60_000 };
      syncStore(this.engine).put(leaseKey(tree, key), taken);
      return taken;
    });
    this.tellLease(tree, key, lease);
    return lease;
  }

  /** Gives a check-out back (the holder), or breaks it (`force`: an administrator). */
  async checkIn(caller: Caller, tree: string, rawKey: unknown, force: boolean): Promise<boolean> {
    const model = this.engine.model(tree);
    const key = model.key.check(rawKey);
    if (force && !caller.admin) throw new ForbiddenError(`only an administrator may break a check-out (${caller.user} is not one)`);
    const removed = await this.engine.transaction(() => {
      const held = leaseOf(this.engine, tree, key);
      if (!held) return false;
      if (held.clientId !== caller.clientId && !force) {
        throw new CheckedOutError(`${tree} ${keyText(key)} is checked out by ${held.user}, not by this replica: only they or an administrator can end it`);
      }
      return syncStore(this.engine).remove(leaseKey(tree, key));
    });
    if (removed) this.tellLease(tree, key, null);
    return removed;
  }

  private tellLease(tree: string, key: unknown, lease: Lease | null): void {
    for (const listener of this.leaseListeners) listener({ tree, key, lease });
  }

  /** Every record changed after `since`, once each with its value now; trees the client may not read are left out. */
  pull(since: number, limit: number, { access }: Pick<Caller, 'access'> = EVERYTHING): PullResult {
    const now = this.engine.revision();
    if (since > now) throw new ProtocolError(`the replica's cursor ${since} is past this server's revision ${now}: it was made from another copy of the database`);
    if (since === now) return { kind: 'changes', to: now, changes: [], more: false };
    const touched = new Map<string, { model: TreeModel; key: KeyValue; revision: number }>();
    let expected = since + 1;
    let to = since;
    for (const entry of this.engine.changeLog.entries({ after: since, end: now + 1 })) {
      const logged = readLoggedTransaction(entry.key, entry.value);
      if (!logged?.changes || logged.first !== expected) return { kind: 'snapshot-needed', revision: now };
      if (touched.size >= limit) break;
      logged.changes.forEach(([tree, key], i) => {
        const model = this.engine.models.get(tree);
        if (model && access(tree, 'read')) touched.set(`${tree}/${keyText(key)}`, { model, key, revision: logged.first + i });
      });
      expected = logged.last + 1;
      to = logged.last;
    }
    if (to === since) return { kind: 'snapshot-needed', revision: now };
    const changes = [...touched.values()].map(({ model, key, revision }) => this.changeOf(model, key, revision));
    return { kind: 'changes', to, changes, more: to < now };
  }

  /** A page of every record, tree by tree in name order, after `after`. */
  snapshot(after: { tree: string; key: unknown } | undefined, limit: number, { access }: Pick<Caller, 'access'> = EVERYTHING): SnapshotPage {
    const at = this.engine.revision();
    const names = Object.keys(this.engine.catalog.trees).filter((name) => access(name, 'read')).sort();
    const total = names.reduce((sum, name) => sum + this.engine.records(this.engine.model(name)).count(), 0);
    const records: RecordChange[] = [];
    for (const name of names) {
      if (after && name < after.tree) continue;
      const model = this.engine.model(name);
      const from = after && name === after.tree ? model.key.check(after.key) : undefined;
      for (const entry of this.engine.records(model).entries(from === undefined ? {} : { after: from })) {
        const key = entry.key as KeyValue;
        records.push(this.changeOf(model, key, entry.version, entry.value));
        if (records.length >= limit) return { at, records, next: { tree: name, key }, total };
      }
    }
    return { at, records, next: null, total };
  }

  /** Applies each mutation once, in order, each whole or not at all, with its outcome. */
  async push(caller: Caller, mutations: readonly Mutation[]): Promise<PushResult> {
    // All in one event turn: their transactions run in order and share one commit.
    const outcomes = await Promise.all(mutations.map((mutation) => this.apply(caller, mutation)));
    return { outcomes, lastMutationId: this.lastMutationId(caller.clientId) };
  }

  /** Moves the tree's counter past a block of `size` ids and hands the block out: ids no other replica gets. */
  async idBlock(tree: string, size: number): Promise<IdBlockResult> {
    const model = this.engine.model(tree);
    if (model.stored.key.kind !== 'auto') throw new ProtocolError(`${tree} does not take auto-increment keys: it needs no id block`);
    return this.engine.transaction((context) => {
      const last = ((this.engine.meta.get(autoKey(model.storage)) as number | undefined) ?? 0) + size;
      context.raiseAutoCounter(model, last);
      return { tree, first: last - size + 1, last };
    });
  }

  lastMutationId(clientId: string): number {
    return (syncStore(this.engine).get(['client', clientId]) as number | undefined) ?? 0;
  }

  /**
   * One mutation, in a transaction of its own with its outcome. Called for every mutation of a push in one
   * event turn, so their transactions share one commit (the backend batches them, each in a child
   * transaction rolled back alone). A mutation already taken answers its kept outcome; a stale base or a
   * missing check-out is found before anything is written, so its outcome commits with the others.
   */
  private async apply(caller: Caller, mutation: Mutation): Promise<MutationOutcome> {
    const { clientId } = caller;
    const store = syncStore(this.engine);
    try {
      return await this.engine.transaction((context) => {
        const kept = store.get(['outcome', clientId, mutation.id]) as MutationOutcome | undefined;
        if (kept) return kept; // taken before (its answer was lost): the same answer, never a second application
        if (mutation.id <= this.lastMutationId(clientId) - OUTCOMES_KEPT) return { id: mutation.id, status: 'applied', revisions: [] };
        const stale = this.staleOp(caller, mutation);
        if (stale) {
          const outcome = this.failed(mutation, stale);
          this.taken(clientId, outcome);
          return outcome;
        }
        const revisions = mutation.ops.map((op) => this.applyOp(context, op));
        for (const written of context.written) store.put(['writer', written.tree, keyText(written.key)], [clientId, written.revision]);
        const outcome: MutationOutcome = { id: mutation.id, status: 'applied', revisions };
        this.taken(clientId, outcome);
        return outcome;
      });
    } catch (error) {
      if (!(error instanceof TrellisError)) throw error; // the store failed: nothing was taken, the replica sends it again
      // Refused part-way (a value, a reference, a unique index): rolled back, its outcome kept in a transaction of its own.
      const outcome = this.failed(mutation, error);
      await this.engine.transaction(() => this.taken(clientId, outcome));
      return outcome;
    }
  }

  /** The first op the caller may not apply as it stands: no permission, a stale base, no check-out. */
  private staleOp({ clientId, access }: Caller, mutation: Mutation): TrellisError | undefined {
    for (const op of mutation.ops) {
      if (!access(op.tree, 'write')) return new ForbiddenError(`this client may not write ${op.tree}: the mutation was not applied`);
      const model = this.engine.model(op.tree);
      const key = model.key.check(op.key);
      const current = this.engine.records(model).getEntry(key);
      const stale = (current?.version ?? null) !== op.base && !this.wroteLast(clientId, model, key, current?.version);
      if (stale && !this.lastWriterWinsTrees.has(model.name)) {
        return new ConflictError(model.name, key, op.base ?? 0, current?.version);
      }
      // A record that exists is edited or deleted: where the tree requires it, only under this replica's live check-out.
      if (current && this.checkOutTrees.has(model.name)) {
        try {
          assertCheckedOut(this.engine, clientId, model.name, key, this.now());
        } catch (error) {
          if (error instanceof TrellisError) return error;
          throw error;
        }
      }
    }
    return undefined;
  }

  private failed(mutation: Mutation, error: TrellisError): MutationOutcome {
    return {
      id: mutation.id,
      status: error instanceof ConflictError ? 'conflict' : 'refused',
      code: error.code,
      message: error.message,
      current: mutation.ops.map((op) => this.currentOf(op)),
    };
  }

  private applyOp(context: WriteContext, op: Op): number {
    const model = this.engine.model(op.tree);
    const key = model.key.check(op.key);
    // A record already gone is deleted as asked (only a last-writer-wins tree lets a stale delete this far).
    if (op.value === null) {
      if (this.engine.records(model).getEntry(key)) context.delete(model, key);
    } else context.put(model, key, op.value, 'json');
    return context.written.findLast((w) => w.tree === model.name && keyText(w.key) === keyText(key))?.revision ?? this.engine.revision();
  }

  /**
   * Whether the record is as this client's own earlier mutation left it: a replica bases every edit of a
   * record on the server revision it last pulled, so its second edit before the next pull names the revision
   * its first replaced. Another writer since then (sync or not) leaves a revision this entry does not name.
   */
  private wroteLast(clientId: string, model: TreeModel, key: KeyValue, version: number | undefined): boolean {
    const writer = syncStore(this.engine).get(['writer', model.name, keyText(key)]) as [string, number] | undefined;
    if (!writer || writer[0] !== clientId) return false;
    return version === undefined ? this.deletedBy(writer[1], model, key) : writer[1] === version;
  }

  /** Whether the record's last change in the log is the deletion at `revision` (nothing wrote it since). */
  private deletedBy(revision: number, model: TreeModel, key: KeyValue): boolean {
    const id = keyText(key);
    for (const entry of this.engine.changeLog.entries({ after: revision - 1, end: this.engine.revision() + 1 })) {
      const logged = readLoggedTransaction(entry.key, entry.value);
      if (!logged?.changes) return false;
      for (const [i, [tree, k]] of logged.changes.entries()) {
        if (tree === model.name && keyText(k) === id && logged.first + i !== revision) return false;
      }
    }
    return true;
  }

  private taken(clientId: string, outcome: MutationOutcome): void {
    const store = syncStore(this.engine);
    // The highest taken: a refusal recorded after later mutations of its push must not move it back.
    store.put(['client', clientId], Math.max(outcome.id, this.lastMutationId(clientId)));
    store.put(['outcome', clientId, outcome.id], outcome);
    for (const old of [...store.keys({ start: ['outcome', clientId], end: ['outcome', clientId, outcome.id - OUTCOMES_KEPT] })]) store.remove(old);
  }

  private currentOf(op: Op): { value: unknown; revision: number } | null {
    const model = this.engine.models.get(op.tree);
    if (!model) return null;
    let key: KeyValue;
    try {
      key = model.key.check(op.key);
    } catch {
      return null;
    }
    const entry = this.engine.records(model).getEntry(key);
    return entry ? { value: jsonOf(model, entry.value), revision: entry.version } : null;
  }

  private changeOf(model: TreeModel, key: KeyValue, revision: number, stored?: unknown): RecordChange {
    const entry = stored === undefined ? this.engine.records(model).getEntry(key) : { value: stored, version: revision };
    if (!entry) return { tree: model.name, key, value: null, revision };
    const state = storedRelease(this.engine, model, key);
    const release = state && { release: { released: state.released !== undefined, lifecycle: state.lifecycle } };
    return { tree: model.name, key, value: jsonOf(model, entry.value), revision: entry.version, ...release };
  }
}

const EVERYTHING: Pick<Caller, 'access'> = { access: () => true };
const POLICY_KEY = ['policy'];

/** How the server treats some trees, kept in its database: a start that names a list replaces it. */
interface Policy {
  readonly checkOut?: readonly string[] | undefined;
  readonly lastWriterWins?: readonly string[] | undefined;
}

function jsonOf(model: TreeModel, value: unknown): unknown {
  const json = model.codec.toJson(value);
  return json.ok ? json.value : value;
}

/** A hash of the stored trees: a replica pins it, and a server whose schema changed is noticed. */
export function catalogHashOf(trees: object): string {
  return createHash('sha256').update(stableJson(trees)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

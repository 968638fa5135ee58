/**
 * A host whose engine runs in a process of its own (./engine-process.ts), for
 * the processes a user looks at: the web host and Electron's main process.
 * LMDB has no page checksums, and a damaged page can end the process that
 * reads it; here it ends only the engine process. Calls it was answering get
 * CORRUPT with what the integrity check can say, and meanwhile a new engine
 * process opens the same database, so the UI stays up and can go on elsewhere.
 * An engine that read damage and lived (it answered CORRUPT) is replaced too,
 * before the next call: LMDB read bytes it could not trust, and its memory may
 * be damaged with them (seen: glibc's "corrupted double-linked list" abort at
 * the next database.open in such a process, damage trial 21 of seed 20261204).
 *
 * The contract is the same as app/host's `createHost` (this is a Host).
 */
import { resolve } from 'node:path';
import type { EventName, HostErrorPayload, HostEvents } from '../contract/index.js';
import { Emitter, type Log } from '../host/emitter.js';
import { fileRecentList, type HostAnswer, type Host, type ReplicaTarget } from '../host/index.js';
import { describeEnding, forkNodeProcess, type ProcessChannel, type ProcessEnding, type SpawnProcess } from './channel.js';
import { checkIntegrityAside, type IntegrityFinding } from './integrity-check.js';
import type { EngineStart, FromEngine } from './messages.js';

export interface IsolatedHostOptions {
  readonly path: string;
  readonly readOnly?: boolean | undefined;
  /** `path` is a replica of this server (app/host's HostOptions.replica): each engine opens it as one. */
  readonly replica?: ReplicaTarget | undefined;
  /** The "Open Recent" file; every database opened is added to it. */
  readonly recentFile?: string | undefined;
  readonly log?: Log | undefined;
  readonly watchIntervalMs?: number | undefined;
  /** How to start the engine and integrity processes (default: Node children; Electron passes utility processes). */
  readonly spawn?: SpawnProcess | undefined;
  /** How to describe damage after a crash (default: the integrity check in a child). */
  readonly checkIntegrity?: ((path: string) => Promise<IntegrityFinding>) | undefined;
}

export interface IsolatedHost extends Host {
  /** The running engine process, if any (for diagnostics and tests). */
  readonly enginePid: number | undefined;
}

/** A database that kills its engine this often is left closed until the user opens one. */
const RESTARTS = { max: 5, windowMs: 60_000 };

interface Engine {
  readonly channel: ProcessChannel;
  readonly pending: Map<number, { method: string; resolve: (answer: HostAnswer) => void }>;
  /** Set once the process is gone. */
  ended: boolean;
  /** Set once it answered CORRUPT: it read damage, and is replaced before the next call. */
  readDamage: boolean;
}

export async function createIsolatedHost(options: IsolatedHostOptions): Promise<IsolatedHost> {
  const host = new IsolatedHostImpl(options);
  const opened = await host.startEngine(resolve(options.path), options.readOnly ?? false);
  if (!opened.ok) {
    await host.close();
    throw Object.assign(new Error(opened.error.message), { code: opened.error.code });
  }
  return host;
}

class IsolatedHostImpl implements IsolatedHost {
  private readonly log: Log;
  private readonly emitter: Emitter;
  private readonly spawn: SpawnProcess;
  private engine: Engine | undefined;
  /** The database the engine has open (from its `ready` and `database` messages): what a restart reopens. */
  private database: { path: string; readOnly: boolean } | undefined;
  /** The last revision the UI was told of: a restart re-reads only if the database moved on meanwhile. */
  private revision = -1;
  /** Why there is no engine, when it could not be brought back. */
  private down: HostErrorPayload | undefined;
  private readonly restarts: number[] = [];
  /** While a dead engine's calls are answered and another is started: calls wait for it. */
  private recovering: Promise<void> | undefined;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: IsolatedHostOptions) {
    this.log = options.log ?? ((message, error) => console.error(`trellis host: ${message}`, ...(error === undefined ? [] : [error])));
    this.emitter = new Emitter(this.log);
    this.spawn = options.spawn ?? forkNodeProcess;
  }

  get path(): string {
    return this.closed ? '' : (this.database?.path ?? '');
  }

  get enginePid(): number | undefined {
    return this.engine?.ended === false ? this.engine.channel.pid : undefined;
  }

  on<E extends EventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  async handle(method: unknown, args: unknown): Promise<HostAnswer> {
    const engine = this.engine;
    if (engine?.readDamage === true && !engine.ended && this.recovering === undefined) {
      this.recovering = this.replace(engine).finally(() => (this.recovering = undefined));
    }
    if (this.recovering) await this.recovering;
    if (this.closed) return failure({ code: 'NO_DATABASE', message: 'The host is closed; no database is open' });
    if (!this.engine) return this.handleWithoutEngine(method, args);
    return this.call(this.engine, method, args);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.emitter.clear();
    const engine = this.engine;
    if (!engine || engine.ended) return;
    const gone = new Promise<void>((wake) => engine.channel.onExit(() => wake()));
    engine.channel.send({ type: 'close' });
    const timer = setTimeout(() => engine.channel.kill(), 10_000);
    await gone;
    clearTimeout(timer);
  }

  /** Starts an engine process on `path`; answers as `database.open` would. */
  async startEngine(path: string, readOnly: boolean): Promise<HostAnswer> {
    const sessionReadOnly = this.options.readOnly ?? false;
    const replica = this.options.replica && { ...this.options.replica, path: resolve(this.options.path) };
    const start: EngineStart = { path, readOnly: readOnly || sessionReadOnly, sessionReadOnly, recentFile: this.options.recentFile, watchIntervalMs: this.options.watchIntervalMs, replica };
    const channel = this.spawn('engine-process', []);
    const engine: Engine = { channel, pending: new Map(), ended: false, readDamage: false };
    const started = new Promise<HostAnswer>((settle) => {
      channel.onMessage((raw) => {
        const message = raw as FromEngine;
        if (message.type === 'ready') {
          this.database = { path: message.path, readOnly: start.readOnly };
          settle({ ok: true, result: undefined });
        } else if (message.type === 'start-failed') {
          settle({ ok: false, error: message.error });
        } else {
          this.receive(engine, message);
        }
      });
      channel.onExit((ending) => {
        engine.ended = true;
        settle({ ok: false, error: { code: 'CORRUPT', message: `${path} cannot be opened: ${describeEnding(ending)}` } });
        if (this.engine !== engine) {
          // A start that failed (its caller has the answer), or an engine replaced after it read damage.
          if (engine.readDamage && (ending.signal !== null || ending.code !== 0)) this.log(`the engine process replaced after it read damage ended (${describeEnding(ending)}) as it closed`);
          answerLeftBehind(engine, { code: 'CORRUPT', message: `${path}: the engine process ended (${describeEnding(ending)}) after it read damage` });
          return;
        }
        this.recovering = this.engineEnded(engine, ending).finally(() => (this.recovering = undefined));
      });
    });
    channel.send({ type: 'start', start });
    const answer = await started;
    if (!answer.ok || this.closed) {
      if (!engine.ended) channel.send({ type: 'close' });
      return this.closed ? failure({ code: 'NO_DATABASE', message: 'The host is closed; no database is open' }) : answer;
    }
    this.engine = engine;
    this.down = undefined;
    const info = await this.call(engine, 'database.info', {});
    if (info.ok) this.revision = (info.result as HostEvents['database']).revision;
    return info;
  }

  private call(engine: Engine, method: unknown, args: unknown): Promise<HostAnswer> {
    if (engine.ended) return Promise.resolve(this.unavailable());
    const id = this.nextId++;
    return new Promise((resolve) => {
      engine.pending.set(id, { method: describeCall(method, args), resolve });
      try {
        engine.channel.send({ type: 'call', id, method, args });
      } catch (error) {
        // Arguments the channel cannot carry (nested too deep for its serializer, a function): answered
        // as the engine would answer arguments that are not plain JSON, and `handle` never rejects.
        engine.pending.delete(id);
        resolve(failure({ code: 'BAD_REQUEST', message: `Bad arguments for ${describeCall(method, args)}: they cannot be sent to the engine (${(error as Error).message})` }));
      }
    });
  }

  private receive(engine: Engine, message: FromEngine): void {
    if (message.type === 'answer') {
      const waiting = engine.pending.get(message.id);
      engine.pending.delete(message.id);
      const answer = JSON.parse(message.json) as HostAnswer;
      if (!answer.ok && answer.error.code === 'CORRUPT') engine.readDamage = true;
      waiting?.resolve(answer);
      if (retired(engine, this.engine)) closeWhenIdle(engine);
    } else if (message.type === 'event') {
      if (retired(engine, this.engine)) return; // what the new engine has open is what the UI is told of
      if (message.name === 'database') {
        const info = message.payload as HostEvents['database'];
        this.database = { path: info.path, readOnly: info.lockedReadOnly };
        this.revision = info.revision;
      } else if (message.name === 'changes') {
        this.revision = Math.max(this.revision, (message.payload as HostEvents['changes']).revision);
      }
      this.emitter.emit(message.name, message.payload as never);
    } else if (message.type === 'log') {
      this.log(message.message, message.detail);
    }
  }

  /** Without an engine, only opening a database (or listing recent ones) can be answered. */
  private async handleWithoutEngine(method: unknown, args: unknown): Promise<HostAnswer> {
    if (method === 'database.recent') {
      return { ok: true, result: { paths: this.options.recentFile === undefined ? [] : fileRecentList(this.options.recentFile).list() } };
    }
    if (method === 'database.open' && isOpenArgs(args)) {
      const answer = await this.startEngine(resolve(args.path), args.readOnly ?? false);
      if (answer.ok) this.emitter.emit('database', answer.result as HostEvents['database']);
      return answer;
    }
    return this.unavailable();
  }

  private unavailable(): HostAnswer {
    return failure(this.down ?? { code: 'NO_DATABASE', message: 'No database is open' });
  }

  /** The engine process is gone: answer what it was doing, then bring the database back if it was ours to lose. */
  private async engineEnded(engine: Engine, ending: ProcessEnding): Promise<void> {
    this.engine = undefined;
    const database = this.database;
    if (this.closed || !database) {
      for (const waiting of engine.pending.values()) waiting.resolve(failure({ code: 'NO_DATABASE', message: 'The host is closed; no database is open' }));
      return;
    }
    const doing = [...new Set([...engine.pending.values()].map((waiting) => waiting.method))].join(', ') || 'nothing';
    this.log(`the engine process ended (${describeEnding(ending)}) while answering ${doing}`);
    const crash = `${database.path} is damaged where ${doing === 'nothing' ? 'the engine' : doing} read it: the engine process ended (${describeEnding(ending)}).`;
    // The integrity check reads the whole database (up to its timeout on a large one): the calls the
    // dead engine was answering wait for what it says, while a new engine serves every other call.
    const check = this.options.checkIntegrity ?? ((path: string) => checkIntegrityAside(path, this.spawn));
    const pending = [...engine.pending.values()];
    engine.pending.clear();
    void check(database.path)
      .then(
        (finding) => finding.sentence,
        (error: unknown) => `The integrity check could not run: ${String(error)}`,
      )
      .then((integrity) => {
        for (const waiting of pending) waiting.resolve(failure({ code: 'CORRUPT', message: `${crash} ${integrity}` }));
      });
    if (this.closed) return;
    await this.restart(database, { code: 'CORRUPT', message: crash });
  }

  /** A new engine on the same database takes over from one that read damage; the old one closes once its calls are answered. */
  private async replace(engine: Engine): Promise<void> {
    const database = this.database;
    if (this.closed || !database) return;
    this.log('the engine process read damage (it answered CORRUPT): a new one takes over, as its memory may be damaged too');
    this.engine = undefined;
    closeWhenIdle(engine); // or once the calls it holds are answered (see receive)
    await this.reopen(database);
  }

  private async restart(database: { path: string; readOnly: boolean }, damage: HostErrorPayload): Promise<void> {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && this.restarts[0]! < now - RESTARTS.windowMs) this.restarts.shift();
    if (this.restarts.length > RESTARTS.max) {
      this.down = { code: 'CORRUPT', message: `${damage.message} It stopped the engine ${this.restarts.length} times within a minute, so it is closed: open it again, or another database, to go on.` };
      return;
    }
    await this.reopen(database);
  }

  /** A new engine on `database`, after the last one ended or was replaced. */
  private async reopen(database: { path: string; readOnly: boolean }): Promise<void> {
    const seen = this.revision;
    const answer = await this.startEngine(database.path, database.readOnly);
    if (!answer.ok) {
      this.down = answer.error;
      return;
    }
    // Writes by other processes while no engine watched are not known: if there were any, the UI
    // re-reads what it shows. Only then: a re-read of the damaged rows would end the new engine too.
    const info = answer.result as HostEvents['database'];
    if (info.revision !== seen) this.emitter.emit('changes', { revision: info.revision, changes: [], resync: true });
  }
}

/** `records.page on notes`: what a call was reading, for the damage report. */
function describeCall(method: unknown, args: unknown): string {
  const name = typeof method === 'string' ? method.slice(0, 100) : '(call)';
  const tree = typeof args === 'object' && args !== null ? (args as { tree?: unknown }).tree : undefined;
  return typeof tree === 'string' ? `${name} on ${tree.slice(0, 100)}` : name;
}

/** An engine that read damage and was replaced: it only finishes the calls it holds. */
function retired(engine: Engine, current: Engine | undefined): boolean {
  return engine.readDamage && engine !== current;
}

/** Closes a retired engine once it holds no call. */
function closeWhenIdle(engine: Engine): void {
  if (engine.pending.size === 0 && !engine.ended) engine.channel.send({ type: 'close' });
}

/** Calls still waiting on an engine that is gone, and no longer the host's. */
function answerLeftBehind(engine: Engine, error: HostErrorPayload): void {
  for (const waiting of engine.pending.values()) waiting.resolve(failure(error));
  engine.pending.clear();
}

function failure(error: HostErrorPayload): HostAnswer {
  return { ok: false, error };
}

function isOpenArgs(args: unknown): args is { path: string; readOnly?: boolean } {
  if (typeof args !== 'object' || args === null) return false;
  const { path, readOnly } = args as { path?: unknown; readOnly?: unknown };
  return typeof path === 'string' && path.length > 0 && (readOnly === undefined || typeof readOnly === 'boolean');
}

/**
 * Answers asked for ahead of need. The boot script asks for what the first
 * screen shows (boot/first-screen.ts) while the browser is still fetching and
 * compiling the app; the app's own first call with the same method and
 * arguments takes that answer instead of asking again.
 *
 * An answer is taken once. A host event (records changed, another database),
 * a lost connection, or EXPIRE_MS without a taker drop every answer not yet
 * taken: a taker subscribes to events when it asks, so it never holds an
 * answer older than what its own listeners will hear about.
 */
import type { ArgsOf, MethodName, ResultOf } from '../../../app/contract/index.js';
import type { Connection, HostClient } from './host-client.js';

/** Long enough for a slow first load; the answers are only meant for the first screen. */
const EXPIRE_MS = 10_000;

interface Ahead {
  readonly answer: Promise<unknown>;
  /** Set once the answer arrived (a failed one is never peeked: its taker gets the failure). */
  arrived?: { readonly result: unknown };
}

export interface PrefetchingClient extends HostClient {
  /** Asks now; the first `call` with the same method and arguments takes this answer. */
  prefetch<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
}

export function withPrefetch(connection: Connection): PrefetchingClient {
  const ahead = new Map<string, Ahead>();
  const dropAll = () => ahead.clear();
  // Registered before any of the app's listeners, so these run first.
  connection.on('changes', dropAll);
  connection.on('database', dropAll);
  connection.onStatus((status) => status !== 'connected' && dropAll());

  return {
    kind: connection.kind,
    call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      const key = callKey(method, args);
      const found = ahead.get(key);
      if (!found) return connection.call(method, args);
      ahead.delete(key);
      return found.answer as Promise<ResultOf<M>>;
    },
    peek<M extends MethodName>(method: M, args: ArgsOf<M>): ResultOf<M> | undefined {
      return ahead.get(callKey(method, args))?.arrived?.result as ResultOf<M> | undefined;
    },
    prefetch<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      const key = callKey(method, args);
      const answer = connection.call(method, args);
      const entry: Ahead = { answer };
      ahead.set(key, entry);
      answer.then(
        (result) => (entry.arrived = { result }),
        () => undefined, // the taker sees the failure; unhandled only if nobody takes it, which is fine
      );
      setTimeout(() => ahead.get(key) === entry && ahead.delete(key), EXPIRE_MS);
      return answer;
    },
    on: (event, listener) => connection.on(event, listener),
    status: () => connection.status(),
    onStatus: (listener) => connection.onStatus(listener),
    pathForFile: (file) => connection.pathForFile(file),
  };
}

/** The method and its arguments as text, with object keys sorted (callers build args in any order). */
export function callKey(method: string, args: unknown): string {
  return `${method} ${JSON.stringify(args, (_key, value: unknown) => (isPlainObject(value) ? sortKeys(value) : value))}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return sorted;
}

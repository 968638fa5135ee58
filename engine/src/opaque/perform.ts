/**
 * A batch of requests — reads, path reads, inserts, puts, updates, deletes,
 * writes at the end of a path — run in order in one transaction (qlib's
 * `perform`): one result per request, or, when one fails, nothing written and
 * the failing request named (RequestFailedError keeps its code). A later
 * request may use the key an earlier insert or put produced: `{ "$key": n }`
 * anywhere in its key or value stands for request n's key. What a tool sends
 * over one round trip to move a subtree or swap two references atomically.
 */
import { InvalidQueryError, TrellisError, safeStringify } from '../errors.js';
import { RequestFailedError } from '../request-errors.js';
import type { Engine } from '../core/engine.js';
import type { ValueForm, WriteContext } from '../core/write-context.js';
import type { KeyValue } from '../schema/key-brand.js';
import { compiledPath, resolvePath, type PathResolution } from '../core/path-resolve.js';
import { writeAtPath } from '../core/path-write.js';
import { textEntry, type OpaqueEntry } from './text-entry.js';

interface Addressed<Tree extends string> {
  readonly tree: Tree;
  readonly key: unknown;
}

/** One request of a batch; `Tree` narrows tree names (the typed face gives its schema's). */
export type PerformRequest<Tree extends string = string> =
  | ({ readonly op: 'get' } & Addressed<Tree>)
  | ({ readonly op: 'path'; readonly path: string; readonly lenient?: boolean; readonly limit?: number } & Addressed<Tree>)
  | { readonly op: 'insert'; readonly tree: Tree; readonly value: unknown }
  | ({ readonly op: 'put'; readonly value: unknown; readonly ifRevision?: number; readonly create?: boolean } & Addressed<Tree>)
  /** A shallow patch: the fields given replace the record's (as the typed face's `update` with an object). */
  | ({ readonly op: 'update'; readonly patch: Readonly<Record<string, unknown>>; readonly ifRevision?: number } & Addressed<Tree>)
  | ({ readonly op: 'delete'; readonly ifRevision?: number } & Addressed<Tree>)
  | ({ readonly op: 'setPath'; readonly path: string; readonly value: unknown; readonly ifRevision?: number } & Addressed<Tree>);

export type PerformResult =
  | { readonly op: 'get'; readonly entry: OpaqueEntry | null }
  | { readonly op: 'path'; readonly resolution: PathResolution }
  /** The record written (for setPath: the last record the path reached) and the revision the write gave it. */
  | { readonly op: 'insert' | 'put' | 'update' | 'setPath'; readonly tree: string; readonly key: KeyValue; readonly revision: number }
  | { readonly op: 'delete'; readonly deleted: boolean };

/** A batch is one transaction: its size is bounded like an import batch's, so one call cannot hold the write lock for long. */
export const MAX_BATCH_REQUESTS = 10_000;

const READS = new Set(['get', 'path']);

/** Runs `requests` in order; values in text form (`json`, the opaque face) or native (the typed face). */
export async function perform(engine: Engine, requests: readonly PerformRequest[], form: ValueForm): Promise<PerformResult[]> {
  checkBatch(requests);
  // Reads alone take no write lock, so a read-only database answers them too.
  if (requests.every((r) => READS.has(r.op))) {
    engine.assertOpen();
    return requests.map((request, i) => run(engine, undefined, request, i, [], form));
  }
  return engine.transaction((context) => {
    const results: PerformResult[] = [];
    for (const [i, request] of requests.entries()) results.push(run(engine, context, request, i, results, form));
    return results;
  });
}

function run(engine: Engine, context: WriteContext | undefined, request: PerformRequest, i: number, earlier: readonly PerformResult[], form: ValueForm): PerformResult {
  try {
    const withKeys = <T>(value: T): T => keysFilledIn(value, i, earlier, request.tree) as T;
    const model = engine.model(request.tree);
    switch (request.op) {
      case 'get': {
        const key = model.key.check(withKeys(request.key));
        const entry = engine.records(model).getEntry(key);
        if (!entry) return { op: 'get', entry: null };
        return { op: 'get', entry: form === 'json' ? textEntry(engine, model, key, entry.value, entry.version) : { key, value: entry.value, revision: entry.version } };
      }
      case 'path': {
        const plan = compiledPath(engine, request.tree, request.path);
        const resolution = resolvePath(engine, plan, model, withKeys(request.key), form, { lenient: request.lenient, limit: request.limit, hops: true });
        return { op: 'path', resolution };
      }
      case 'insert':
        return written('insert', engine, request.tree, context!.insert(model, withKeys(request.value), form));
      case 'put': {
        const options = { ifRevision: request.ifRevision, create: request.create };
        return written('put', engine, request.tree, context!.put(model, withKeys(request.key), withKeys(request.value), form, options));
      }
      case 'update': {
        const patch = withKeys(request.patch);
        if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new InvalidQueryError(request.tree, 'an update request gives `patch`, an object of the fields to change');
        const key = model.key.check(withKeys(request.key));
        context!.update(model, key, (current) => ({ ...(current as object), ...patch }), form, { ifRevision: request.ifRevision });
        return written('update', engine, request.tree, key);
      }
      case 'delete':
        return { op: 'delete', deleted: context!.delete(model, withKeys(request.key), { ifRevision: request.ifRevision }) };
      case 'setPath': {
        const plan = compiledPath(engine, request.tree, request.path);
        const at = writeAtPath(context!, engine, plan, model, withKeys(request.key), withKeys(request.value), form, { ifRevision: request.ifRevision });
        return written('setPath', engine, at.tree, at.key);
      }
    }
  } catch (error) {
    if (error instanceof TrellisError) throw new RequestFailedError(i, describe(request), error);
    throw error;
  }
}

function written(op: 'insert' | 'put' | 'update' | 'setPath', engine: Engine, tree: string, key: KeyValue): PerformResult {
  const model = engine.model(tree);
  return { op, tree, key, revision: engine.records(model).getEntry(key)!.version };
}

/** `{ "$key": n }` anywhere in `value` → the key request n (an earlier insert or put) produced. */
function keysFilledIn(value: unknown, at: number, earlier: readonly PerformResult[], tree: string): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.some(holdsPlaceholder) ? value.map((v) => keysFilledIn(v, at, earlier, tree)) : value;
  const placeholder = placeholderOf(value);
  if (placeholder !== undefined) {
    const source = earlier[placeholder];
    if (placeholder >= at || !source) throw new InvalidQueryError(tree, `{ "$key": ${placeholder} } names request ${placeholder}, which does not come before request ${at}`);
    if (source.op !== 'insert' && source.op !== 'put') throw new InvalidQueryError(tree, `{ "$key": ${placeholder} } names request ${placeholder} (${source.op}): only an insert or a put produces a key`);
    return source.key;
  }
  if (!holdsPlaceholder(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keysFilledIn(v, at, earlier, tree)]));
}

function placeholderOf(value: object): number | undefined {
  const keys = Object.keys(value);
  const n = (value as { $key?: unknown }).$key;
  return keys.length === 1 && keys[0] === '$key' && Number.isSafeInteger(n) && (n as number) >= 0 ? (n as number) : undefined;
}

/** Whether a placeholder sits anywhere inside: values without one are passed on as they are (no copy). */
function holdsPlaceholder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Date || value instanceof Uint8Array) return false;
  if (Array.isArray(value)) return value.some(holdsPlaceholder);
  return placeholderOf(value) !== undefined || Object.values(value).some(holdsPlaceholder);
}

const OPS = new Set(['get', 'path', 'insert', 'put', 'update', 'delete', 'setPath']);

/** The batch's shape, checked before anything runs (the host's contract checks it too; a JavaScript caller may not). */
function checkBatch(requests: readonly PerformRequest[]): void {
  if (!Array.isArray(requests)) throw new InvalidQueryError('(batch)', 'a batch is a list of requests');
  if (requests.length > MAX_BATCH_REQUESTS) throw new InvalidQueryError('(batch)', `a batch has at most ${MAX_BATCH_REQUESTS} requests (this one has ${requests.length}): split it`);
  for (const [i, request] of requests.entries()) {
    const r = request as Partial<Record<string, unknown>> | null;
    if (typeof r !== 'object' || r === null || !OPS.has(r['op'] as string)) {
      throw new RequestFailedError(i, 'unknown', new InvalidQueryError('(batch)', `request ${i} has no known op (get, path, insert, put, update, delete, setPath)`));
    }
    if (typeof r['tree'] !== 'string') throw new RequestFailedError(i, String(r['op']), new InvalidQueryError('(batch)', `request ${i} names no tree`));
    if ((r['op'] === 'path' || r['op'] === 'setPath') && typeof r['path'] !== 'string') throw new RequestFailedError(i, String(r['op']), new InvalidQueryError(r['tree'], `request ${i} gives no path`));
  }
}

function describe(request: PerformRequest): string {
  const key = 'key' in request ? ` ${safeStringify(request.key)}` : '';
  const path = 'path' in request ? ` '${request.path}'` : '';
  return `${request.op} ${request.tree}${key}${path}`;
}


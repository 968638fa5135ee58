/**
 * Paths across records and request batches (issue 13): a path from one record
 * with its hops labelled (the record panel's path bar), one path from each
 * record of a table block (a path column: one call per block, a record whose
 * path stops answers where and why instead of failing the call), and
 * records.perform, the engine's batch in one transaction. Every answer is
 * bounded: results per path, records per call, requests per batch.
 */
import { BadPathError, ConflictError, RequestFailedError, type OpaqueDatabase, type PathResolution, type PerformRequest as EngineRequest, type PerformResult as EngineResult } from '@trellis/engine';
import { MAX_PAGE, MAX_PERFORM_PATH_RESULTS, type ArgsOf, type PathMatch, type PathStop, type PerformResult } from '../../contract/index.js';
import { fail } from '../error-payload.js';
import { LabelReader } from '../labels.js';
import { keyText, wireEntry, wireKey } from '../wire-forms.js';
import { defined, type Handlers } from './handler.js';
import { PathLabels } from '../path-labels.js';

/** Results per record of a path column when the call does not say: a cell shows a count and the first few. */
const CELL_RESULTS = 5;
/** Results a batch's path request gives when it does not say (the engine's own default is 1,000). */
const PERFORM_PATH_RESULTS = 100;

type Request = ArgsOf<'records.perform'>['requests'][number];

export const recordPathHandlers: Handlers<'records.resolvePath' | 'records.resolvePaths' | 'records.perform'> = {
  'records.resolvePath': ({ session }, args) => {
    const db = session.db;
    const resolution = db.resolve({ tree: args.tree, key: args.key }, args.path, { limit: args.limit ?? MAX_PAGE });
    const labels = new PathLabels(db, new LabelReader(db), args.tree, args.path);
    const matches = resolution.matches.map((match) => wireMatch(match, labels));
    return { matches, truncated: resolution.truncated, ...defined({ labels: labels.all(resolution.matches) }) };
  },

  'records.resolvePaths': ({ session }, args) => {
    const db = session.db;
    const limit = args.limit ?? CELL_RESULTS;
    const labels = new PathLabels(db, new LabelReader(db), args.tree, args.path);
    const found: PathResolution['matches'][number][] = [];
    const rows = args.keys.map((key) => {
      try {
        const resolution = db.resolve({ tree: args.tree, key }, args.path, { limit });
        found.push(...resolution.matches);
        return { matches: resolution.matches.map((match) => wireMatch(match, labels)), truncated: resolution.truncated };
      } catch (error) {
        // Data that does not lead on, for this record only; a path that does not fit the schema (INVALID_PATH) fails the call.
        if (error instanceof BadPathError) return { stopped: pathStop(error) };
        throw error;
      }
    });
    return { rows, ...defined({ labels: labels.all(found) }) };
  },

  'records.perform': async ({ session }, args) => {
    const db = session.db;
    // Reads alone change nothing: a read-only session answers them too.
    if (!args.requests.every((request) => request.op === 'get' || request.op === 'path')) session.assertWritable();
    const pathResults = args.requests.reduce((sum, request) => sum + (request.op === 'path' ? (request.limit ?? PERFORM_PATH_RESULTS) : 0), 0);
    if (pathResults > MAX_PERFORM_PATH_RESULTS) {
      fail({ code: 'BAD_REQUEST', message: `The path requests of a batch ask for at most ${MAX_PERFORM_PATH_RESULTS} results together (their limits, ${PERFORM_PATH_RESULTS} when absent); these ask for ${pathResults}: split the batch` });
    }
    const results = await withConflictDetail(db, () => db.perform(args.requests.map(engineRequest)));
    return { results: results.map((result, i) => wireResult(result, args.requests[i]!)) };
  },
};

/** The engine's request: the contract's `expectedRevision` is the engine's `ifRevision`; a path request is always bounded. */
function engineRequest(request: Request): EngineRequest {
  switch (request.op) {
    case 'get':
    case 'insert':
      return request;
    case 'path':
      return { ...request, limit: request.limit ?? PERFORM_PATH_RESULTS };
    case 'put':
    case 'update':
    case 'delete':
    case 'setPath': {
      const { expectedRevision, ...rest } = request;
      return { ...rest, ...defined({ ifRevision: expectedRevision }) } as EngineRequest;
    }
  }
}

function wireResult(result: EngineResult, request: Request): PerformResult {
  switch (result.op) {
    case 'get':
      return { op: 'get', entry: result.entry ? wireEntry(request.tree, result.entry) : null };
    case 'path':
      return { op: 'path', matches: result.resolution.matches.map((match) => wireMatch(match)), truncated: result.resolution.truncated };
    case 'delete':
      return { op: 'delete', deleted: result.deleted };
    default:
      return { op: result.op, tree: result.tree, key: wireKey(result.key), text: keyText(result.tree, result.key), revision: result.revision };
  }
}

/** A match in wire form: its hops with their key text (and label, when `labels` are read); no `value` where a lenient path stopped. */
function wireMatch(match: PathResolution['matches'][number], labels?: PathLabels): PathMatch {
  const hops = match.hops.map((hop) => {
    const text = keyText(hop.tree, hop.key);
    return { tree: hop.tree, key: wireKey(hop.key), text, revision: hop.revision, ...defined({ label: labels?.ofRecord(hop.tree, hop.key, text) }) };
  });
  return match.value === undefined ? { hops } : { value: match.value, hops };
}

function pathStop(error: BadPathError): PathStop {
  return { step: error.step, stepText: error.stepText, at: keyText(error.at.tree, error.at.key), reason: error.reason, message: error.message };
}

/** A stale `expectedRevision` in a batch answers CONFLICT with the record as it is now, as records.put does, and the request's position. */
async function withConflictDetail<T>(db: OpaqueDatabase, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof RequestFailedError) || !(error.cause instanceof ConflictError)) throw error;
    const { tree, key } = error.cause;
    const current = db.tree(tree).get(key);
    return fail({ code: 'CONFLICT', message: error.message, request: error.request, current: current ? wireEntry(tree, current) : null });
  }
}

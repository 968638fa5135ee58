/**
 * One call, start to finish: the method must be in the contract, the
 * arguments plain JSON matching its schema (the same TypeBox schema that
 * types the client), then the handler runs and its result must be plain JSON.
 * Every failure becomes an error payload; `dispatch` never throws.
 */
import { Compile } from 'typebox/compile';
import { METHOD_NAMES, methods, type HostErrorPayload, type MethodName } from '../contract/index.js';
import { toErrorPayload } from './error-payload.js';
import { plainJsonProblem } from './plain-json.js';
import { databaseHandlers } from './handlers/database.js';
import { indexHandlers } from './handlers/index-lookup.js';
import { recordReadHandlers } from './handlers/records-read.js';
import { recordSearchHandlers } from './handlers/records-search.js';
import { recordWriteHandlers } from './handlers/records-write.js';
import { recordReleaseHandlers } from './handlers/records-release.js';
import { queryHandlers } from './handlers/query.js';
import { rawReadHandlers } from './handlers/raw-read.js';
import { recordUndoHandlers } from './handlers/records-undo.js';
import { transferHandlers } from './handlers/transfer.js';
import { recordPathHandlers } from './handlers/records-paths.js';
import { syncHandlers } from './handlers/sync.js';
import type { Handler, HandlerContext, Handlers } from './handlers/handler.js';
import type { Log } from './emitter.js';
import type { RecentList } from './recent.js';

export type HostAnswer = { ok: true; result: unknown } | { ok: false; error: HostErrorPayload };

const validators = new Map(METHOD_NAMES.map((name) => [name, Compile(methods[name].args)]));
/** Enough offending places to fix a call, few enough to read. */
const MAX_REPORTED = 8;

export function handlerTable(recent: RecentList | undefined): Handlers<MethodName> {
  return { ...databaseHandlers(recent), ...recordReadHandlers, ...recordWriteHandlers, ...recordReleaseHandlers, ...indexHandlers, ...queryHandlers, ...rawReadHandlers, ...recordUndoHandlers, ...transferHandlers, ...recordSearchHandlers, ...recordPathHandlers, ...syncHandlers };
}

export async function dispatch(
  table: Handlers<MethodName>,
  context: HandlerContext,
  method: unknown,
  args: unknown,
  log: Log,
): Promise<HostAnswer> {
  const name = typeof method === 'string' ? method.slice(0, 100) : `(${typeof method})`;
  try {
    if (typeof method !== 'string' || !Object.hasOwn(methods, method)) {
      return failure({ code: 'UNKNOWN_METHOD', message: `There is no method '${name}' in this host` });
    }
    const known = method as MethodName;
    const badArgs = argumentProblem(known, args);
    if (badArgs) return failure(badArgs);
    const result: unknown = await (table[known] as Handler<MethodName>)(context, args as never);
    const undefinedFields = { seen: false };
    const problem = plainJsonProblem(result, undefined, undefinedFields);
    if (problem !== undefined) {
      log(`${known} produced a result that is not plain JSON: ${problem}`);
      return failure({ code: 'INTERNAL', message: `${known} failed unexpectedly; the details are in the host's log` });
    }
    // Records stored with fields set to undefined (before the engine left them out) are sent as JSON
    // carries them, without those fields, over IPC too: one value whatever the window's transport.
    return { ok: true, result: undefinedFields.seen ? (JSON.parse(JSON.stringify(result)) as unknown) : result };
  } catch (error) {
    try {
      return failure(toErrorPayload(error, name, log));
    } catch {
      return failure({ code: 'INTERNAL', message: `${name} failed unexpectedly` });
    }
  }
}

function argumentProblem(method: MethodName, args: unknown): HostErrorPayload | undefined {
  const notJson = plainJsonProblem(args);
  if (notJson !== undefined) {
    return { code: 'BAD_REQUEST', message: `Bad arguments for ${method}: ${notJson}`, issues: [{ path: notJson.split(':')[0] ?? '', message: notJson }] };
  }
  const validator = validators.get(method)!;
  if (validator.Check(args)) return undefined;
  const issues: { path: string; message: string }[] = [];
  for (const error of validator.Errors(args)) {
    if (issues.some((issue) => issue.path === error.instancePath)) continue;
    issues.push({ path: error.instancePath, message: error.message });
    if (issues.length === MAX_REPORTED) break;
  }
  const listed = issues.map((issue) => `${issue.path || '(arguments)'} ${issue.message}`).join('; ');
  return { code: 'BAD_REQUEST', message: `Bad arguments for ${method}: ${listed}`, issues };
}

function failure(error: HostErrorPayload): HostAnswer {
  return { ok: false, error };
}

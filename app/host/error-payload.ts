/**
 * Every failure as a HostErrorPayload from the contract's closed set. Engine
 * errors keep their code and message (they already say what went wrong) plus
 * the details a UI needs; anything unexpected becomes INTERNAL with a short
 * message, and the details go to the host's log, not to the renderer.
 */
import { BadPathError, describeStorageDamage, InvalidPathError, isTrellisError, ReferencedError, RequestFailedError, ValidationError, type TrellisError } from '@trellis/engine';
import { parsePath } from '@trellis/engine/common/path-syntax';
import { HostError, MAX_ISSUES, type HostErrorPayload } from '../contract/index.js';
import { keyText, wireHolder } from './wire-forms.js';
import type { Log } from './emitter.js';

export function toErrorPayload(error: unknown, method: string, log: Log): HostErrorPayload {
  if (error instanceof HostError) return error.payload;
  if (isTrellisError(error)) return fromEngine(error);
  const damage = describeStorageDamage(error);
  if (damage !== undefined) {
    log(`${method} read damaged data`, error);
    return { code: 'CORRUPT', message: `The database is damaged where ${method} read it: ${damage}. Run npm run verify on it, and restore it from a backup if it fails.` };
  }
  log(`${method} failed unexpectedly`, error);
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { code: 'BAD_REQUEST', message: `${method}: the arguments are nested too deeply to process` };
  }
  return { code: 'INTERNAL', message: `${method} failed unexpectedly; the details are in the host's log` };
}

function fromEngine(error: TrellisError): HostErrorPayload {
  // A batch's failure carries the failing request's own details (issues, holders, path problem) and its position.
  if (error instanceof RequestFailedError) return { ...fromEngine(error.cause), code: error.code, message: error.message, request: error.request };
  const payload = { code: error.code, message: error.message };
  if (error instanceof InvalidPathError) return { ...payload, pathProblem: { step: error.step, text: stepText(error), reason: error.reason, at: error.at } };
  if (error instanceof BadPathError) {
    return { ...payload, pathProblem: { step: error.step, text: error.stepText, reason: error.reason, record: keyText(error.at.tree, error.at.key) } };
  }
  if (error instanceof ValidationError) return { ...payload, issues: error.issues.slice(0, MAX_ISSUES).map(({ path, message }) => ({ path, message })) };
  if (error instanceof ReferencedError) return { ...payload, holders: error.holders.map(wireHolder) };
  return payload;
}

/** Host-made failures: thrown by handlers, passed through as they are. */
export function fail(payload: HostErrorPayload): never {
  throw new HostError(payload);
}

/** The text of the step an INVALID_PATH names (the characters from the problem on, for malformed text). */
function stepText(error: InvalidPathError): string {
  const syntax = error.step > 0 ? parsePath(error.path) : undefined;
  const token = syntax?.ok ? syntax.tokens[error.step - 1] : undefined;
  return token?.text ?? error.path.slice(error.at, error.at + 12);
}

/**
 * Every failure as a HostErrorPayload from the contract's closed set. Engine
 * errors keep their code and message (they already say what went wrong) plus
 * the details a UI needs; anything unexpected becomes INTERNAL with a short
 * message, and the details go to the host's log, not to the renderer.
 */
import { describeStorageDamage, isTrellisError, ReferencedError, ValidationError, type TrellisError } from '@trellis/engine';
import { HostError, MAX_ISSUES, type HostErrorPayload } from '../contract/index.js';
import { wireHolder } from './wire-forms.js';
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
  const payload = { code: error.code, message: error.message };
  if (error instanceof ValidationError) return { ...payload, issues: error.issues.slice(0, MAX_ISSUES).map(({ path, message }) => ({ path, message })) };
  if (error instanceof ReferencedError) return { ...payload, holders: error.holders.map(wireHolder) };
  return payload;
}

/** Host-made failures: thrown by handlers, passed through as they are. */
export function fail(payload: HostErrorPayload): never {
  throw new HostError(payload);
}

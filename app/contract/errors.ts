/**
 * The closed set of error codes a host answers with, and the error the
 * renderer's client throws. The engine's own codes pass through unchanged (they
 * already say what went wrong); the host adds the few that only a transport can
 * produce. No schema library here: the renderer's first script throws
 * HostError, and TypeBox stays out of it (error-payload.ts holds the schemas).
 */
import type { ErrorCode, HostErrorPayload } from './error-payload.js';

export const HOST_ERROR_CODES = [
  /** Arguments that do not match the method's schema, or a message that is not a request. */
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  /** A caller the host does not trust: wrong token, wrong origin, wrong sender frame. */
  'FORBIDDEN',
  /** A write while the session is read-only. Engine's READ_ONLY is the database-level one. */
  'READ_ONLY_SESSION',
  /** No database is open in this host. */
  'NO_DATABASE',
  /** Anything unexpected; the host logs the details, the caller gets a short message. */
  'INTERNAL',
] as const;

export type HostOnlyErrorCode = (typeof HOST_ERROR_CODES)[number];

/** What the renderer's client throws for an error answer. */
export class HostError extends Error {
  override readonly name = 'HostError';
  readonly code: ErrorCode;
  constructor(readonly payload: HostErrorPayload) {
    super(payload.message);
    this.code = payload.code;
  }
}

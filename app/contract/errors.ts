/**
 * The closed set of error codes a host answers with, and the error the
 * renderer's client throws. The engine's own codes pass through unchanged (they
 * already say what went wrong); the host adds the few that only a transport can
 * produce. No schema library here: the renderer's first script throws
 * HostError, and TypeBox stays out of it (error-payload.ts holds the schemas).
 */
import type { ErrorCode, HostErrorPayload } from './error-payload.js';

export { HOST_ERROR_CODES, type HostOnlyErrorCode } from './error-codes.js';

/** What the renderer's client throws for an error answer. */
export class HostError extends Error {
  override readonly name = 'HostError';
  readonly code: ErrorCode;
  constructor(readonly payload: HostErrorPayload) {
    super(payload.message);
    this.code = payload.code;
  }
}

/**
 * The closed set of error codes a host answers with. The engine's own codes
 * pass through unchanged (they already say what went wrong); the host adds the
 * few that only a transport can produce.
 */
import type { TrellisErrorCode } from '@trellis/engine';

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
export type ErrorCode = TrellisErrorCode | HostOnlyErrorCode;

/** One offending place in a value, as the engine reports it (JSON Pointer path). */
export interface IssueDetail {
  readonly path: string;
  readonly message: string;
}

/** A record that still points at the one being deleted. */
export interface HolderDetail {
  readonly tree: string;
  readonly key: unknown;
  readonly text: string;
  readonly path: string;
}

/** An error as it crosses the transport: plain data, never an Error instance. */
export interface HostErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  /** VALIDATION */
  readonly issues?: readonly IssueDetail[];
  /** REFERENCED */
  readonly holders?: readonly HolderDetail[];
  /** CONFLICT: the record as it is now (absent when it was deleted meanwhile). */
  readonly current?: import('./methods.js').RecordEntry | null;
}

/** What the renderer's client throws for an error answer. */
export class HostError extends Error {
  override readonly name = 'HostError';
  readonly code: ErrorCode;
  constructor(readonly payload: HostErrorPayload) {
    super(payload.message);
    this.code = payload.code;
  }
}

/**
 * The errors of paths across records and of request batches (core/path-resolve.ts,
 * core/perform.ts): TrellisErrors like the rest (../errors.ts), kept apart so that
 * file stays one screenful per error.
 */
import { TrellisError, safeStringify, type TrellisErrorCode } from './errors.js';

/** Where a path starts, or the record a step stopped at: a tree and a key. */
export interface PathRecord {
  readonly tree: string;
  readonly key: unknown;
}

/** A path that cannot be read against the schema: malformed text, or a step that does not fit. Nothing was read. */
export class InvalidPathError extends TrellisError {
  readonly code = 'INVALID_PATH';
  constructor(
    readonly tree: string,
    readonly path: string,
    /** The step (1-based) that does not fit; 0 for malformed text. */
    readonly step: number,
    /** Character offset of the problem in `path`. */
    readonly at: number,
    readonly reason: string,
  ) {
    super(`invalid path '${path}' from ${tree} at ${step === 0 ? `character ${at + 1}` : `step ${step}`}: ${reason}`);
  }
}

/**
 * A path whose data does not lead on: a null or absent value, a reference to a record that does not
 * exist, an index past a list's end (qlib's BadIndirection). Names the step and the record it stopped at.
 */
export class BadPathError extends TrellisError {
  readonly code = 'BAD_PATH';
  constructor(
    readonly path: string,
    readonly from: PathRecord,
    /** The step (1-based) that could not be taken; 0: the record the path starts from does not exist. */
    readonly step: number,
    readonly stepText: string,
    /** The record the path stood at when the step failed. */
    readonly at: PathRecord,
    readonly reason: string,
  ) {
    const where = step === 0 ? '' : ` at step ${step} ('${stepText}') on ${at.tree} ${safeStringify(at.key)}`;
    super(`path '${path}' from ${from.tree} ${safeStringify(from.key)} stops${where}: ${reason}`);
  }
}

/**
 * One request of a batch failed, so none of the batch was written. `code` is the failing request's own
 * (a CONFLICT stays a CONFLICT), `request` its position, `cause` the error it met.
 */
export class RequestFailedError extends TrellisError {
  readonly code: TrellisErrorCode;
  constructor(
    readonly request: number,
    readonly operation: string,
    override readonly cause: TrellisError,
  ) {
    super(`request ${request} (${operation}) failed, so no request of the batch was written: ${cause.message}`);
    this.code = cause.code;
  }
}

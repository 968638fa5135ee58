/** The errors of sharing a database (./): TrellisErrors with codes of their own, kept beside the sync code. */
import { TrellisError, type TrellisErrorCode } from '../errors.js';

/** The server is not the one this replica was made from (another UUID), or its schema is not this replica's. Nothing was changed. */
export class WrongServerError extends TrellisError {
  readonly code = 'WRONG_SERVER';
}

/** No credentials, or credentials the server does not know. */
export class UnauthorizedError extends TrellisError {
  readonly code = 'UNAUTHORIZED';
}

/** The credentials are known but may not do this (read or write a tree). */
export class ForbiddenError extends TrellisError {
  readonly code = 'FORBIDDEN';
}

/** A message that breaks the protocol: not JSON, the wrong shape, another version, past a bound. */
export class ProtocolError extends TrellisError {
  readonly code = 'PROTOCOL';
}

/** A replica created offline more records than the id blocks it holds allow: connect to get more. Nothing was written. */
export class NoIdsError extends TrellisError {
  readonly code = 'NO_IDS';
  constructor(readonly tree: string) {
    super(`no ids left for ${tree} in this replica's blocks: connect to the server to get more (nothing was written)`);
  }
}

/** The server cannot be reached (a request that needs it, such as an id block). */
export class OfflineError extends TrellisError {
  readonly code = 'OFFLINE';
}

/**
 * An error the server answered with a code of the closed set that has no class of its own here
 * (UNKNOWN_TREE, INVALID_KEY, …): the code and the server's message, as the server gave them.
 */
export class ServerError extends TrellisError {
  constructor(
    readonly code: TrellisErrorCode,
    message: string,
  ) {
    super(message);
  }
}

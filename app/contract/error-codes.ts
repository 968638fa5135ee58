/**
 * The error codes only a host adds to the engine's: a module of its own, so
 * both the renderer's first script (errors.ts, no schemas) and the payload
 * schemas (error-payload.ts) take them without importing each other.
 */
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
  /** A sync.* call on a database that is not a replica of a Trellis server. */
  'NOT_A_REPLICA',
  /** Anything unexpected; the host logs the details, the caller gets a short message. */
  'INTERNAL',
] as const;

export type HostOnlyErrorCode = (typeof HOST_ERROR_CODES)[number];

/**
 * The closed set of codes the engine's errors carry. A list (not only a type)
 * so that whatever checks an error by its code — the host contract's schema,
 * its tests — takes the codes from here, in any runtime.
 */
export const TRELLIS_ERROR_CODES = [
  'VALIDATION',
  'CONFLICT',
  'NOT_FOUND',
  'DUPLICATE_KEY',
  'UNIQUE_VIOLATION',
  'MISSING_REFERENCE',
  'REFERENCED',
  'UNKNOWN_TREE',
  'UNKNOWN_INDEX',
  'INVALID_KEY',
  'INVALID_QUERY',
  'INVALID_PATH',
  'BAD_PATH',
  'KEY_TOO_LARGE',
  'UNENCODABLE_VALUE',
  'NOT_A_DATABASE',
  'READ_ONLY',
  'INVALID_SCHEMA',
  'INCOMPATIBLE_SCHEMA',
  'STALE_SCHEMA',
  'MIGRATION_FAILED',
  'MIGRATION_MISSING',
  'INDEX_STALE',
  'RELEASED',
  'ASYNC_TRANSACTION',
  'CLOSED',
  'ACCESS_DENIED',
  'CORRUPT',
  'WRONG_SERVER',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PROTOCOL',
  'NO_IDS',
  'OFFLINE',
  'CHECKED_OUT',
] as const;

export type TrellisErrorCode = (typeof TRELLIS_ERROR_CODES)[number];

/**
 * Every failure the engine reports on purpose is a TrellisError with a code from
 * one closed set, so callers (and the browser's host) can switch on `code`
 * instead of parsing messages.
 */

import type { TrellisErrorCode } from './common/error-codes.js';
import { safeStringify } from './common/safe-stringify.js';

export { safeStringify };

export type { TrellisErrorCode };

export abstract class TrellisError extends Error {
  abstract readonly code: TrellisErrorCode;
  override get name(): string {
    return this.constructor.name;
  }
}

/** One offending place in a value: a JSON Pointer path and the reason. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

const LISTED_ISSUES = 20;

export class ValidationError extends TrellisError {
  readonly code = 'VALIDATION';
  constructor(
    readonly tree: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    // The message lists the first issues only: a value can have thousands (every element of a long list).
    const listed = issues.slice(0, LISTED_ISSUES).map((i) => `  ${i.path || '(value)'}: ${i.message}`);
    if (issues.length > LISTED_ISSUES) listed.push(`  … and ${issues.length - LISTED_ISSUES} more`);
    super(`invalid value for tree '${tree}':\n${listed.join('\n')}`);
  }
}

export class ConflictError extends TrellisError {
  readonly code = 'CONFLICT';
  constructor(
    readonly tree: string,
    readonly key: unknown,
    readonly expectedRevision: number,
    readonly actualRevision: number | undefined,
  ) {
    super(
      `revision conflict on ${tree}/${JSON.stringify(key)}: expected revision ${expectedRevision}, ` +
        (actualRevision === undefined ? 'but the record no longer exists' : `found ${actualRevision}`),
    );
  }
}

export class NotFoundError extends TrellisError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly tree: string,
    readonly key: unknown,
  ) {
    super(`no record ${tree}/${JSON.stringify(key)}`);
  }
}

export class DuplicateKeyError extends TrellisError {
  readonly code = 'DUPLICATE_KEY';
  constructor(
    readonly tree: string,
    readonly key: unknown,
  ) {
    super(`a record ${tree}/${JSON.stringify(key)} already exists`);
  }
}

export class UniqueViolationError extends TrellisError {
  readonly code = 'UNIQUE_VIOLATION';
  constructor(
    readonly tree: string,
    readonly index: string,
    readonly value: unknown,
    readonly holder: unknown,
  ) {
    super(
      `unique index ${tree}.${index} already holds ${JSON.stringify(value)} (record ${tree}/${JSON.stringify(holder)})`,
    );
  }
}

export class MissingReferenceError extends TrellisError {
  readonly code = 'MISSING_REFERENCE';
  constructor(
    readonly tree: string,
    readonly path: string,
    readonly target: string,
    readonly targetKey: unknown,
    /** For a reference over existing fields: those fields, whose values make the key. */
    readonly fields?: readonly string[],
  ) {
    super(`${tree}${path}${fields ? ` (${fields.join(', ')})` : ''} refers to ${target}/${JSON.stringify(targetKey)}, which does not exist`);
  }
}

/** A record that something still refers to, refused for deletion. */
export interface ReferenceHolder {
  readonly tree: string;
  readonly path: string;
  readonly key: unknown;
}

export class ReferencedError extends TrellisError {
  readonly code = 'REFERENCED';
  constructor(
    readonly tree: string,
    readonly key: unknown,
    readonly holders: readonly ReferenceHolder[],
  ) {
    super(
      `cannot delete ${tree}/${JSON.stringify(key)}: still referenced by ` +
        holders.map((h) => `${h.tree}/${JSON.stringify(h.key)} (${h.path})`).join(', '),
    );
  }
}

export class UnknownTreeError extends TrellisError {
  readonly code = 'UNKNOWN_TREE';
  constructor(readonly tree: string) {
    super(`no tree named '${tree}' in this database`);
  }
}

export class UnknownIndexError extends TrellisError {
  readonly code = 'UNKNOWN_INDEX';
  constructor(
    readonly tree: string,
    readonly index: string,
  ) {
    super(`tree '${tree}' has no index named '${index}'`);
  }
}

/** A query the engine cannot run as asked: an unknown field, an operator the field's kind has no meaning for, an operand of the wrong sort, a sort too large to do in memory. */
export class InvalidQueryError extends TrellisError {
  readonly code = 'INVALID_QUERY';
  constructor(
    readonly tree: string,
    readonly reason: string,
  ) {
    super(`cannot query tree '${tree}': ${reason}`);
  }
}

export class InvalidKeyError extends TrellisError {
  readonly code = 'INVALID_KEY';
  constructor(
    readonly tree: string,
    readonly key: unknown,
    readonly reason: string,
  ) {
    super(`invalid key for tree '${tree}': ${safeStringify(key)}: ${reason}`);
  }
}

/** Where a too-large key was to go, past the record key itself: an index entry, or a reverse-reference entry. */
export type KeyEntryPlace = { readonly index: string } | { readonly reference: string };

export class KeyTooLargeError extends TrellisError {
  readonly code = 'KEY_TOO_LARGE';
  /** The index whose entry would not fit (absent for a record key or a reference). */
  readonly index: string | undefined;
  /** The reference (its path, e.g. `owner`, `friends[]`) whose reverse entry would not fit. */
  readonly reference: string | undefined;
  constructor(
    readonly tree: string,
    readonly bytes: number,
    readonly limit: number,
    place?: KeyEntryPlace,
  ) {
    const index = place && 'index' in place ? place.index : undefined;
    const reference = place && 'reference' in place ? place.reference : undefined;
    super(
      index !== undefined
        ? `an entry of index '${tree}.${index}' encodes to ${bytes} bytes; the limit is ${limit} (the indexed value is too long)`
        : reference !== undefined
          ? `the reverse-reference entry of '${tree}.${reference}' encodes to ${bytes} bytes; the limit is ${limit} (the referenced key is too long)`
          : `key for tree '${tree}' encodes to ${bytes} bytes; the limit is ${limit}`,
    );
    this.index = index;
    this.reference = reference;
  }
}

export class UnencodableValueError extends TrellisError {
  readonly code = 'UNENCODABLE_VALUE';
  constructor(
    readonly tree: string,
    readonly reason: string,
  ) {
    super(`value for tree '${tree}' cannot be stored: ${reason}`);
  }
}

export class NotADatabaseError extends TrellisError {
  readonly code = 'NOT_A_DATABASE';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is not a Trellis database: ${reason}`);
  }
}

export class ReadOnlyError extends TrellisError {
  readonly code = 'READ_ONLY';
  constructor(readonly path: string) {
    super(`database ${path} is open read-only; writes are refused`);
  }
}

/**
 * Another process changed the database's schema (a new index, field or tree) after this handle
 * opened it: a write made with the old definitions could miss what the new one keeps (an index
 * entry), so it is refused, and nothing is written. Reopen the database to write again.
 */
export class StaleSchemaError extends TrellisError {
  readonly code = 'STALE_SCHEMA';
  constructor(
    readonly path: string,
    readonly openedVersion: number,
    readonly storedVersion: number,
  ) {
    super(
      Number.isInteger(storedVersion)
        ? `the schema of ${path} changed in another process (version ${openedVersion} when opened here, ${storedVersion} now): writes through this handle are refused; reopen the database`
        : // A half version: a migration to the next one runs (core/migrate.ts), or a process died while running it.
          `${path} is being migrated to schema version ${Math.ceil(storedVersion)} (version ${openedVersion} when opened here): writes are refused until the migration ends; then reopen the database (if the process running it died, opening with the code that declares it resumes it)`,
    );
  }
}

/**
 * A migration step failed: its transaction was rolled back with every batch before it, and the
 * database is as the previous migration (or none) left it. Names the step, and the record it was
 * migrating when it failed (`tree` and `key`; absent when it failed outside a record).
 */
export class MigrationFailedError extends TrellisError {
  readonly code = 'MIGRATION_FAILED';
  constructor(
    readonly migration: string,
    readonly tree: string | undefined,
    readonly key: unknown,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    const record = tree === undefined ? '' : ` at ${tree} ${safeStringify(key)}`;
    super(`migration '${migration}' failed${record}: ${reason}; the database is as it was before this migration`, options);
  }
}

/**
 * The database ran a migration the application's code does not declare (it was opened before with
 * newer code): the code would read records shaped by a schema it does not know. Nothing is written.
 */
export class MigrationMissingError extends TrellisError {
  readonly code = 'MIGRATION_MISSING';
  constructor(
    readonly path: string,
    readonly migration: string,
    readonly reason: string,
  ) {
    super(`${path} ran migration '${migration}', which this code does not declare (${reason}); open it with the code that ran it, or later code`);
  }
}

/**
 * A computed index was written past without its function (by a tool without the application's code,
 * or by older code): its entries may be wrong, so it answers no lookup until the application, which
 * has the function, opens the database and rebuilds it.
 */
export class IndexStaleError extends TrellisError {
  readonly code = 'INDEX_STALE';
  constructor(
    readonly tree: string,
    readonly index: string,
    readonly since: number | undefined,
  ) {
    super(
      `index ${tree}.${index} is computed by the application's code and is stale${since === undefined ? '' : ` since revision ${since}`} ` +
        `(a record was written without that code): open the database with the application's schema to rebuild it`,
    );
  }
}

/**
 * A released record was asked to change or to go (directly, or by a cascade or a setNull its
 * deletion would make): released records are final. Nothing was written. Its lifecycle number
 * can still be set, and `newVersion` makes a draft of the next version to edit.
 */
export class ReleasedError extends TrellisError {
  readonly code = 'RELEASED';
  constructor(
    readonly tree: string,
    readonly key: unknown,
    /** What was refused: 'change', 'delete', or a delete of another record that would reach this one. */
    readonly action: string,
    readonly releasedAt: number,
  ) {
    super(
      `${tree} ${safeStringify(key)} was released at revision ${releasedAt} and cannot ${action}; nothing was written ` +
        `(its lifecycle number can still be set; make a new version to edit it)`,
    );
  }
}

export class InvalidSchemaError extends TrellisError {
  readonly code = 'INVALID_SCHEMA';
  constructor(readonly reason: string) {
    super(`invalid schema: ${reason}`);
  }
}

export class IncompatibleSchemaError extends TrellisError {
  readonly code = 'INCOMPATIBLE_SCHEMA';
  constructor(
    readonly tree: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(
      `schema of tree '${tree}' is incompatible with the stored one at ${field || '(tree)'}: ${reason} ` +
        `(a change like this needs a migration: see Migrations in the engine's README)`,
    );
  }
}

export class AsyncTransactionError extends TrellisError {
  readonly code = 'ASYNC_TRANSACTION';
  constructor(
    message = 'transaction callbacks must be synchronous: do asynchronous work before or after the transaction ' +
      '(the transaction was aborted, nothing was written)',
  ) {
    super(message);
  }
}

export class ClosedError extends TrellisError {
  readonly code = 'CLOSED';
  constructor(readonly path: string) {
    super(`database ${path} is closed`);
  }
}

/** The folder or its files cannot be used as asked: no permission, an immutable file, a read-only file system. */
export class AccessDeniedError extends TrellisError {
  readonly code = 'ACCESS_DENIED';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot open ${path}: ${reason}`);
  }
}

/**
 * The data file is damaged where it was read (LMDB has no page checksums, so
 * damage below the header is found only when a page is reached).
 */
export class CorruptError extends TrellisError {
  readonly code = 'CORRUPT';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is damaged: ${reason}`);
  }
}

export function isTrellisError<C extends TrellisErrorCode>(
  error: unknown,
  code?: C,
): error is TrellisError & { code: C } {
  return error instanceof TrellisError && (code === undefined || error.code === code);
}

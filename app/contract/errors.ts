/**
 * The closed set of error codes a host answers with, and the error payload as
 * a TypeBox schema (its type is `Static<>` of it, never restated). The engine's
 * own codes pass through unchanged (they already say what went wrong); the host
 * adds the few that only a transport can produce.
 */
import Type, { type Static } from 'typebox';
import type { TrellisErrorCode } from '@trellis/engine';
import { Holder, Issue, RecordEntry } from './methods.js';

/**
 * The engine's codes as values (the engine exports them only as a type). Keyed
 * by that type, so a code added to or dropped from the engine fails to compile
 * here until this list follows.
 */
const ENGINE_CODES: { readonly [Code in TrellisErrorCode]: true } = {
  VALIDATION: true,
  CONFLICT: true,
  NOT_FOUND: true,
  DUPLICATE_KEY: true,
  UNIQUE_VIOLATION: true,
  MISSING_REFERENCE: true,
  REFERENCED: true,
  UNKNOWN_TREE: true,
  UNKNOWN_INDEX: true,
  INVALID_KEY: true,
  KEY_TOO_LARGE: true,
  UNENCODABLE_VALUE: true,
  NOT_A_DATABASE: true,
  READ_ONLY: true,
  INVALID_SCHEMA: true,
  INCOMPATIBLE_SCHEMA: true,
  ASYNC_TRANSACTION: true,
  CLOSED: true,
  ACCESS_DENIED: true,
  CORRUPT: true,
};
export const ENGINE_ERROR_CODES = Object.keys(ENGINE_CODES) as TrellisErrorCode[];

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
export const ErrorCode = Type.Enum([...ENGINE_ERROR_CODES, ...HOST_ERROR_CODES]);
export type ErrorCode = Static<typeof ErrorCode>;

/** One offending place in a value, as the engine reports it (JSON Pointer path). */
export type IssueDetail = Static<typeof Issue>;
/** A record that still points at the one being deleted. */
export type HolderDetail = Static<typeof Holder>;

/** An error as it crosses the transport: plain data, never an Error instance. */
export const HostErrorPayload = Type.Object({
  code: ErrorCode,
  message: Type.String(),
  /** VALIDATION */
  issues: Type.Optional(Type.Array(Issue)),
  /** REFERENCED */
  holders: Type.Optional(Type.Array(Holder)),
  /** CONFLICT: the record as it is now (null when it was deleted meanwhile). */
  current: Type.Optional(Type.Union([RecordEntry, Type.Null()])),
});
export type HostErrorPayload = Static<typeof HostErrorPayload>;

/** What the renderer's client throws for an error answer. */
export class HostError extends Error {
  override readonly name = 'HostError';
  readonly code: ErrorCode;
  constructor(readonly payload: HostErrorPayload) {
    super(payload.message);
    this.code = payload.code;
  }
}

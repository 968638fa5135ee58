/**
 * An error as it crosses the transport, as a TypeBox schema: the types are
 * `Static<>` of it, never restated, and the in-process transport checks error
 * answers against it.
 */
import Type, { type Static } from 'typebox';
import type { TrellisErrorCode } from '@trellis/engine';
import { HOST_ERROR_CODES } from './error-codes.js';
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


/**
 * An error as it crosses the transport, as a TypeBox schema: the types are
 * `Static<>` of it, never restated, and the in-process transport checks error
 * answers against it.
 */
import Type, { type Static } from 'typebox';
import { TRELLIS_ERROR_CODES } from '@trellis/engine/common/error-codes';
import { HOST_ERROR_CODES } from './error-codes.js';
import { Holder, Issue, RecordEntry } from './methods.js';

/** The engine's codes pass through unchanged. */
export const ENGINE_ERROR_CODES = TRELLIS_ERROR_CODES;

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


/**
 * An error as it crosses the transport, as a TypeBox schema: the types are
 * `Static<>` of it, never restated, and the in-process transport checks error
 * answers against it.
 */
import Type, { type Static } from 'typebox';
import { TRELLIS_ERROR_CODES } from '@trellis/engine/common/error-codes';
import { HOST_ERROR_CODES } from './error-codes.js';
import { Holder } from './methods.js';
import { Issue, RecordEntry } from './record-shapes.js';

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
  /**
   * INVALID_PATH and BAD_PATH: the step that does not fit or could not be taken (1-based; 0: the text itself is
   * malformed, or the record the path starts from is not there), its text and why. INVALID_PATH adds `at`, the
   * character offset in the path; BAD_PATH adds `record`, the OpaqueKey text of the record the path stood at.
   */
  pathProblem: Type.Optional(
    Type.Object({
      step: Type.Integer({ minimum: 0 }),
      text: Type.String(),
      reason: Type.String(),
      at: Type.Optional(Type.Integer({ minimum: 0 })),
      record: Type.Optional(Type.String()),
    }),
  ),
  /** records.perform: the position of the request that failed (nothing of the batch was written). */
  request: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type HostErrorPayload = Static<typeof HostErrorPayload>;


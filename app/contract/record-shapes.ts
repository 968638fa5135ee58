/**
 * The shapes most methods share: a key in JSON form, a record as the renderer
 * sees it, the labels an answer carries. A module of their own, so that the
 * method tables (methods.ts, raw.ts, paths.ts) and the error payload can all
 * build on them without importing each other.
 */
import Type, { type Static } from 'typebox';
import { MAX_PAGE } from './limits.js';

export const KeyPart = Type.Union([Type.String({ maxLength: 4096 }), Type.Number(), Type.Boolean()]);
/** A record key in JSON form: a part, or a tuple of parts for composite keys. */
export const JsonKey = Type.Union([KeyPart, Type.Array(KeyPart, { minItems: 1, maxItems: 32 })]);
export type JsonKey = Static<typeof JsonKey>;

export const TreeName = Type.String({ minLength: 1, maxLength: 256 });
export const Limit = Type.Integer({ minimum: 1, maximum: MAX_PAGE });
export const Revision = Type.Integer({ minimum: 0 });

/** One offending place in a value (JSON Pointer path); error payloads use it too (errors.ts). */
export const Issue = Type.Object({ path: Type.String(), message: Type.String() });

/**
 * A record of a versioned tree: released (final: it never changes again, RELEASED) or a draft,
 * and its lifecycle number (the application's own state, settable even when released). The
 * engine's ReleaseState; `revision`: of the last release or lifecycle change, absent if none.
 */
export const ReleaseState = Type.Object({
  released: Type.Boolean(),
  /** The revision that released it; absent for a draft. */
  releasedAt: Type.Optional(Revision),
  lifecycle: Type.Integer({ minimum: 0 }),
  revision: Type.Optional(Revision),
});
export type ReleaseState = Static<typeof ReleaseState>;

/** A record as the renderer sees it; `value` is absent and `problems` set when the stored value does not decode. */
export const RecordEntry = Type.Object({
  key: JsonKey,
  /** The canonical OpaqueKey text, e.g. `users/42`. */
  text: Type.String(),
  revision: Revision,
  /** The schema version the record was written under; absent when it predates the catalog's history. */
  schemaVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  value: Type.Optional(Type.Unknown()),
  problems: Type.Optional(Type.Array(Issue)),
  /** In a versioned tree (`TreeSummary.versioned`), its release state; absent in other trees. */
  release: Type.Optional(ReleaseState),
});
export type RecordEntry = Static<typeof RecordEntry>;

/**
 * Labels of the records an answer's records refer to (common/labels.ts), by OpaqueKey text:
 * `{ 'states/["FR","IDF"]': 'Île-de-France' }`. Resolved by the host in the same call, so a page
 * shows its references' labels without a request per reference; a target without a label (or
 * missing) is left out, and so are references past the host's bound (app/host/labels.ts).
 */
export const Labels = Type.Record(Type.String(), Type.String());
export type Labels = Static<typeof Labels>;

/**
 * Any LMDB environment, read-only: the shapes of the raw.* methods (methods.ts).
 * Keys cross as lowercase hex of their bytes (the cursor to continue after);
 * keys and values also come decoded as text, each by the decoder asked for.
 */
import Type, { type Static } from 'typebox';
import { RAW_DECODERS } from '@trellis/engine/common/raw-decoders';
import { MAX_PAGE, MAX_RAW_CELL_CHARS, MAX_RAW_FULL_CHARS } from './limits.js';

export { MAX_RAW_CELL_CHARS, MAX_RAW_FULL_CHARS };

export const RawDecoderName = Type.Enum(RAW_DECODERS);
export type RawDecoder = Static<typeof RawDecoderName>;

/** A database's name; '' is the unnamed main database. */
export const RawDatabaseName = Type.String({ maxLength: 511 });

/** Key bytes as hex: LMDB keys are at most 1,978 bytes here. */
export const RawKeyHex = Type.String({ maxLength: 4096, pattern: '^([0-9a-f]{2})*$' });

export const RawDatabase = Type.Object({
  name: Type.String(),
  count: Type.Integer({ minimum: 0 }),
  /** The decoders that read its first entries best. */
  keyDecoder: RawDecoderName,
  valueDecoder: RawDecoderName,
});
export type RawDatabase = Static<typeof RawDatabase>;

/** A key or value as text: `failed` when the decoder could not read it (the text is hex then, and `reason` says why). */
export const RawCell = Type.Object({
  decoder: RawDecoderName,
  text: Type.String(),
  truncated: Type.Boolean(),
  failed: Type.Boolean(),
  reason: Type.Optional(Type.String()),
  bytes: Type.Integer({ minimum: 0 }),
});
export type RawCell = Static<typeof RawCell>;

export const RawEntry = Type.Object({ key: RawKeyHex, keyCell: RawCell, valueCell: RawCell });
export type RawEntry = Static<typeof RawEntry>;

/** How to decode: absent means the guess (raw.databases). */
const Decoders = {
  keyDecoder: Type.Optional(RawDecoderName),
  valueDecoder: Type.Optional(RawDecoderName),
};

export const rawMethods = {
  /** The environment's databases: named ones in name order, then '' (the main database) where data is kept there. */
  'raw.databases': { args: Type.Object({}), result: Type.Object({ databases: Type.Array(RawDatabase) }) },
  /**
   * A page of entries in key order, cells cut at MAX_RAW_CELL_CHARS. Continue with `after`
   * (the last key's hex: keyset paging); `offset` is for jumps (LMDB skips keys natively).
   */
  'raw.page': {
    args: Type.Object({
      database: RawDatabaseName,
      limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE }),
      after: Type.Optional(RawKeyHex),
      offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
      ...Decoders,
    }),
    result: Type.Object({ entries: Type.Array(RawEntry), count: Type.Integer({ minimum: 0 }), hasMore: Type.Boolean() }),
  },
  /** One entry, its value whole (up to MAX_RAW_FULL_CHARS) and pretty-printed: the record panel's. */
  'raw.get': {
    args: Type.Object({ database: RawDatabaseName, key: RawKeyHex, ...Decoders }),
    result: Type.Object({ entry: Type.Union([RawEntry, Type.Null()]) }),
  },
} as const;

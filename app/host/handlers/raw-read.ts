/**
 * raw.*: reading an LMDB environment without a Trellis catalog, open
 * read-only (session.raw). Keys travel as hex of their bytes; keys and values
 * also as text, decoded as asked or by the database's guess.
 */
import type { RawEnvironment, RawEntry as RawBytes, RawCellOptions } from '@trellis/engine';
import { MAX_RAW_CELL_CHARS, MAX_RAW_FULL_CHARS, type RawDecoder, type RawEntry } from '../../contract/index.js';
import type { Handlers } from './handler.js';

interface Decoders {
  readonly keyDecoder?: RawDecoder | undefined;
  readonly valueDecoder?: RawDecoder | undefined;
}

const TABLE_CELL: RawCellOptions = { maxChars: MAX_RAW_CELL_CHARS };
const RECORD_PANEL: RawCellOptions = { maxChars: MAX_RAW_FULL_CHARS, indent: 2 };

export const rawReadHandlers: Handlers<'raw.databases' | 'raw.page' | 'raw.get'> = {
  'raw.databases': ({ session }) => ({ databases: session.raw.databases() }),

  'raw.page': ({ session }, args) => {
    const env = session.raw;
    const decoders = chosen(env, args.database, args);
    const page = env.page(args.database, {
      limit: args.limit,
      ...(args.after === undefined ? {} : { after: Buffer.from(args.after, 'hex') }),
      ...(args.offset === undefined ? {} : { offset: args.offset }),
    });
    return {
      entries: page.entries.map((entry) => wireRawEntry(env, args.database, entry, decoders, TABLE_CELL)),
      count: env.count(args.database),
      hasMore: page.hasMore,
    };
  },

  'raw.get': ({ session }, args) => {
    const env = session.raw;
    const entry = env.get(args.database, Buffer.from(args.key, 'hex'));
    return { entry: entry ? wireRawEntry(env, args.database, entry, chosen(env, args.database, args), RECORD_PANEL) : null };
  },
};

/** The decoders asked for, else the database's guess. */
function chosen(env: RawEnvironment, database: string, asked: Decoders): Required<{ [K in keyof Decoders]: RawDecoder }> {
  if (asked.keyDecoder && asked.valueDecoder) return { keyDecoder: asked.keyDecoder, valueDecoder: asked.valueDecoder };
  const guess = env.summary(database);
  return { keyDecoder: asked.keyDecoder ?? guess.keyDecoder, valueDecoder: asked.valueDecoder ?? guess.valueDecoder };
}

function wireRawEntry(env: RawEnvironment, database: string, entry: RawBytes, decoders: Required<{ [K in keyof Decoders]: RawDecoder }>, options: RawCellOptions): RawEntry {
  return {
    key: Buffer.from(entry.key).toString('hex'),
    keyCell: withoutUndefined(env.cell(database, entry.key, decoders.keyDecoder, options)),
    valueCell: withoutUndefined(env.cell(database, entry.value, decoders.valueDecoder, options)),
  };
}

function withoutUndefined<T extends object>(cell: T): T {
  return Object.fromEntries(Object.entries(cell).filter(([, v]) => v !== undefined)) as T;
}

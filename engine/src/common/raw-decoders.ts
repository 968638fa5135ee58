/**
 * The decoders the raw reader offers for keys and values of an LMDB
 * environment that is not a Trellis database (engine/src/raw), by name: the
 * host contract validates them and the renderer offers them from this list.
 */
export const RAW_DECODERS = ['ordered-binary', 'msgpack', 'json', 'utf8', 'hex'] as const;
export type RawDecoder = (typeof RAW_DECODERS)[number];

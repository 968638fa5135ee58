/**
 * Reading bytes of an LMDB environment that is not a Trellis database. Nothing
 * says how another program encoded its keys and values, so each decoder is
 * tried and judged: lmdb-js's defaults first (ordered-binary keys, msgpack
 * values), then JSON, UTF-8 text and, always possible, hex.
 */
import { Unpackr } from 'msgpackr';
import { fromBufferKey, toBufferKey } from 'ordered-binary';

import type { RawDecoder } from '../common/raw-decoders.js';

export { RAW_DECODERS, type RawDecoder } from '../common/raw-decoders.js';

/** What a decoder made of some bytes; `plausible` is false where it decoded them but the result says they were not its encoding. */
export type RawDecoded = { readonly ok: true; readonly value: unknown; readonly plausible: boolean } | { readonly ok: false; readonly reason: string };

/** The order a guess prefers, for keys and for values (lmdb-js's defaults first; hex is the last resort). */
const KEY_PREFERENCE: readonly RawDecoder[] = ['ordered-binary', 'utf8', 'hex'];
const VALUE_PREFERENCE: readonly RawDecoder[] = ['json', 'msgpack', 'utf8', 'hex'];

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Control characters other than tab, line feed and carriage return: binary, not text. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** A msgpack reader for one database: with the structures lmdb-js's `sharedStructuresKey` stored there, if any. */
export function msgpackReader(structures?: unknown): Unpackr {
  return new Unpackr({ mapsAsObjects: true, ...(Array.isArray(structures) ? { structures: structures as object[][] } : {}) });
}

/** lmdb-js keeps a database's shared msgpack structures under this key when opened with `sharedStructuresKey: Symbol.for('structures')`. */
export const SHARED_STRUCTURES_KEY: Uint8Array = toBufferKey(Symbol.for('structures'));

export function decodeBytes(bytes: Uint8Array, decoder: RawDecoder, msgpack: Unpackr): RawDecoded {
  try {
    switch (decoder) {
      case 'hex':
        return { ok: true, value: Buffer.from(bytes).toString('hex'), plausible: true };
      case 'utf8': {
        const text = utf8.decode(bytes);
        return { ok: true, value: text, plausible: !hasControlCharacters(text) };
      }
      case 'json':
        return { ok: true, value: JSON.parse(utf8.decode(bytes)) as unknown, plausible: true };
      case 'msgpack': {
        const values = msgpack.unpackMultiple(Buffer.from(bytes));
        if (!Array.isArray(values) || values.length !== 1) return { ok: false, reason: `the bytes hold ${Array.isArray(values) ? values.length : 'no'} msgpack values, not one` };
        return { ok: true, value: values[0], plausible: true };
      }
      case 'ordered-binary': {
        const buffer = Buffer.from(bytes);
        const value: unknown = fromBufferKey(buffer);
        // ordered-binary reads almost anything; only bytes it would write again for that value are its own.
        if (!Buffer.from(toBufferKey(value as never)).equals(buffer)) return { ok: false, reason: 'the bytes are not an ordered-binary key (they do not encode back to themselves)' };
        // Bytes it does not recognise come back as a buffer: decodable, but not evidence of the encoding.
        return { ok: true, value, plausible: !(value instanceof Uint8Array) };
      }
    }
  } catch (error) {
    return { ok: false, reason: `not ${decoder}: ${(error as Error).message}` };
  }
}

/**
 * The decoder that reads the most samples plausibly, in the order preferred for
 * keys or values; with no samples, lmdb-js's default for the role.
 */
export function guessDecoder(samples: readonly Uint8Array[], role: 'key' | 'value', msgpack: Unpackr): RawDecoder {
  const preference = role === 'key' ? KEY_PREFERENCE : VALUE_PREFERENCE;
  if (samples.length === 0) return role === 'key' ? 'ordered-binary' : 'msgpack';
  let best: RawDecoder = 'hex';
  let bestScore = 0;
  for (const decoder of preference) {
    const score = samples.filter((bytes) => {
      const decoded = decodeBytes(bytes, decoder, msgpack);
      return decoded.ok && decoded.plausible;
    }).length;
    if (score === samples.length) return decoder;
    if (score > bestScore) [best, bestScore] = [decoder, score];
  }
  return best;
}

/**
 * One key or value of a raw environment as text to show, decoded as asked. A
 * decoder that fails shows the bytes in hex and says why (`failed`, `reason`):
 * one unreadable value never takes a table down.
 */
import type { Unpackr } from 'msgpackr';
import { decodeBytes, type RawDecoder } from './raw-decoders.js';
import { printRaw } from './raw-text.js';

export interface RawCell {
  /** The decoder asked for (not hex when it failed: `failed` says the text is hex instead). */
  readonly decoder: RawDecoder;
  readonly text: string;
  /** The text stops short of the whole value (it ends with `…`). */
  readonly truncated: boolean;
  readonly failed: boolean;
  /** Why the decoder failed. */
  readonly reason?: string;
  /** The size of the stored bytes. */
  readonly bytes: number;
}

export interface CellOptions {
  readonly maxChars: number;
  /** Spaces per level for structured values; 0 prints on one line (table cells). */
  readonly indent?: number;
}

export function rawCell(bytes: Uint8Array, decoder: RawDecoder, msgpack: Unpackr, options: CellOptions): RawCell {
  const decoded = decodeBytes(bytes, decoder, msgpack);
  if (!decoded.ok) return { decoder, ...hexOf(bytes, options.maxChars), failed: true, reason: decoded.reason, bytes: bytes.byteLength };
  // Text decoders show their text as it is; structured ones print JSON5.
  const printed = typeof decoded.value === 'string' && (decoder === 'utf8' || decoder === 'hex')
    ? asText(decoded.value, options.maxChars)
    : printRaw(decoded.value, { maxChars: options.maxChars, indent: options.indent ?? 0 });
  return { decoder, ...printed, failed: false, bytes: bytes.byteLength };
}

/** Hex of no more bytes than `maxChars` can show. */
function hexOf(bytes: Uint8Array, maxChars: number): { text: string; truncated: boolean } {
  const shown = Math.min(bytes.byteLength, Math.floor(maxChars / 2));
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, shown).toString('hex');
  return shown < bytes.byteLength ? { text: `${hex}…`, truncated: true } : { text: hex, truncated: false };
}

function asText(text: string, maxChars: number): { text: string; truncated: boolean } {
  return text.length <= maxChars ? { text, truncated: false } : { text: `${text.slice(0, maxChars)}…`, truncated: true };
}

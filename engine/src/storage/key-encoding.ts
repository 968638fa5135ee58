/**
 * The key encoding both backends share: lmdb-js's own, ordered-binary, with one
 * repair. ordered-binary escapes the characters U+0000-U+0004 only in strings
 * shorter than 64 UTF-16 units; longer strings are copied as raw UTF-8, where
 * those characters read as its escape byte (4), end-of-string marks (1-3) or the
 * separator between tuple parts (0). Such keys sorted out of code point order
 * and came back as other keys (`'…\0b'` as `['…', 'b']`). Here every string is
 * written the way ordered-binary writes short ones, so the bytes of all other
 * keys are unchanged, and ordered-binary's `readKey` reads both forms.
 */
import { enableNullTermination, readKey, writeKey as writeOrderedKey } from 'ordered-binary';

/** ordered-binary's short-string path ends below this length (0x40 UTF-16 units). */
const SHORT_STRING = 0x40;
// eslint-disable-next-line no-control-regex -- the characters ordered-binary must escape
const ESCAPED = /[\u0000-\u0004]/;

const needsEscaping = (part: unknown): boolean => typeof part === 'string' && part.length >= SHORT_STRING && ESCAPED.test(part);

/** Same contract as ordered-binary's `writeKey`: writes at `position`, returns the end; RangeError when out of room. */
export function writeKey(key: unknown, target: Uint8Array, position: number, inSequence = false): number {
  if (typeof key === 'string' && needsEscaping(key)) return terminate(writeText(key, target, position), target, inSequence);
  if (Array.isArray(key) && key.some(needsEscaping)) {
    for (let i = 0; i < key.length; i++) {
      if (i > 0) target[position++] = 0; // the separator between parts
      position = writeKey(key[i], target, position, true);
    }
    return terminate(position, target, inSequence);
  }
  return writeOrderedKey(key as never, target, position, inSequence);
}

export { readKey };

/** For lmdb-js's `keyEncoder` option (having `enableNullTermination` keeps its default key handling). */
export const keyEncoder = { writeKey, readKey, enableNullTermination };

let scratch = Buffer.allocUnsafeSlow(8192);

/** A key's bytes, as LMDB stores and compares them. */
export function encodeKey(key: unknown): Buffer {
  for (;;) {
    try {
      const end = writeKey(key, scratch, 0);
      if (end + 4 <= scratch.length) return Buffer.from(scratch.subarray(0, end));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
    scratch = Buffer.allocUnsafeSlow(scratch.length * 2);
  }
}

/** ordered-binary's short-string path, for a string of any length. */
function writeText(text: string, target: Uint8Array, position: number): number {
  if (!(text.charCodeAt(0) >= 28)) target[position++] = 27; // marks a string that starts low or is empty
  for (let i = 0; i < text.length; i++) {
    if (position + 4 > target.length) throw new RangeError('String does not fit in target buffer');
    let c = text.charCodeAt(i);
    if (c <= 4) {
      target[position++] = 4;
      target[position++] = c;
    } else if (c < 0x80) {
      target[position++] = c;
    } else if (c < 0x800) {
      target[position++] = (c >> 6) | 0xc0;
      target[position++] = (c & 0x3f) | 0x80;
    } else if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c & 0x03ff) << 10) + (text.charCodeAt(++i) & 0x03ff);
      target[position++] = (c >> 18) | 0xf0;
      target[position++] = ((c >> 12) & 0x3f) | 0x80;
      target[position++] = ((c >> 6) & 0x3f) | 0x80;
      target[position++] = (c & 0x3f) | 0x80;
    } else {
      target[position++] = (c >> 12) | 0xe0;
      target[position++] = ((c >> 6) & 0x3f) | 0x80;
      target[position++] = (c & 0x3f) | 0x80;
    }
  }
  return position;
}

/** ordered-binary (with lmdb-js's null termination on) leaves zeros after a whole key. */
function terminate(position: number, target: Uint8Array, inSequence: boolean): number {
  if (!inSequence) target.fill(0, position, position + 4);
  return position;
}
